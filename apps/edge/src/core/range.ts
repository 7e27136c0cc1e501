/** Parsing of a single `Range: bytes=…` header (RFC 9110 §14). */

/** The outcome of reading a `Range` header against a representation of `size` bytes. */
export type RangeDecision =
  | { kind: "full" }
  | { kind: "partial"; start: number; end: number }
  | { kind: "unsatisfiable" };

/** Range headers longer than this are ignored rather than parsed. */
export const MAX_RANGE_HEADER = 200;

/**
 * Decides how to answer a `Range` header. Only one range is honoured: a multi-range,
 * malformed or oversized header is ignored and the whole representation is sent, which
 * RFC 9110 §14.2 allows. A syntactically valid range that starts past the end is
 * unsatisfiable (416). Ends past the last byte are clamped.
 *
 * @example parseRange("bytes=0-99", 1000) //= { kind: "partial", start: 0, end: 99 }
 */
export function parseRange(header: string | undefined, size: number): RangeDecision {
  if (header === undefined || header.length > MAX_RANGE_HEADER) return { kind: "full" };
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (m === null) return { kind: "full" };
  const [, a = "", b = ""] = m;
  if (a === "" && b === "") return { kind: "full" };
  if (a === "") {
    // suffix range: the last N bytes
    const n = Number(b);
    if (!Number.isSafeInteger(n)) return { kind: "full" };
    if (n === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  if (!Number.isSafeInteger(start)) return { kind: "unsatisfiable" };
  let end = b === "" ? size - 1 : Number(b);
  if (b !== "" && end < start) return { kind: "full" };
  if (start >= size) return { kind: "unsatisfiable" };
  if (!Number.isSafeInteger(end) || end > size - 1) end = size - 1;
  return { kind: "partial", start, end };
}
