import { resolve } from "node:path";
import { defineConfig } from "vite";
import { LANGS, ROUTES, routePath } from "./src/pages/routes.ts";

// One HTML entry per route and language (written by scripts/write-entries.ts), so any static
// host serves deep links without a history fallback; relative base so the same build works
// under a path prefix.
const input: Record<string, string> = { root: resolve(import.meta.dirname, "index.html") };
for (const route of ROUTES)
  for (const lang of LANGS)
    input[`${lang}-${route.id}`] = resolve(import.meta.dirname, routePath(route, lang), "index.html");

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: { input },
  },
});
