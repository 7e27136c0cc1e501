import type { Bbox, NameIndex } from "../data/release.ts";

/** One name suggestion. */
export interface NameHit {
  kind: "state" | "county" | "place";
  /** Shown as published (`Jefferson County, Alabama`). */
  label: string;
  id: string;
  bbox: Bbox | null;
}

const DROP = new Set(["county", "parish", "municipio", "borough"]);

/**
 * Folds a name for matching: lower case, no diacritics, punctuation to spaces, single spaces,
 * the words county/parish/municipio/borough removed, and `st`/`st.` read as `saint`.
 */
export function foldName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .split(" ")
    .filter((w) => w !== "" && !DROP.has(w))
    .map((w) => (w === "st" ? "saint" : w))
    .join(" ");
}

/** 0 exact, 1 prefix, 2 word prefix, undefined no match. */
function rank(name: string, q: string): number | undefined {
  if (name === q) return 0;
  if (name.startsWith(q)) return 1;
  if (` ${name}`.includes(` ${q}`)) return 2;
  return undefined;
}

/**
 * Counties, states and places matching `query` (web.md §3.8.2): "Jefferson County, Alabama",
 * "jefferson, al", "Puerto Rico", "PR". Ranked exact, prefix, word prefix; at most `limit` per kind.
 */
export function searchNames(index: NameIndex, query: string, limit = 8): NameHit[] {
  const parts = query.split(",");
  const whole = foldName(query);
  if (whole === "") return [];
  const states = new Map(index.states.map((s) => [s.fips, s]));
  // "name, state": the part after the last comma may name the state or its abbreviation.
  const head = foldName(parts.slice(0, -1).join(" "));
  const tail = parts.length > 1 ? foldName(parts[parts.length - 1] ?? "") : "";
  const stateMatches = (fips: string): boolean => {
    if (tail === "") return true;
    const s = states.get(fips);
    return s !== undefined && (foldName(s.name).startsWith(tail) || s.abbreviation.toLowerCase() === tail);
  };
  const out: NameHit[] = [];
  const pick = <T>(items: T[], name: (x: T) => string, fips: (x: T) => string, make: (x: T) => NameHit) => {
    const scored: [number, string, T][] = [];
    for (const x of items) {
      const n = foldName(name(x));
      let r = tail !== "" && head !== "" && stateMatches(fips(x)) ? rank(n, head) : undefined;
      if (r === undefined) r = rank(n, whole);
      if (r !== undefined) scored.push([r, n, x]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    for (const [, , x] of scored.slice(0, limit)) out.push(make(x));
  };
  const stateName = (fips: string) => states.get(fips)?.name ?? fips;
  pick(
    index.states,
    (s) => s.name,
    (s) => s.fips,
    (s) => ({ kind: "state", label: s.name, id: s.fips, bbox: s.bbox }),
  );
  // A bare postal abbreviation ("PR", "al") names its state.
  const abbr = index.states.find((s) => s.abbreviation.toLowerCase() === whole);
  if (abbr && !out.some((h) => h.id === abbr.fips))
    out.unshift({ kind: "state", label: abbr.name, id: abbr.fips, bbox: abbr.bbox });
  pick(
    index.counties,
    (c) => c.name,
    (c) => c.state,
    (c) => ({ kind: "county", label: `${c.name}, ${stateName(c.state)}`, id: c.fips, bbox: c.bbox }),
  );
  pick(
    index.places,
    (p) => p.name,
    (p) => p.state,
    (p) => ({ kind: "place", label: `${p.name}, ${stateName(p.state)}`, id: p.geoid, bbox: p.bbox }),
  );
  return out;
}

/** A typed coordinate pair, or `invalid` when it looks like one but is out of range. */
export type ParsedPoint = { lat: number; lon: number } | "invalid" | undefined;

const NUM = String.raw`([+-]?\d+(?:\.\d+)?)\s*([NSEWnsew])?`;
const PAIR = new RegExp(String.raw`^\s*${NUM}\s*[,;\s]\s*${NUM}\s*$`);

/**
 * "lat, lon" in decimal degrees with signs or N/S/E/W letters (web.md §3.8.3): `18.2, -66.5`,
 * `18.2 N, 66.5 W`. Letters may swap the order (`66.5W 18.2N`). Out-of-range values are `invalid`.
 */
export function parseCoordinates(input: string): ParsedPoint {
  const m = PAIR.exec(input);
  if (!m) return undefined;
  // Two bare integers of 5+ digits are more likely an id typed with a space than a point.
  if (!input.includes(",") && !/[.NSEWnsew]/.test(input)) return undefined;
  const read = (v: string, l: string | undefined) => {
    const n = Number(v);
    const L = l?.toUpperCase();
    return {
      n: L === "S" || L === "W" ? -Math.abs(n) : n,
      axis: L === "E" || L === "W" ? "lon" : L ? "lat" : "",
    };
  };
  const a = read(m[1] ?? "", m[2]);
  const b = read(m[3] ?? "", m[4]);
  let lat = a.n;
  let lon = b.n;
  if (a.axis === "lon" || b.axis === "lat") {
    lat = b.n;
    lon = a.n;
  }
  if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) return "invalid";
  return { lat, lon };
}
