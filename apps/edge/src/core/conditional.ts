/** Conditional request evaluation (RFC 9110 §13) for strong, sha256-based validators. */

/** Formats a strong entity tag from a bare hex digest. */
export function etagOf(sha256: string, encoding?: string): string {
  return encoding === undefined ? `"${sha256}"` : `"${sha256}-${encoding}"`;
}

function tags(header: string): string[] {
  return header
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .map((t) => (t.startsWith("W/") ? t.slice(2) : t));
}

/**
 * True when `If-None-Match` matches the representation, so a GET/HEAD gets 304. The
 * comparison is weak (§13.1.2); an encoded variant's tag matches its identity variant
 * because both name the same bytes once decoded.
 */
export function noneMatch(header: string | undefined, sha256: string): boolean {
  if (header === undefined) return false;
  if (header.length > 8192) return false;
  for (const t of tags(header)) {
    if (t === "*") return true;
    const m = /^"([0-9a-f]{64})(?:-[a-z]+)?"$/.exec(t);
    if (m !== null && m[1] === sha256) return true;
  }
  return false;
}

/**
 * True when a `Range` may be honoured given `If-Range` (§13.1.5): absent, or an exact
 * strong match. A date never matches, since the edge sends no `Last-Modified`.
 */
export function ifRangeAllows(header: string | undefined, sha256: string): boolean {
  if (header === undefined) return true;
  return header.trim() === etagOf(sha256);
}
