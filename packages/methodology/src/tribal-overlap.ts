import { THRESHOLDS } from "./thresholds.ts";

/**
 * `Identified as disadvantaged due to tribal overlap` from the tribal share (methodology.md
 * §10): strictly more than 99.5 % of the tract's area; a tract without tribal overlap
 * (missing share) is `null`, which the rules treat as false. Exported for the tribal adapter.
 */
export function classifyTribalOverlap(share: number | null): boolean | null {
  if (share === null || Number.isNaN(share)) return null;
  return share > THRESHOLDS.tribalShare;
}
