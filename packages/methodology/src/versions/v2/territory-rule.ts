import { ISLAND_AREA } from "../../area.ts";

/**
 * v2.0 territory rule (methodology.md §9): an island-area tract (AS, GU, MP, VI; not PR) that
 * is low income is disadvantaged on its own. Runs before the donut step, so these tracts
 * count as disadvantaged neighbours. Updates `scoreN` in place.
 */
export function applyTerritoryRule(scoreN: Uint8Array, isLowIncome: Uint8Array, area: Uint8Array): void {
  for (let i = 0; i < scoreN.length; i++) if (area[i] === ISLAND_AREA && isLowIncome[i] === 1) scoreN[i] = 1;
}
