import type { NeighbourGraph } from "./score-table.ts";

/**
 * Share of each tract's touching neighbours that are disadvantaged before the donut step
 * (methodology.md §11.1): `NaN` when no neighbour counts. With `aland10` given (v2.0) only
 * neighbours with land (`ALAND10 > 0`) count; v1.0 passes `null` and counts every neighbour.
 */
export function computeNeighbourAverage(
  scoreN: Uint8Array,
  graph: NeighbourGraph,
  aland10: Float64Array | null,
): Float64Array {
  const n = scoreN.length;
  if (graph.offsets.length !== n + 1)
    throw new Error(
      `neighbour graph offsets must have one entry per tract plus one (got ${graph.offsets.length})`,
    );
  const out = new Float64Array(n);
  const { offsets, indices } = graph;
  for (let i = 0; i < n; i++) {
    let counted = 0;
    let disadvantaged = 0;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const j = indices[k]!;
      if (j === i) continue;
      if (aland10 !== null && !(aland10[j]! > 0)) continue;
      counted++;
      disadvantaged += scoreN[j]!;
    }
    out[i] = counted === 0 ? Number.NaN : disadvantaged / counted;
  }
  return out;
}
