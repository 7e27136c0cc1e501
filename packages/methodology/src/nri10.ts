/**
 * The FEMA NRI adapter rounded every float to 10 decimals (numpy `round(x, 10)`) and wrote it
 * with `%.10f`; the score read that file back. Many population loss rates sit near `1e-6`, so
 * skipping this changes which tracts tie (methodology.md §6.4).
 */
export function nri10(x: number): number {
  if (!Number.isFinite(x)) return x;
  // numpy multiplies in float64 and rounds half to even, then divides.
  const y = x * 1e10;
  let r = Math.round(y);
  if (Math.abs(y % 1) === 0.5 && r % 2 !== 0) r -= 1;
  return r / 1e10;
}
