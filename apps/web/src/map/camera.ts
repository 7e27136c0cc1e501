/** A camera in the original site's hash form `#zoom/lat/lon`. */
export interface Camera {
  zoom: number;
  lat: number;
  lon: number;
}

/** The default camera `#3/33.47/-97.5` (web.md §3.2). */
export const DEFAULT_CAMERA: Camera = { zoom: 3, lat: 33.47, lon: -97.5 };

/** Parses `#9.5/33.52/-86.80`; anything else is undefined. */
export function parseCameraHash(hash: string): Camera | undefined {
  const m = /^#(-?[\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(hash);
  if (!m) return undefined;
  const [zoom, lat, lon] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (![zoom, lat, lon].every(Number.isFinite) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return { zoom, lat, lon };
}

/**
 * Formats a camera as the original site's hash (MapLibre's `hash` option): zoom to two
 * decimals, latitude and longitude to as many decimals as a pixel needs at that zoom, with no
 * trailing zeros, so the default camera reads `#3/33.47/-97.5` and a link keeps its own digits.
 */
export function cameraHash(c: Camera): string {
  const precision = Math.max(0, Math.ceil((c.zoom * Math.LN2 + Math.log(512 / 360 / 0.5)) / Math.LN10));
  const m = 10 ** precision;
  const r = (x: number) => {
    const v = Math.round(x * m) / m;
    return Object.is(v, -0) ? 0 : v;
  };
  return `#${Math.round(c.zoom * 100) / 100}/${r(c.lat)}/${r(c.lon)}`;
}
