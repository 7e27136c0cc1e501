/** Which rule set a tract falls under (methodology.md §1.2): 0 nation, 1 Puerto Rico, 2 island area. */
export type AreaCode = 0 | 1 | 2;

export const NATION: AreaCode = 0;
export const PUERTO_RICO: AreaCode = 1;
export const ISLAND_AREA: AreaCode = 2;

/** Classifies every GEOID by its state prefix; AS, GU, MP and VI are island areas, PR is not. */
export function classifyAreas(geoids: readonly string[]): Uint8Array {
  const out = new Uint8Array(geoids.length);
  for (let i = 0; i < geoids.length; i++) {
    const s = geoids[i]!.slice(0, 2);
    out[i] =
      s === "72" ? PUERTO_RICO : s === "60" || s === "66" || s === "69" || s === "78" ? ISLAND_AREA : NATION;
  }
  return out;
}
