/**
 * The categories a reader opened in a tract's panel, kept for the browser tab in session
 * storage (web.md W13): a language switch reloads the page, and the panel of the same tract
 * opens the same categories again. One tract is remembered, the last one whose panel changed.
 */
const KEY = "cejst:open-categories";

/** Session storage where the browser allows it; `undefined` elsewhere (private modes, tests). */
function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/** The category ids kept open for `geoid`, or `undefined` when none were kept for it. */
export function keptOpenCategories(geoid: string): Set<string> | undefined {
  try {
    const raw = storage()?.getItem(KEY);
    if (!raw) return undefined;
    const v = JSON.parse(raw) as { geoid?: unknown; open?: unknown };
    if (v.geoid !== geoid || !Array.isArray(v.open)) return undefined;
    return new Set(v.open.filter((x): x is string => typeof x === "string"));
  } catch {
    return undefined;
  }
}

/** Keeps the open category ids of `geoid`'s panel. */
export function keepOpenCategories(geoid: string, open: readonly string[]): void {
  try {
    storage()?.setItem(KEY, JSON.stringify({ geoid, open }));
  } catch {
    // A full or refused storage only loses the convenience.
  }
}
