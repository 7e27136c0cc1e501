/** Deepest zoom whose tile ids stay exact in a double (4^26 < 2^53). */
const MAX_ZOOM = 26;

/**
 * PMTiles v3 tile id: the number of tiles in all shallower zooms plus the position of (x, y) on
 * the zoom's Hilbert curve, so ids sort zoom by zoom and neighbours stay close on disk.
 * Arithmetic uses multiplication rather than shifts because ids exceed 32 bits from z16.
 */
export function zxyToTileId(z: number, x: number, y: number): number {
  if (!Number.isInteger(z) || z < 0 || z > MAX_ZOOM)
    throw new Error(`tile zoom must be 0..${MAX_ZOOM} (got ${z})`);
  const n = 2 ** z;
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= n || y >= n) {
    throw new Error(`tile x/y must be within 0..${n - 1} at z${z} (got ${x}/${y})`);
  }
  let base = 0;
  for (let level = 0, size = 1; level < z; level++, size *= 4) base += size;
  let d = 0;
  let px = x;
  let py = y;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (px & s) !== 0 ? 1 : 0;
    const ry = (py & s) !== 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    // Rotate the quadrant so the curve's sub-squares join end to end (Hilbert's construction).
    if (ry === 0) {
      if (rx === 1) {
        px = n - 1 - px;
        py = n - 1 - py;
      }
      const t = px;
      px = py;
      py = t;
    }
  }
  return base + d;
}
