import { resolve } from "node:path";
import type { OutputBundle, OutputChunk } from "rolldown";
import { defineConfig, type HtmlTagDescriptor, type Plugin } from "vite";
import { LANGS, ROUTES, routePath } from "./src/pages/routes.ts";

// One HTML entry per route and language (written by scripts/write-entries.ts), so any static
// host serves deep links without a history fallback; relative base so the same build works
// under a path prefix.
const input: Record<string, string> = { root: resolve(import.meta.dirname, "index.html") };
for (const route of ROUTES)
  for (const lang of LANGS)
    input[`${lang}-${route.id}`] = resolve(import.meta.dirname, routePath(route, lang), "index.html");
// The same routes without a language prefix: pages that choose the language and redirect (W8).
for (const route of ROUTES)
  if (route.slug !== "")
    input[`redirect-${route.id}`] = resolve(import.meta.dirname, route.slug, "index.html");

/** Source modules whose chunks the explore page needs before its first map render. */
const EXPLORE_CRITICAL = ["src/pages/explore-page.ts", "src/map/map.ts"];

/**
 * Adds to every explore entry (`data-page="explore"`) a `modulepreload` for the explore page's
 * and the map's chunks (and what they import) and a `preload` of the map's stylesheet, and to
 * every route entry a `preload` of `config.json`. Without them the browser discovers each of
 * these only after the previous step of the boot chain has run.
 */
function preloadCriticalChunks(): Plugin {
  return {
    name: "cejst-preload-critical",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        const bundle = ctx.bundle as OutputBundle | undefined;
        const page = /<body data-page="([^"]+)"/.exec(html)?.[1];
        if (!bundle || !page) return html;
        const up = "../".repeat(Math.max(0, ctx.path.split("/").length - 2));
        const tags: HtmlTagDescriptor[] = [
          {
            tag: "link",
            attrs: { rel: "preload", href: `${up}config.json`, as: "fetch", crossorigin: "anonymous" },
            injectTo: "head",
          },
        ];
        if (page !== "explore") return tags;
        const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === "chunk");
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        const wanted = new Set<string>();
        const css = new Set<string>();
        const visit = (c: OutputChunk) => {
          if (wanted.has(c.fileName)) return;
          wanted.add(c.fileName);
          for (const f of c.viteMetadata?.importedCss ?? []) css.add(f);
          for (const dep of c.imports) {
            const d = byName.get(dep);
            if (d) visit(d);
          }
        };
        for (const c of chunks)
          if (c.facadeModuleId && EXPLORE_CRITICAL.some((m) => c.facadeModuleId?.endsWith(m))) visit(c);
        // The entry's own static imports are in the page already.
        for (const f of [...wanted].sort())
          if (!html.includes(f))
            tags.push({
              tag: "link",
              attrs: { rel: "modulepreload", href: `${up}${f}`, crossorigin: true },
              injectTo: "head",
            });
        for (const f of [...css].sort())
          if (!html.includes(f))
            tags.push({
              tag: "link",
              attrs: { rel: "preload", href: `${up}${f}`, as: "style", crossorigin: true },
              injectTo: "head",
            });
        return tags;
      },
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [preloadCriticalChunks()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: { input },
  },
});
