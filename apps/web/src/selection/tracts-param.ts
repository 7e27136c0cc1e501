/**
 * The area selection's URL form (web.md §3.10): `tracts=` lists 11-digit tract ids (10 digits
 * get the leading zero back), 5-digit county codes and 2-digit state codes, comma separated.
 */
export interface TractsParam {
  /** Tract ids, normalised, unique, in the order given. */
  tracts: string[];
  /** 5-digit county codes (every tract of the county). */
  counties: string[];
  /** 2-digit state codes (every tract of the state or territory). */
  states: string[];
  /** Entries that are none of these, as typed. */
  rejected: string[];
}

/** Parses `tracts=`; spaces, dots and dashes inside an entry are ignored. */
export function parseTractsParam(param: string | null | undefined): TractsParam {
  const out: TractsParam = { tracts: [], counties: [], states: [], rejected: [] };
  for (const raw of (param ?? "").split(",")) {
    const text = raw.trim();
    if (text === "") continue;
    const digits = text.replace(/[\s.-]/g, "");
    const list = !/^\d+$/.test(digits)
      ? undefined
      : digits.length === 11 || digits.length === 10
        ? out.tracts
        : digits.length === 5
          ? out.counties
          : digits.length === 2
            ? out.states
            : undefined;
    if (!list) {
      out.rejected.push(text);
      continue;
    }
    const value = digits.length === 10 ? `0${digits}` : digits;
    if (!list.includes(value)) list.push(value);
  }
  return out;
}

/**
 * The shortest `tracts=` value for `ids`: a county or state code stands for its tracts when
 * every one of them is selected (`groups` maps such a code to all its tract ids; it lists only
 * the codes the address already used, so a selection built tract by tract stays a list of ids).
 * States are tried before counties; ids keep the selection's order.
 */
export function formatTractsParam(
  ids: readonly string[],
  groups: ReadonlyMap<string, readonly string[]> = new Map(),
): string {
  const selected = new Set(ids);
  const covered = new Set<string>();
  const codes: string[] = [];
  const ordered = [...groups.keys()].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  for (const code of ordered) {
    const members = groups.get(code) ?? [];
    if (members.length === 0 || members.some((id) => covered.has(id))) continue;
    if (!members.every((id) => selected.has(id))) continue;
    codes.push(code);
    for (const id of members) covered.add(id);
  }
  return [...codes, ...ids.filter((id) => !covered.has(id))].join(",");
}
