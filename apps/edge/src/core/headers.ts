/** Response headers for each outcome class (rollout.md §1.11; web.md §1.6). */
import type { CachePolicy, Scope } from "./resolve.ts";

/** Headers that do not depend on the body. */
export type HeaderMap = Record<string, string>;

const CACHE: Readonly<Record<CachePolicy, string>> = {
  immutable: "public, max-age=31536000, immutable",
  "no-cache": "no-cache",
  short: "public, max-age=60",
  "no-store": "no-store",
};

/** Options for site security headers. */
export interface HeaderOptions {
  /** Overrides the default Content-Security-Policy of site responses. */
  contentSecurityPolicy?: string;
}

/**
 * The default policy: everything from the site's own origin, no inline or eval'd scripts
 * (web.md §1.6). MapLibre's worker is a same-origin file; `blob:` stays allowed for
 * workers and images because MapLibre creates them for sprites and fallbacks.
 */
export const DEFAULT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The default policy with `connect-src` widened to the origins the distribution's own config
 * names (its geocoder); nothing else is ever added.
 */
export function cspFor(connect: readonly string[] | undefined): string {
  if (connect === undefined || connect.length === 0) return DEFAULT_CSP;
  return DEFAULT_CSP.replace("connect-src 'self'", `connect-src 'self' ${connect.join(" ")}`);
}

/** Headers every response in `scope` carries, whatever its status. */
export function scopeHeaders(scope: Scope, opts: HeaderOptions = {}): HeaderMap {
  const h: HeaderMap = { "x-content-type-options": "nosniff" };
  if (scope.kind === "channel" || scope.kind === "staging") {
    h["x-cejst-distribution"] = scope.distribution;
    h["content-security-policy"] = opts.contentSecurityPolicy ?? cspFor(scope.connect);
    h["x-frame-options"] = "DENY";
    h["referrer-policy"] = scope.kind === "staging" ? "no-referrer" : "strict-origin-when-cross-origin";
  }
  if (scope.kind === "channel") h["x-cejst-generation"] = String(scope.gen);
  if (scope.kind === "staging") h["x-robots-tag"] = "noindex, nofollow";
  if (scope.kind === "data") {
    h["access-control-allow-origin"] = "*";
    h["access-control-expose-headers"] = "Content-Range, Content-Length, ETag, Accept-Ranges";
  }
  return h;
}

/** `Cache-Control` for a policy. */
export function cacheControl(policy: CachePolicy): string {
  return CACHE[policy];
}

/** Headers of a CORS preflight answer on the data host. */
export function preflightHeaders(): HeaderMap {
  return {
    "access-control-allow-methods": "GET, HEAD, OPTIONS",
    "access-control-allow-headers": "Range, If-None-Match, If-Range",
    "access-control-max-age": "86400",
  };
}
