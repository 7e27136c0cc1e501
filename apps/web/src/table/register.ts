import type { Lang } from "../i18n.ts";
import { registerExploreView } from "../pages/registry.ts";

// The label is inlined so the start-up bundle carries two words, not the table's code: the view
// itself loads when first opened.
const LABEL: Record<Lang, string> = { en: "Table", es: "Tabla" };

registerExploreView({
  id: "table",
  label: (lang) => LABEL[lang],
  mount: (root, ctx) => import("./explore-view.ts").then((m) => m.mountExploreTable(root, ctx)),
});
