/**
 * v1.0 student adjustment of the 200 % FPL rate (methodology.md §5.3): subtract the
 * college-enrolment rate, which includes dormitory residents, and floor at 0. Inputs are the
 * raw-or-imputed rates (`x ?? imputed(x)`); a missing side gives `null`.
 */
export function computeAdjustedLowIncomeV1(
  p200Rate: number | null,
  collegeRate: number | null,
): number | null {
  if (p200Rate === null || collegeRate === null || Number.isNaN(p200Rate) || Number.isNaN(collegeRate))
    return null;
  return Math.max(p200Rate - collegeRate, 0);
}
