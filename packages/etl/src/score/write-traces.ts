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
        const key = `{"GEOID10_TRACT":${JSON.stringify(geoids[i])}`;
        if (trace !== null && typeof trace === "object" && !Array.isArray(trace)) {
          // Splice the key in front of the serialised trace instead of copying the object.
          const body = JSON.stringify(trace);
          lines.push(body === "{}" ? `${key}}` : `${key},${body.slice(1)}`);
        } else lines.push(`${key},"trace":${JSON.stringify(trace ?? null)}}`);
      }
      await file.write(`${lines.join("\n")}\n`);
    }
  } finally {
    await file.close();
  }
}
