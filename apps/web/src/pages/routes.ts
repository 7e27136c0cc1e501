import type { Lang, MessageKey } from "../i18n.ts";

/** Pages that have their own HTML entry under each language (web.md §2.1). */
export type PageId =
  | "explore"
  | "methodology"
  | "downloads"
  | "previous-versions"
  | "about"
  | "frequently-asked-questions"
  | "privacy"
  | "report"
  | "public-engagement"
  | "technical-support-document";

/** One route: its slug under `/{lang}/` and the catalogue keys of its title and description. */
export interface Route {
  id: PageId;
  /** Folder under the language prefix; `""` for the explore page. */
  slug: string;
  title: MessageKey;
  description: MessageKey;
  /** Old addresses kept so saved links work: they send the reader to `to` (with `hash`). */
  redirect?: { to: PageId; hash?: string };
}

/** Every route, in navigation order. The Vite build emits one HTML file per route and language. */
export const ROUTES: readonly Route[] = [
  { id: "explore", slug: "", title: "pageExplore", description: "pageExploreDescription" },
  {
    id: "methodology",
    slug: "methodology",
    title: "pageMethodology",
    description: "pageMethodologyDescription",
  },
  { id: "downloads", slug: "downloads", title: "pageDownloads", description: "pageDownloadsDescription" },
  {
    id: "previous-versions",
    slug: "previous-versions",
    title: "pagePreviousVersions",
    description: "pagePreviousVersionsDescription",
  },
  { id: "about", slug: "about", title: "pageAbout", description: "pageAboutDescription" },
  {
    id: "frequently-asked-questions",
    slug: "frequently-asked-questions",
    title: "pageFaq",
    description: "pageFaqDescription",
  },
  { id: "privacy", slug: "privacy", title: "pagePrivacy", description: "pagePrivacyDescription" },
  { id: "report", slug: "report", title: "pageReport", description: "pageReportDescription" },
  {
    id: "public-engagement",
    slug: "public-engagement",
    title: "pagePreviousVersions",
    description: "pagePreviousVersionsDescription",
    redirect: { to: "previous-versions" },
  },
  {
    id: "technical-support-document",
    slug: "technical-support-document",
    title: "pageMethodology",
    description: "pageMethodologyDescription",
    redirect: { to: "methodology", hash: "documents" },
  },
];

/** The languages every route exists in. */
export const LANGS: readonly Lang[] = ["en", "es"];

/** The route of `id`. */
export function routeOf(id: PageId): Route {
  const r = ROUTES.find((x) => x.id === id);
  if (!r) throw new Error(`route ${id} is unknown (got ${id})`);
  return r;
}

/** Relative path from a route's folder up to the site root (`../` or `../../`). */
export function upToRoot(route: Route): string {
  return route.slug === "" ? "../" : "../../";
}

/** The path of `route` in `lang`, relative to the site root (`es/downloads/`). */
export function routePath(route: Route, lang: Lang): string {
  return route.slug === "" ? `${lang}/` : `${lang}/${route.slug}/`;
}
