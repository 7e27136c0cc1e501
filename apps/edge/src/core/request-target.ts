/**
 * Parsing of the request target and `Host` header. Everything here treats input as hostile:
 * the result is either clean segments that can become a store key, or a rejection.
 */

/** A request path split into decoded segments, plus its query. */
export interface RequestTarget {
  /** Decoded segments; `[]` for `/`. A trailing slash gives a final `""` segment. */
  segments: string[];
  query: URLSearchParams;
}

/** Longest request target accepted; longer ones are refused before any parsing. */
export const MAX_TARGET_LENGTH = 4096;

/**
 * Parses an origin-form (or absolute-form) request target. Segments are decoded one by one
 * after splitting, so an encoded slash (`%2f`) can never create a new segment. Returns
 * `undefined` for anything that is not a clean path: bad percent-encoding, `.`/`..`
 * segments (plain or encoded), empty inner segments, backslashes, NUL or other control
 * characters.
 */
export function parseTarget(raw: string): RequestTarget | undefined {
  if (raw.length === 0 || raw.length > MAX_TARGET_LENGTH) return undefined;
  let target = raw;
  if (!target.startsWith("/")) {
    // absolute-form (RFC 9112 §3.2.2), sent to proxies; keep only the path and query
    const m = /^https?:\/\/[^/?#]*(.*)$/i.exec(target);
    if (m === null) return undefined;
    target = m[1] === "" || m[1] === undefined ? "/" : m[1];
    if (!target.startsWith("/")) return undefined;
  }
  const hash = target.indexOf("#");
  if (hash !== -1) target = target.slice(0, hash);
  const q = target.indexOf("?");
  const path = q === -1 ? target : target.slice(0, q);
  const query = new URLSearchParams(q === -1 ? "" : target.slice(q + 1));
  const rawSegments = path.slice(1).split("/");
  const segments: string[] = [];
  for (let i = 0; i < rawSegments.length; i++) {
    const seg = decodeSegment(rawSegments[i] ?? "");
    if (seg === undefined) return undefined;
    const last = i === rawSegments.length - 1;
    if (seg === "" && !last) return undefined;
    if (seg === "." || seg === "..") return undefined;
    segments.push(seg);
  }
  if (segments.length === 1 && segments[0] === "") segments.pop();
  return { segments, query };
}

function decodeSegment(raw: string): string | undefined {
  let seg: string;
  try {
    seg = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  // A decoded "/" or "\" would let one segment act as two once joined into a key.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[/\\\u0000-\u001f\u007f]/.test(seg)) return undefined;
  return seg;
}

/**
 * Normalises a `Host` header: lowercase, port and one trailing dot removed. Returns
 * `undefined` when the header is absent or not a plausible host name.
 */
export function parseHost(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  let host = header.trim().toLowerCase();
  if (host.length === 0 || host.length > 260) return undefined;
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    if (end === -1) return undefined;
    return host.slice(0, end + 1);
  }
  const colon = host.indexOf(":");
  if (colon !== -1) {
    if (!/^\d{1,5}$/.test(host.slice(colon + 1))) return undefined;
    host = host.slice(0, colon);
  }
  if (host.endsWith(".")) host = host.slice(0, -1);
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)) return undefined;
  return host;
}
