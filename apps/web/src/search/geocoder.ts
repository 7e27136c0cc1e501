import type { GeocoderConfig } from "../config.ts";
import type { Bbox } from "../data/release.ts";

/** One address candidate (web.md §3.8.4). */
export interface GeocodeHit {
  label: string;
  lon: number;
  lat: number;
  bbox?: Bbox;
}

/** Reads a provider's answer in one of the three formats of web.md §3.8.4. */
export function parseGeocoderAnswer(format: GeocoderConfig["format"], raw: unknown): GeocodeHit[] {
  const out: GeocodeHit[] = [];
  if (format === "nominatim" && Array.isArray(raw)) {
    for (const r of raw as Record<string, unknown>[]) {
      const lat = Number(r.lat);
      const lon = Number(r.lon);
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
      const bb = Array.isArray(r.boundingbox) ? r.boundingbox.map(Number) : undefined;
      // Nominatim's box is [south, north, west, east].
      const bbox: Bbox | undefined =
        bb && bb.length === 4 && bb.every(Number.isFinite)
          ? [bb[2] as number, bb[0] as number, bb[3] as number, bb[1] as number]
          : undefined;
      out.push({ label: String(r.display_name ?? `${lat}, ${lon}`), lat, lon, bbox });
    }
  } else if (format === "census") {
    const matches = (raw as { result?: { addressMatches?: Record<string, unknown>[] } })?.result
      ?.addressMatches;
    for (const m of matches ?? []) {
      const c = m.coordinates as { x?: unknown; y?: unknown } | undefined;
      const lon = Number(c?.x);
      const lat = Number(c?.y);
      if (Number.isFinite(lat) && Number.isFinite(lon))
        out.push({ label: String(m.matchedAddress ?? `${lat}, ${lon}`), lat, lon });
    }
  } else if (format === "geojson") {
    const features = (raw as { features?: Record<string, unknown>[] })?.features;
    for (const f of features ?? []) {
      const g = f.geometry as { type?: string; coordinates?: unknown[] } | undefined;
      if (g?.type !== "Point" || !Array.isArray(g.coordinates)) continue;
      const lon = Number(g.coordinates[0]);
      const lat = Number(g.coordinates[1]);
      const props = (f.properties ?? {}) as Record<string, unknown>;
      if (Number.isFinite(lat) && Number.isFinite(lon))
        out.push({ label: String(props.label ?? `${lat}, ${lon}`), lat, lon });
    }
  }
  return out;
}

/**
 * A geocoder client: requests only when asked, at most one per `minIntervalMs` (a later request
 * waits), the query URL-encoded into the template, answers cached for the page's lifetime.
 */
export function createGeocoder(
  config: GeocoderConfig,
  deps: { fetch: typeof fetch; now: () => number; sleep: (ms: number) => Promise<void> },
): (query: string) => Promise<GeocodeHit[]> {
  const cache = new Map<string, Promise<GeocodeHit[]>>();
  let next = 0;
  let queue: Promise<unknown> = Promise.resolve();
  return (query) => {
    const key = query.trim().replace(/\s+/g, " ").toLowerCase();
    const hit = cache.get(key);
    if (hit) return hit;
    const run = queue.then(async () => {
      const wait = next - deps.now();
      if (wait > 0) await deps.sleep(wait);
      next = deps.now() + config.minIntervalMs;
      const res = await deps.fetch(config.url.replace("{query}", encodeURIComponent(query.trim())));
      if (!res.ok) return [];
      return parseGeocoderAnswer(config.format, await res.json());
    });
    const safe = run.catch(() => [] as GeocodeHit[]);
    queue = safe;
    cache.set(key, safe);
    return safe;
  };
}
