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

/** Formats a camera as a hash, with the precision the original used. */
export const cameraHash = (c: Camera): string =>
  `#${c.zoom.toFixed(2)}/${c.lat.toFixed(4)}/${c.lon.toFixed(4)}`;
