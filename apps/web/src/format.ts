/**
 * ⌊100·v⌋ without the floating-point trap (`Math.floor(0.57 * 100)` is 56). When the caller
 * knows the full-precision test failed, the displayed value never reaches the threshold
 * (web.md §3.7.8): 0.8999 shows 89 and "not met", 0.9 shows 90 and "met".
 */
export function wholePercent(v: number, threshold?: number, met?: boolean): number {
  const n = Math.floor(100 * v + 1e-9);
  if (threshold !== undefined && met === false) {
    const t = Math.round(threshold * 100);
    if (n >= t && v < threshold) return t - 1;
  }
  return n;
}

/** Distance to a threshold in percentile points, one decimal; `undefined` means at the threshold. */
export function distancePoints(margin: number): { dir: "above" | "below" | "at"; points: number } {
  const points = Math.round(Math.abs(margin) * 1000) / 10;
  if (Math.abs(margin * 100) < 0.05) return { dir: "at", points: 0 };
  return { dir: margin > 0 ? "above" : "below", points };
}

/** A byte count in the page language (`2.6 MB`). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: units[i],
    unitDisplay: "short",
    maximumFractionDigits: i === 0 ? 0 : 1,
  }).format(v);
}

/** Normalises typed input to a tract id: 10 or 11 digits, ignoring spaces, dots and dashes. */
export function normaliseTractId(input: string): string | undefined {
  const digits = input.replace(/[\s.-]/g, "");
  if (!/^\d+$/.test(digits)) return undefined;
  if (digits.length === 11) return digits;
  if (digits.length === 10) return `0${digits}`;
  return undefined;
}
