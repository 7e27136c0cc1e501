import { resolve } from "node:path";
import { defineConfig } from "vite";

// One HTML entry per language so any static host serves deep links without a history fallback;
// relative base so the same build works under a path prefix.
export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: {
      input: {
        root: resolve(import.meta.dirname, "index.html"),
        en: resolve(import.meta.dirname, "en/index.html"),
        es: resolve(import.meta.dirname, "es/index.html"),
      },
    },
  },
});
