import { registerCompareMode } from "../pages/registry.ts";

// Candidates come from the manifest already loaded; the comparison code loads when started.
registerCompareMode({
  candidates: (ctx) => import("./explore-compare.ts").then((m) => m.compareCandidates(ctx)),
  start: (ctx, other) => import("./explore-compare.ts").then((m) => m.startCompare(ctx, other)),
});
