import type { Lang } from "../i18n.ts";
import type { ExploreContext, PageContext } from "./page-context.ts";
import type { PageId } from "./routes.ts";

/** What a page does once mounted; `unmount` is optional. */
export type Unmount = () => void;

/** A page of the site: one per route (`routes.ts`), mounted into `<main>` by the shell. */
export interface Page {
  id: PageId;
  /** The heading and `<title>` of the page. */
  title(lang: Lang): string;
  mount(root: HTMLElement, ctx: PageContext): Unmount | undefined | Promise<Unmount | undefined>;
  /** `explore` is a full-height application layout; every other page is a document. */
  layout?: "app" | "document";
}

/**
 * An alternative view of the explore page, offered by the view switch (Map | …) and by
 * `?view=<id>`. `mount` renders into `root`, which takes the map's place; the side panel stays.
 */
export interface ExploreView {
  id: string;
  label(lang: Lang): string;
  mount(root: HTMLElement, ctx: ExploreContext): Unmount | undefined | Promise<Unmount | undefined>;
}

/**
 * Version comparison (`?compare=<id>`): the explore page offers a "Compare with version …"
 * control listing `candidates(ctx)` and calls `start` with the chosen version id. `start`
 * returns the function that leaves comparison mode.
 */
export interface CompareMode {
  candidates(ctx: ExploreContext): string[] | Promise<string[]>;
  start(ctx: ExploreContext, otherVersion: string): Unmount | Promise<Unmount>;
}

const pages = new Map<PageId, () => Promise<Page>>();
const views: ExploreView[] = [];
let compare: CompareMode | undefined;

/** Registers a page loader (pages load lazily: each page's code is its own chunk). */
export function registerPage(id: PageId, load: () => Promise<Page>): void {
  pages.set(id, load);
}

/** The page of `id`, or undefined when none is registered. */
export function loadPage(id: PageId): Promise<Page> | undefined {
  return pages.get(id)?.();
}

/** Adds an explore view (the map itself is built in). */
export function registerExploreView(view: ExploreView): void {
  if (views.some((v) => v.id === view.id || view.id === "map"))
    throw new Error(`explore view ${view.id} is registered twice (got ${view.id})`);
  views.push(view);
}

/** The registered explore views besides the map, in registration order. */
export function exploreViews(): readonly ExploreView[] {
  return views;
}

/** Sets the comparison mode. */
export function registerCompareMode(mode: CompareMode): void {
  compare = mode;
}

/** The comparison mode, if one is registered. */
export function compareMode(): CompareMode | undefined {
  return compare;
}
