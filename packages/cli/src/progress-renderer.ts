import type { ProgressEvent, ProgressSink } from "@cejst/schema";

/**
 * Progress for people on a TTY (one rewritten status line: stage, counts, rate) or NDJSON
 * lines on stderr with `--json`; silent when stderr is not a TTY and `--json` is off.
 */
export function createProgressRenderer(options: {
  json: boolean;
  isTTY: boolean;
  write: (text: string) => void;
  now?: () => number;
}): ProgressSink & { finish(): void } {
  const now = options.now ?? (() => performance.now());
  const started = new Map<string, number>();
  let lastDraw = 0;
  let drawn = false;
  const sink = ((e: ProgressEvent) => {
    const t = now();
    if (!started.has(e.stage)) started.set(e.stage, t);
    if (options.json) {
      options.write(`${JSON.stringify({ type: "progress", ...e })}\n`);
      return;
    }
    if (!options.isTTY) return;
    const final = e.total !== undefined && e.done >= e.total;
    if (!final && t - lastDraw < 100) return;
    lastDraw = t;
    const secs = Math.max((t - (started.get(e.stage) ?? t)) / 1000, 1e-3);
    const rate = e.done / secs;
    const count = e.total === undefined ? `${e.done}` : `${e.done}/${e.total}`;
    const unit = e.unit ? ` ${e.unit}` : "";
    const detail = e.detail ? ` ${e.detail}` : "";
    options.write(`\r\x1b[2K${e.stage}: ${count}${unit} (${Math.round(rate)}${unit}/s)${detail}`);
    drawn = true;
  }) as ProgressSink & { finish(): void };
  sink.finish = () => {
    if (drawn) options.write("\n");
    drawn = false;
  };
  return sink;
}
