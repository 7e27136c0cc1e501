import { registerPage } from "./registry.ts";

// Each page is its own chunk, so a content page does not download the map.
registerPage("explore", () => import("./explore-page.ts").then((m) => m.explorePage));
registerPage("methodology", () => import("./methodology-page.ts").then((m) => m.methodologyPage));
registerPage("downloads", () => import("./downloads-page.ts").then((m) => m.downloadsPage));
registerPage("previous-versions", () =>
  import("./previous-versions-page.ts").then((m) => m.previousVersionsPage),
);
registerPage("about", () => import("./content-pages.ts").then((m) => m.aboutPage));
registerPage("frequently-asked-questions", () => import("./content-pages.ts").then((m) => m.faqPage));
registerPage("privacy", () => import("./content-pages.ts").then((m) => m.privacyPage));
registerPage("report", () => import("./report-page.ts").then((m) => m.reportPage));
