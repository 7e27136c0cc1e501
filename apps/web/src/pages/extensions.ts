// Feature modules that add explore views or the comparison mode register themselves here,
// one import line each, e.g.
//   import { mountTableView } from "../table/index.ts";
//   registerExploreView({ id: "table", label: (lang) => …, mount: mountTableView });
// (see `registry.ts` for `ExploreView` and `CompareMode`).
import "../table/register.ts";
import "../compare/register.ts";
