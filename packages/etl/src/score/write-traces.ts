import { open } from "node:fs/promises";

/**
 * Writes one JSON object per line per tract: `GEOID10_TRACT` first, then the fields of the
 * tract's decision trace (a non-object trace goes under `trace`).
 */
export async function writeTraces(
  path: string,
  geoids: readonly string[],
  traceOf: (row: number) => unknown,
): Promise<void> {
  const file = await open(path, "w");
  try {
    for (let start = 0; start < geoids.length; start += 2000) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(geoids.length, start + 2000); i++) {
        const trace = traceOf(i);
        const body =
          trace !== null && typeof trace === "object" && !Array.isArray(trace)
            ? { GEOID10_TRACT: geoids[i], ...(trace as object) }
            : { GEOID10_TRACT: geoids[i], trace: trace ?? null };
        lines.push(JSON.stringify(body));
      }
      await file.write(`${lines.join("\n")}\n`);
    }
  } finally {
    await file.close();
  }
}
