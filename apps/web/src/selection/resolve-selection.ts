import type { TableRow } from "../table/table-model.ts";
import type { TractsParam } from "./tracts-param.ts";

/** A `tracts=` value resolved against the tract table. */
export interface ResolvedSelection {
  /** Tract ids in the address's order: listed tracts, then each county's, then each state's. */
  ids: string[];
  /** County and state codes with every tract id they stand for (for `formatTractsParam`). */
  groups: Map<string, string[]>;
  /** Entries naming no tract of this version: unknown ids, empty counties or states, and rejected text. */
  unknown: string[];
}

/** The states whose tract table shards are needed to resolve `p`. */
export function statesNeeded(p: TractsParam): string[] {
  const out = new Set<string>([...p.tracts, ...p.counties].map((id) => id.slice(0, 2)));
  for (const s of p.states) out.add(s);
  return [...out].sort();
}

/**
 * Expands county and state codes into their tracts and checks listed ids, given the rows of
 * (at least) the states of `statesNeeded(p)`.
 */
export function resolveSelection(p: TractsParam, rows: readonly TableRow[]): ResolvedSelection {
  const known = new Set(rows.map((r) => r.geoid));
  const ids: string[] = [];
  const seen = new Set<string>();
  const push = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    ids.push(id);
  };
  const unknown: string[] = [...p.rejected];
  for (const id of p.tracts) {
    if (known.has(id)) push(id);
    else unknown.push(id);
  }
  const groups = new Map<string, string[]>();
  for (const code of [...p.counties, ...p.states]) {
    const members = rows.filter((r) => r.geoid.startsWith(code)).map((r) => r.geoid);
    if (members.length === 0) {
      unknown.push(code);
      continue;
    }
    groups.set(code, members);
    for (const id of members) push(id);
  }
  return { ids, groups, unknown };
}
