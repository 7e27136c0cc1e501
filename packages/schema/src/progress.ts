/**
 * Progress of long work. Libraries call a `ProgressSink` they are given; the CLI renders
 * it as a status line on a TTY or as NDJSON with `--json`.
 */
export interface ProgressEvent {
  /** Stage name, e.g. `read`, `percentiles`, `write`. */
  stage: string;
  /** Units done so far in this stage. */
  done: number;
  /** Units in the stage, when known. */
  total?: number;
  /** What a unit is (`rows`, `tracts`, `bytes`, `files`). */
  unit?: string;
  /** Free-form detail (a file name). */
  detail?: string;
}

/** Receives progress; must be cheap, it may be called often. */
export type ProgressSink = (event: ProgressEvent) => void;

/** A sink that drops every event. */
export const noProgress: ProgressSink = () => {};
