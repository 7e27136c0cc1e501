/**
 * numpy's `round(x, 10)` (multiply, round half to even, divide), which the NRI adapter applies
 * to every float column before writing it with `%.10f`. Near-zero loss rates tie differently
 * in the percentiles if this is not reproduced exactly (methodology §6.4).
 */
export function nri10(x: number): number {
  if (!Number.isFinite(x)) return x;
  const y = x * 1e10;
  let r = Math.round(y);
  // Math.round sends .5 up; numpy's rint sends it to the even neighbour.
  if (r - y === 0.5 && r % 2 !== 0) r -= 1;
  return r / 1e10;
}
