import type { ManifestFile } from "../data/release.ts";
import type { ExploreContext } from "../pages/page-context.ts";
import { registerCompareMode } from "../pages/registry.ts";

/**
 * Versions the bound release can be compared with: offered, not archived, and named by one of
 * the release's `changes` files. Computed here from the loaded manifest so the start-up path
 * fetches no comparison code; `findComparison` applies the same rule when a comparison starts.
 */
function candidates(ctx: ExploreContext): string[] {
  const from = new Set(
    ctx.release.files
      .filter((f) => f.role === "changes")
      .map((f) => (f as ManifestFile & { from?: string }).from),
  );
  return ctx.config.versions
    .filter((v) => v.status !== "archived" && v.id !== ctx.release.id && from.has(v.id))
    .map((v) => v.id);
}

registerCompareMode({
  candidates,
  start: (ctx, other) => import("./explore-compare.ts").then((m) => m.startCompare(ctx, other)),
});
