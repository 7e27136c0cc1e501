import { BufferedTextWriter } from "../io/buffered-text-writer.ts";

/**
 * Writes one JSON object per line per tract: `GEOID10_TRACT` first, then the fields of the
 * tract's decision trace (a non-object trace goes under `trace`).
 */
export async function writeTraces(
  path: string,
  geoids: readonly string[],
  traceOf: (row: number) => unknown,
): Promise<void> {
  const out = await BufferedTextWriter.open(path);
  try {
    for (let i = 0; i < geoids.length; i++) {
      const trace = traceOf(i);
      const key = `{"GEOID10_TRACT":${JSON.stringify(geoids[i])}`;
      let line: string;
      if (trace !== null && typeof trace === "object" && !Array.isArray(trace)) {
        // Splice the key in front of the serialised trace instead of copying the object.
        const body = JSON.stringify(trace);
        line = body === "{}" ? `${key}}\n` : `${key},${body.slice(1)}\n`;
      } else line = `${key},"trace":${JSON.stringify(trace ?? null)}}\n`;
      const pending = out.write(line);
      if (pending) await pending;
    }
  } finally {
    await out.close();
  }
}
