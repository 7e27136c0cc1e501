/**
 * The sign of the orientation of three points, exact for any float64 input. Adjacency
 * depends on whether a vertex lies exactly on another tract's edge, so a rounded cross
 * product is not good enough: it can both miss and invent a contact. The fast path uses
 * Shewchuk's error bound; the rare uncertain cases are recomputed in exact integer
 * arithmetic.
 */

const EPSILON = 2 ** -53;
/** Shewchuk's `ccwerrboundA`: beyond it the rounded determinant has the right sign. */
const ERRBOUND = (3 + 16 * EPSILON) * EPSILON;

const view = new DataView(new ArrayBuffer(8));

/** `x · 2^1074` as an exact integer (every finite float64 is a multiple of 2^-1074). */
function scaledInteger(x: number): bigint {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const exponent = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exponent !== 0) mantissa = (mantissa | (1n << 52n)) << BigInt(exponent - 1);
  return hi >>> 31 ? -mantissa : mantissa;
}

function orientExact(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const acx = scaledInteger(ax) - scaledInteger(cx);
  const bcy = scaledInteger(by) - scaledInteger(cy);
  const acy = scaledInteger(ay) - scaledInteger(cy);
  const bcx = scaledInteger(bx) - scaledInteger(cx);
  const det = acx * bcy - acy * bcx;
  return det > 0n ? 1 : det < 0n ? -1 : 0;
}

/**
 * Returns 1 when `c` lies left of the directed line `a → b` (counter-clockwise), -1 when
 * right, 0 when the three points are exactly collinear. Inputs must be finite.
 */
export function orient2d(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const detLeft = (ax - cx) * (by - cy);
  const detRight = (ay - cy) * (bx - cx);
  const det = detLeft - detRight;
  let detSum: number;
  if (detLeft > 0) {
    if (detRight <= 0) return det > 0 ? 1 : det < 0 ? -1 : 0;
    detSum = detLeft + detRight;
  } else if (detLeft < 0) {
    if (detRight >= 0) return det > 0 ? 1 : det < 0 ? -1 : 0;
    detSum = -detLeft - detRight;
  } else {
    // A zero product means a zero difference (exact for finite floats); the sign of the
    // other rounded product is then exact.
    return det > 0 ? 1 : det < 0 ? -1 : 0;
  }
  const bound = ERRBOUND * detSum;
  if (det >= bound || -det >= bound) return det > 0 ? 1 : det < 0 ? -1 : 0;
  return orientExact(ax, ay, bx, by, cx, cy);
}

/**
 * True when the closed segments `p1–p2` and `q1–q2` share at least one point (crossing,
 * touching at an endpoint, a vertex on the other's interior, or collinear overlap). Exact.
 */
export function segmentsIntersect(
  p1x: number,
  p1y: number,
  p2x: number,
  p2y: number,
  q1x: number,
  q1y: number,
  q2x: number,
  q2y: number,
): boolean {
  const o1 = orient2d(p1x, p1y, p2x, p2y, q1x, q1y);
  const o2 = orient2d(p1x, p1y, p2x, p2y, q2x, q2y);
  if (o1 !== 0 && o1 === o2) return false;
  const o3 = orient2d(q1x, q1y, q2x, q2y, p1x, p1y);
  const o4 = orient2d(q1x, q1y, q2x, q2y, p2x, p2y);
  if (o3 !== 0 && o3 === o4) return false;
  if (o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) return true;
  return (
    (o1 === 0 && inBox(p1x, p1y, p2x, p2y, q1x, q1y)) ||
    (o2 === 0 && inBox(p1x, p1y, p2x, p2y, q2x, q2y)) ||
    (o3 === 0 && inBox(q1x, q1y, q2x, q2y, p1x, p1y)) ||
    (o4 === 0 && inBox(q1x, q1y, q2x, q2y, p2x, p2y))
  );
}

/** Whether `c`, known to be collinear with `a–b`, lies on the closed segment. */
function inBox(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return cx >= Math.min(ax, bx) && cx <= Math.max(ax, bx) && cy >= Math.min(ay, by) && cy <= Math.max(ay, by);
}
