/** A version offered by a distribution (web.md §1.2). */
export interface VersionEntry {
  id: string;
  path: string;
  status: "current" | "previous" | "archived" | "candidate";
}

/** A localised string of the config (`{ en, es }`). */
export interface Localised {
  en?: string;
  es?: string;
}

/** The address-search provider (web.md §3.8.4). */
export interface GeocoderConfig {
  /** URL template with `{query}`. */
  url: string;
  format: "nominatim" | "census" | "geojson";
  attribution: string;
  minIntervalMs: number;
}

/** The fields of `config.json` this app reads. */
export interface SiteConfig {
  environment: "production" | "staging" | "local";
  baseUrl: string;
  defaultVersion: string;
  versions: VersionEntry[];
  siteName?: Localised;
  publisher?: Localised;
  contact?: { email?: string; url?: string };
  sourceUrl?: string;
  geocoder?: GeocoderConfig;
  /** Per-tract feedback form (web.md §1.2); absent hides every feedback control. */
  feedback?: FeedbackConfig;
}

/** `feedback` of `config.json`. */
export interface FeedbackConfig {
  /** URL template with `{geoid}` (and usually `{lang}`), absolute `http(s)` or site-relative. */
  tractUrl: string;
}

/** `config.json` is missing, unreadable or fails the schema; `field` names the first failing field. */
export class ConfigError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = "ConfigError";
    this.field = field;
  }
}

const STATUSES = new Set(["current", "previous", "archived", "candidate"]);
const ENVIRONMENTS = new Set(["production", "staging", "local"]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Validates a parsed `config.json` (schema version 1). Unknown fields are ignored; the first
 * missing or wrong field is named in the error.
 */
export function parseConfig(raw: unknown): SiteConfig {
  const fail = (field: string, got: unknown): never => {
    throw new ConfigError(field, `config.json ${field} is missing or invalid (got ${JSON.stringify(got)})`);
  };
  if (!isObject(raw)) return fail("(root)", raw);
  if (raw.schemaVersion !== 1) fail("schemaVersion", raw.schemaVersion);
  const site = raw.site;
  if (!isObject(site) || !ENVIRONMENTS.has(String(site.environment)))
    fail("site.environment", isObject(site) ? site.environment : site);
  const data = raw.data;
  if (!isObject(data)) return fail("data", data);
  if (typeof data.baseUrl !== "string" || data.baseUrl === "") fail("data.baseUrl", data.baseUrl);
  if (!Array.isArray(data.versions) || data.versions.length === 0) fail("data.versions", data.versions);
  const versions = (data.versions as unknown[]).map((v, i): VersionEntry => {
    if (!isObject(v) || typeof v.id !== "string" || v.id === "")
      return fail(`data.versions[${i}].id`, isObject(v) ? v.id : v);
    if (!STATUSES.has(String(v.status))) fail(`data.versions[${i}].status`, v.status);
    if (v.path !== undefined && typeof v.path !== "string") fail(`data.versions[${i}].path`, v.path);
    const path = typeof v.path === "string" ? v.path : `${v.id}/`;
    return {
      id: v.id,
      path: path.endsWith("/") ? path : `${path}/`,
      status: v.status as VersionEntry["status"],
    };
  });
  if (typeof data.defaultVersion !== "string") fail("data.defaultVersion", data.defaultVersion);
  if (!versions.some((v) => v.id === data.defaultVersion)) fail("data.defaultVersion", data.defaultVersion);
  const out: SiteConfig = {
    environment: (site as { environment: SiteConfig["environment"] }).environment,
    baseUrl: data.baseUrl as string,
    defaultVersion: data.defaultVersion as string,
    versions,
  };
  const localised = (field: string, v: unknown): Localised | undefined => {
    if (v === undefined || v === null) return undefined;
    if (!isObject(v) || Object.values(v).some((x) => typeof x !== "string")) return fail(field, v);
    return { en: v.en as string | undefined, es: v.es as string | undefined };
  };
  const s = site as Record<string, unknown>;
  out.siteName = localised("site.name", s.name);
  out.publisher = localised("site.publisher", s.publisher);
  if (raw.contact !== undefined && raw.contact !== null) {
    const c = raw.contact;
    if (
      !isObject(c) ||
      (c.email !== undefined && typeof c.email !== "string") ||
      (c.url !== undefined && typeof c.url !== "string")
    )
      fail("contact", c);
    out.contact = { email: (c as Record<string, string>).email, url: (c as Record<string, string>).url };
  }
  const links = raw.links;
  if (isObject(links) && links.source !== undefined) {
    if (typeof links.source !== "string") fail("links.source", links.source);
    out.sourceUrl = links.source as string;
  }
  if (raw.geocoder !== undefined && raw.geocoder !== null) {
    const g = raw.geocoder;
    if (!isObject(g)) return fail("geocoder", g);
    if (typeof g.url !== "string" || !g.url.includes("{query}")) fail("geocoder.url", g.url);
    const format = g.format ?? "nominatim";
    if (format !== "nominatim" && format !== "census" && format !== "geojson")
      fail("geocoder.format", g.format);
    if (g.attribution !== undefined && typeof g.attribution !== "string")
      fail("geocoder.attribution", g.attribution);
    if (g.minIntervalMs !== undefined && (typeof g.minIntervalMs !== "number" || g.minIntervalMs < 0))
      fail("geocoder.minIntervalMs", g.minIntervalMs);
    out.geocoder = {
      url: g.url as string,
      format: format as GeocoderConfig["format"],
      attribution: (g.attribution as string | undefined) ?? "",
      minIntervalMs: (g.minIntervalMs as number | undefined) ?? 1000,
    };
  }
  if (raw.feedback !== undefined && raw.feedback !== null) {
    const f = raw.feedback;
    if (!isObject(f)) return fail("feedback", f);
    if (!isFeedbackTemplate(f.tractUrl)) fail("feedback.tractUrl", f.tractUrl);
    out.feedback = { tractUrl: f.tractUrl as string };
  }
  return out;
}

/**
 * A feedback template must name the tract and, filled in, be an `http(s)` URL (relative ones
 * resolve against the site), so a config cannot turn the link into a `javascript:` or `data:` one.
 */
function isFeedbackTemplate(v: unknown): boolean {
  if (typeof v !== "string" || !v.includes("{geoid}")) return false;
  try {
    const filled = v.replaceAll("{geoid}", "01001020100").replaceAll("{lang}", "en");
    const u = new URL(filled, "https://site.invalid/");
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}
