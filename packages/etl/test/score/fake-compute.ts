import type { ScoreColumn, ScoreTableInput } from "@cejst/methodology";
import type { ComputeScoreTable } from "../../src/score/run-score.ts";

/**
 * A stand-in for the methodology that echoes a few inputs back as columns of every kind,
 * so the I/O around scoring can be tested on its own.
 */
export const echoCompute: ComputeScoreTable = (input: ScoreTableInput) => {
  const n = input.geoids.length;
  const pop = input.numeric.get("Total population");
  const mine = input.flags.get("Is there at least one abandoned mine in this census tract?");
  const v1 = input.flags.get("Definition N community, including adjacency index tracts v1.0");
  const degree = Array.from(
    { length: n },
    (_, i) => (input.neighbours.offsets[i + 1] as number) - (input.neighbours.offsets[i] as number),
  );
  const columns: ScoreColumn[] = [
    { name: "GEOID10_TRACT", kind: "text", values: [...input.geoids] },
    {
      name: "Total population",
      kind: "float",
      values: Array.from(pop ?? [], (x) => (Number.isNaN(x) ? null : x)),
    },
    { name: "Neighbour count", kind: "int", values: degree },
    { name: "Is there at least one abandoned mine in this census tract?", kind: "bool", values: mine ?? [] },
    {
      name: "Names of Tribal areas within Census tract",
      kind: "text",
      values: input.text.get("Names of Tribal areas within Census tract") ?? [],
    },
    { name: "ALAND10", kind: "float", values: Array.from(input.aland10) },
    {
      name: "Definition N community, including adjacency index tracts",
      kind: "bool",
      values: degree.map((d) => d >= 8),
    },
  ];
  if (v1)
    columns.push({
      name: "Definition N community, including adjacency index tracts v1.0",
      kind: "bool",
      values: v1,
    });
  return { columns, trace: (row: number) => ({ neighbours: degree[row] }) as never };
};
