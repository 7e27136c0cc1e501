import { createHash, scryptSync, timingSafeEqual } from "node:crypto";
import type { StagingAuth } from "./types.ts";

/** Name of the cookie that carries a staging token after `?token=` was accepted. */
export const STAGING_COOKIE = "cejst_staging";

/** Lowercase hex sha256 of a string. */
export function sha256Text(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** True when `token` is the staging token whose sha256 the record keeps. */
export function tokenMatches(auth: { sha256: string }, token: string | undefined): boolean {
  if (token === undefined || token.length === 0 || token.length > 256) return false;
  return sameHex(sha256Text(token), auth.sha256);
}

/** The value of one cookie in a `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined || header.length > 8192) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

// scrypt is deliberately slow; remember credentials already checked so a browser sending
// the header on every request does not pay for it each time. Bounded to stay small.
const verified = new Map<string, boolean>();

/** True when an `Authorization: Basic …` header carries the user and password of `auth`. */
export function basicMatches(
  auth: Extract<StagingAuth, { scheme: "basic" }>,
  header: string | undefined,
): boolean {
  if (header === undefined || header.length > 1024) return false;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (m === null) return false;
  const cacheKey = sha256Text(`${auth.salt}\n${auth.hash}\n${m[1]}`);
  const known = verified.get(cacheKey);
  if (known !== undefined) return known;
  const decoded = Buffer.from(m[1] ?? "", "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  let ok = false;
  if (colon !== -1 && decoded.slice(0, colon) === auth.user) {
    const expected = Buffer.from(auth.hash, "base64");
    const got = scryptSync(decoded.slice(colon + 1), Buffer.from(auth.salt, "base64"), expected.length, {
      N: auth.N,
      r: auth.r,
      p: auth.p,
      maxmem: 256 * auth.N * auth.r + 1024 * 1024,
    });
    ok = expected.length > 0 && timingSafeEqual(got, expected);
  }
  if (verified.size >= 1024) verified.clear();
  verified.set(cacheKey, ok);
  return ok;
}
