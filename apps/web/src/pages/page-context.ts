import type { SiteConfig, VersionEntry } from "../config.ts";
import type { Release, TileProps } from "../data/release.ts";
import type { Lang, MessageKey } from "../i18n.ts";
import type { TractMap } from "../map/map.ts";
import type { PageId } from "./routes.ts";

/** Query parameters to change: a string sets, `null` removes. */
export type ParamUpdate = Record<string, string | null>;

/** What every page receives from the shell once config and release are loaded. */
export interface PageContext {
  /** The page language (`<html lang>`). */
  lang: Lang;
  /** A message of the page language. */
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** The validated `config.json` of this distribution. */
  config: SiteConfig;
  /** Where `config.json` was fetched from; data URLs resolve against it. */
  configUrl: URL;
  /** The version shown (`?v=`, else `data.defaultVersion`). */
  version: VersionEntry;
  /** The shown version's release, resolved from its manifest. */
  release: Release;
  /** Loads another offered version's release (cached); rejects when it cannot be fetched. */
  loadVersion(id: string): Promise<Release>;
  /** Polite live-region announcement. */
  announce(message: string): void;
  /** Adds a notice under the header (e.g. "comparison not available"). */
  notice(message: string, role?: "status" | "alert"): void;
  navigation: Navigation;
}

/** URL building and URL state (web.md §3.10). */
export interface Navigation {
  /** The address of a page in this language (or `lang`), relative to the current page. */
  href(page: PageId, params?: Record<string, string>, lang?: Lang): string;
  /** The current query parameters. */
  params(): URLSearchParams;
  /** Changes query parameters of the current page, pushing a history entry when `push`. */
  setParams(update: ParamUpdate, opts?: { push?: boolean }): void;
  /** Called after Back/Forward changed the URL. Returns an unsubscribe function. */
  onPopState(listener: () => void): () => void;
}

/** The explore page's context, given to its views (Map, Table) and to comparison mode. */
export interface ExploreContext extends PageContext {
  /** The selected tract, if any. */
  selectedTract(): string | undefined;
  /** Selects a tract (loads its record, updates panel, map and URL). */
  selectTract(
    geoid: string,
    opts?: { fit?: boolean; focus?: boolean; push?: boolean; tile?: TileProps },
  ): Promise<void>;
  /** Clears the selection. */
  clearSelection(): void;
  /** Listens to selection changes; returns an unsubscribe function. */
  onSelectionChange(listener: (geoid: string | undefined) => void): () => void;
  /** The map once drawn; rejects when the map cannot be created (e.g. no WebGL). */
  whenMap(): Promise<TractMap>;
  /** The side panel element (the tract panel and the intro render here). */
  panel: HTMLElement;
  /** The legend element on the map; comparison mode replaces its content. */
  legend: HTMLElement;
  /** Switches the explore view (`map`, or a registered view id) and writes `?view=`. */
  showView(id: string): void;
}
