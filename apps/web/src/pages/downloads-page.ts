import type { ManifestFile, Release } from "../data/release.ts";
import { h } from "../dom.ts";
import { formatBytes } from "../format.ts";
import { locale, type MessageKey, t } from "../i18n.ts";
import { formatDate } from "../shell/footer.ts";
import type { PageContext } from "./page-context.ts";
import type { Page } from "./registry.ts";

/** Localised labels of the manifest's download kinds (artifacts.md). */
const KIND_LABELS: Record<string, MessageKey> = {
  "full-score-csv": "kind_full_score_csv",
  "full-score-parquet": "kind_full_score_parquet",
  "counties-parquet": "kind_counties_parquet",
  "tile-table-parquet": "kind_tile_table_parquet",
  codebook: "kind_codebook",
  "communities-csv": "kind_communities_csv",
  "communities-csv-zip": "kind_communities_csv_zip",
  "communities-xlsx": "kind_communities_xlsx",
  "communities-xls-zip": "kind_communities_xls_zip",
  "communities-parquet": "kind_communities_parquet",
  "shapefile-codebook-zip": "kind_shapefile_codebook_zip",
  shapefile: "kind_shapefile",
  "release-notes": "kind_release_notes",
};

/** The label of a download: its kind's localised label, else "Other file". */
export function downloadLabel(ctx: Pick<PageContext, "t">, f: ManifestFile): string {
  const key = KIND_LABELS[f.kind ?? (f.role === "release-notes" ? "release-notes" : "")];
  return ctx.t(key ?? "kind_other");
}

/** A short format name from the content type or extension (`CSV`, `XLSX`, `ZIP`, `Parquet`). */
export function downloadFormat(f: ManifestFile): string {
  const ext = f.path.slice(f.path.lastIndexOf(".") + 1).toLowerCase();
  const names: Record<string, string> = {
    csv: "CSV",
    xlsx: "XLSX",
    xls: "XLS",
    zip: "ZIP",
    parquet: "Parquet",
    md: "Markdown",
    json: "JSON",
    pdf: "PDF",
    pmtiles: "PMTiles",
  };
  return names[ext] ?? ext.toUpperCase();
}

function checksumCell(ctx: PageContext, f: ManifestFile, name: string): HTMLElement {
  const copy = h(
    "button",
    { type: "button", class: "copy", "aria-label": ctx.t("copyChecksum", { file: name }) },
    ctx.t("copy"),
  );
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(f.sha256);
      ctx.announce(ctx.t("copied"));
    } catch {
      // Without clipboard permission the full value stays selectable in the cell.
    }
  });
  return h(
    "td",
    { class: "sha" },
    h("code", { "aria-hidden": "true", title: f.sha256 }, `${f.sha256.slice(0, 12)}…`),
    h("span", { class: "sr-only" }, ctx.t("fullChecksum", { sha: f.sha256 })),
    " ",
    copy,
  );
}

async function notesDisclosure(ctx: PageContext, release: Release): Promise<HTMLElement | null> {
  const path = release.notes[ctx.lang] ?? release.notes.en;
  const file =
    path ??
    (
      release.files.find((f) => f.role === "release-notes" && (f.language ?? "en") === ctx.lang) ??
      release.role("release-notes")
    )?.path;
  if (!file) return null;
  const englishOnly = !release.notes[ctx.lang] && ctx.lang !== "en";
  const region = h("div", { id: "release-notes", class: "notes", hidden: true });
  const button = h(
    "button",
    { type: "button", class: "notes-toggle", "aria-expanded": "false", "aria-controls": "release-notes" },
    ctx.t("notesToggle"),
  );
  let loaded = false;
  button.addEventListener("click", async () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    region.hidden = !open;
    if (!open || loaded) return;
    loaded = true;
    try {
      const res = await fetch(release.url(file));
      if (!res.ok) throw new Error(`${file} answered ${res.status} (got HTTP ${res.status})`);
      const text = await res.text();
      region.replaceChildren(
        ...(englishOnly ? [h("p", { class: "notice" }, ctx.t("notesEnglishOnly"))] : []),
        // Notes are Markdown; shown as plain paragraphs so no markup from a release reaches the DOM.
        ...text
          .split(/\n\s*\n/)
          .map((p) => p.trim())
          .filter(Boolean)
          .map((p) => h("p", { lang: englishOnly ? "en" : undefined }, p.replace(/^#+\s*/, ""))),
      );
    } catch (e) {
      loaded = false;
      console.warn(e instanceof Error ? e.message : e);
      region.replaceChildren(h("p", { class: "notice", role: "alert" }, ctx.t("notesFailed")));
    }
  });
  return h("section", { "aria-labelledby": "notes-h" }, h("h2", { id: "notes-h" }, button), region);
}

/** Downloads of one version (web.md §2.5). */
export const downloadsPage: Page = {
  id: "downloads",
  title: (lang) => t(lang, "pageDownloads"),
  async mount(root, ctx) {
    const { release } = ctx;
    const files = release.downloads().filter((f) => f.role === "download");
    const picker = h(
      "select",
      { id: "version-picker", name: "v" },
      ctx.config.versions.map((v) =>
        h("option", { value: v.id, selected: v.id === release.id }, ctx.t("version", { v: v.id })),
      ),
    );
    const pickerForm = h(
      "form",
      { class: "version-picker", method: "get" },
      h("label", { for: "version-picker" }, ctx.t("downloadsVersionPicker")),
      " ",
      picker,
      " ",
      h("button", { type: "submit" }, ctx.t("downloadsShow")),
    );
    const rows = files.map((f) => {
      const name = f.path.split("/").pop() ?? f.path;
      return h(
        "tr",
        { "data-path": f.path },
        h("th", { scope: "row" }, h("a", { href: release.url(f.path), download: "" }, downloadLabel(ctx, f))),
        h("td", {}, h("span", { class: "file-name" }, name)),
        h("td", {}, downloadFormat(f)),
        h("td", {}, f.language ? (f.language === "es" ? "Español" : "English") : "–"),
        h("td", { class: "num" }, formatBytes(f.bytes, locale(ctx.lang))),
        checksumCell(ctx, f, name),
      );
    });
    const codebook = files.find((f) => f.kind === "codebook");
    const openapi = release.role("openapi");
    const date = formatDate(release.publishedAt, ctx.lang);
    const pageUrl = new URL(ctx.navigation.href("downloads", { v: release.id }), location.href).href;
    root.append(
      h(
        "div",
        { class: "doc" },
        h("h1", {}, ctx.t("downloadsHeading", { v: release.id })),
        pickerForm,
        h("p", {}, ctx.t("downloadsIntro", { v: release.id })),
        codebook ? h("p", {}, h("a", { href: release.url(codebook.path) }, ctx.t("codebookLink"))) : null,
        files.length === 0
          ? h("p", {}, ctx.t("noDownloads"))
          : h(
              "div",
              { class: "table-wrap" },
              h(
                "table",
                { class: "files" },
                h("caption", {}, ctx.t("downloadsHeading", { v: release.id })),
                h(
                  "thead",
                  {},
                  h(
                    "tr",
                    {},
                    h("th", { scope: "col" }, ctx.t("file")),
                    h("th", { scope: "col" }, ctx.t("downloadsFile")),
                    h("th", { scope: "col" }, ctx.t("downloadsFormat")),
                    h("th", { scope: "col" }, ctx.t("downloadsLanguage")),
                    h("th", { scope: "col" }, ctx.t("size")),
                    h("th", { scope: "col" }, ctx.t("checksum")),
                  ),
                ),
                h("tbody", {}, rows),
              ),
            ),
        h("p", { class: "help" }, ctx.t("downloadsChecksumHelp")),
        await notesDisclosure(ctx, release),
        h(
          "section",
          { "aria-labelledby": "dev-h" },
          h("h2", { id: "dev-h" }, ctx.t("developers")),
          h(
            "ul",
            {},
            h("li", {}, h("a", { href: release.url("manifest.json") }, ctx.t("developersManifest"))),
            openapi
              ? h("li", {}, h("a", { href: release.url(openapi.path) }, ctx.t("developersOpenapi")))
              : null,
            h(
              "li",
              {},
              ctx.t("developersTract", { pattern: "" }),
              h("code", {}, release.url("api/tracts/{GEOID}.json").replace(/%7B/g, "{").replace(/%7D/g, "}")),
            ),
          ),
        ),
        h(
          "section",
          { "aria-labelledby": "cite-h" },
          h("h2", { id: "cite-h" }, ctx.t("cite")),
          h(
            "p",
            { class: "cite" },
            ctx.t("citeText", {
              v: release.id,
              date: date ? ctx.t("citeDate", { date }) : "",
              url: pageUrl,
            }),
          ),
        ),
      ),
    );
  },
};
