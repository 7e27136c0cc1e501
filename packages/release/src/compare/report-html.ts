// biome-ignore-all lint/suspicious/noExplicitAny: the report JSON is walked by its shape, fixed in compute-report.ts
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import type { Report } from "./compute-report.ts";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (v: unknown): string =>
  v === null || v === undefined
    ? "n/a"
    : typeof v === "number"
      ? Number.isInteger(v)
        ? v.toLocaleString("en-US")
        : String(Number(v.toPrecision(6)))
      : typeof v === "object"
        ? JSON.stringify(v)
        : String(v);

/** A header that may wrap between the words of a camelCase key, so wide tables fit the page. */
const breakable = (key: string) => esc(key).replace(/([a-z])([A-Z])/g, "$1<wbr>$2");

/** A data table with a caption and column headers, so screen readers can name each cell. */
function table(
  rows: Record<string, unknown>[],
  caption: string,
  rowClass?: (r: Record<string, unknown>) => string,
): string {
  if (rows.length === 0) return `<p>${esc(caption)}: none</p>`;
  const cols = Object.keys(rows[0]!);
  const head = cols.map((c) => `<th scope="col">${breakable(c)}</th>`).join("");
  const body = rows
    .map((r) => {
      const cls = rowClass?.(r);
      return `<tr${cls ? ` class="${esc(cls)}"` : ""}>${cols.map((c) => `<td>${esc(fmt(r[c]))}</td>`).join("")}</tr>`;
    })
    .join("\n");
  return `<table><caption>${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A record as a one-row table: its keys are the column headers. */
function kv(obj: Record<string, unknown>, caption: string): string {
  return table([obj], caption);
}

/**
 * Renders charts as inline SVG with Observable Plot over a server-side DOM (linkedom), so
 * the report needs no script and no network. Plot names its style class randomly unless
 * given one, so every chart gets a fixed class to keep the report deterministic.
 */
/** The parts of linkedom's element that the chart wrapper touches. */
interface PlotNode {
  tagName: string;
  outerHTML: string;
  setAttribute(name: string, value: string): void;
  querySelector(selector: string): PlotNode | null;
  querySelectorAll(selector: string): Iterable<PlotNode>;
  getAttribute(name: string): string | null;
  removeAttribute(name: string): void;
}

function chart(id: number, options: Plot.PlotOptions, alt: string): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const node = Plot.plot({
    ...options,
    document,
    className: `cejst-chart-${id}`,
    ariaLabel: alt,
  } as Plot.PlotOptions) as unknown as PlotNode;
  // The plot itself is one image with a text alternative; the figure caption says the same
  // in words and the table after it holds the numbers.
  const svg = node.tagName.toLowerCase() === "svg" ? node : node.querySelector(`svg.cejst-chart-${id}`);
  svg?.setAttribute("role", "img");
  // Plot names its mark groups with aria-label, which ARIA forbids on elements without a
  // role; inside an image they say nothing to a reader, so the names move to data-mark.
  for (const g of node.querySelectorAll("svg [aria-label]")) {
    g.setAttribute("data-mark", g.getAttribute("aria-label") ?? "");
    g.removeAttribute("aria-label");
  }
  svg?.setAttribute("data-chart", String(id));
  return `<figure class="chart">${node.outerHTML}<figcaption>${esc(alt)}</figcaption></figure>`;
}

const VERSION_COLORS = { domain: ["baseline", "candidate"], range: ["#8a96a3", "#1a4480"] };

function pairedBars(
  id: number,
  rows: { group: string; base: number | null; cand: number | null }[],
  y: string,
  alt: string,
) {
  const data = rows.flatMap((r) => [
    ...(r.base === null ? [] : [{ group: r.group, version: "baseline", value: r.base }]),
    ...(r.cand === null ? [] : [{ group: r.group, version: "candidate", value: r.cand }]),
  ]);
  return chart(
    id,
    {
      marginBottom: 80,
      x: { axis: null, domain: VERSION_COLORS.domain },
      fx: { label: null, tickRotate: -30, padding: 0.15 },
      y: { label: y, grid: true },
      color: { legend: true, ...VERSION_COLORS },
      marks: [Plot.barY(data, { fx: "group", x: "version", y: "value", fill: "version" }), Plot.ruleY([0])],
    },
    alt,
  );
}

function histogramChart(id: number, base: number[] | null, cand: number[], label: string, alt: string) {
  const bins = cand.length;
  const data = [
    ...(base ?? []).map((count, i) => ({ bin: i / bins, count, version: "baseline" })),
    ...cand.map((count, i) => ({ bin: i / bins, count, version: "candidate" })),
  ];
  return chart(
    id,
    {
      x: { label },
      y: { label: "tracts", grid: true },
      color: { legend: true, ...VERSION_COLORS },
      marks: [
        Plot.rectY(data, {
          x1: "bin",
          x2: (d: { bin: number }) => d.bin + 1 / bins,
          y1: 0,
          y2: "count",
          fill: "version",
          fillOpacity: 0.6,
          mixBlendMode: "multiply",
        }),
        Plot.ruleY([0]),
      ],
    },
    alt,
  );
}

const pct = (v: unknown) => (typeof v === "number" ? `${(v * 100).toFixed(1)} %` : "n/a");
const flag = (v: unknown) => (v === true ? "identified" : v === false ? "not identified" : "n/a");

function demographicsBody(d: any, next: () => number): string {
  if (d?.computed === false) return `<p>Not computed: ${esc(String(d.reason))}</p>`;
  const bins: number = d.bins;
  const width = 1 / bins;
  const parts: string[] = [
    `<p>Density histograms in ${esc(String(d.binWidthPoints))}-point bins (the area under each is 1), for three pairs of tract groups.</p>`,
  ];
  for (const c of d.comparisons as any[]) {
    const data: { variable: string; bin: number; density: number; group: string }[] = [];
    const rows: Record<string, unknown>[] = [];
    for (let b = 0; b < bins; b++)
      rows.push({ bin: `${Math.round(b * width * 100)}–${Math.round((b + 1) * width * 100)}%` });
    const counts: Record<string, unknown>[] = [];
    for (const v of d.variables as any[]) {
      const h = c.variables[v.key];
      for (const [which, label] of [
        ["first", c.first],
        ["second", c.second],
      ] as const) {
        const hist = h?.[which];
        counts.push({
          share: v.label,
          group: label,
          tracts: hist ? hist.n : null,
          missing: hist ? hist.missing : null,
        });
        if (!hist) continue;
        hist.density.forEach((density: number, b: number) => {
          data.push({ variable: v.short, bin: b * width, density, group: label });
          rows[b]![`${v.key}: ${label}`] = density;
        });
      }
    }
    const title = `${c.first} vs ${c.second}`;
    parts.push(`<h3>${esc(title)}</h3>`);
    parts.push(
      data.length
        ? chart(
            next(),
            {
              height: 260,
              width: 1000,
              marginBottom: 40,
              fx: { label: null, domain: (d.variables as any[]).map((v) => v.short) },
              x: { label: "share", tickFormat: (x: number) => `${Math.round(x * 100)}`, ticks: 4 },
              y: { label: "density", grid: true },
              color: {
                legend: true,
                domain: [c.first, c.second],
                range: VERSION_COLORS.range.slice().reverse(),
              },
              marks: [
                Plot.rectY(data, {
                  fx: "variable",
                  x1: "bin",
                  x2: (r: { bin: number }) => r.bin + width,
                  y1: 0,
                  y2: "density",
                  fill: "group",
                  fillOpacity: 0.55,
                  mixBlendMode: "multiply",
                }),
                Plot.ruleY([0]),
              ],
            },
            `Density of four demographic shares: ${title}`,
          )
        : "<p>n/a (no tracts in these groups)</p>",
    );
    parts.push(table(counts, `Tracts in each group: ${title}`));
    parts.push(table(rows, `Density by bin: ${title}`));
  }
  return parts.join("");
}

function spotChecksBody(v: any): string {
  if (v?.computed === false) return `<p>Not computed: ${esc(String(v.reason))}</p>`;
  const tracts = v.tracts as any[];
  const flags = tracts.map((t) => ({
    GEOID: t.geoid,
    state: t.state,
    county: t.county,
    baseline: flag(t.baseIdentified),
    candidate: flag(t.candIdentified),
    changed: t.changed ? "yes" : "no",
    "baseline reasons": t.base ? t.base.reasons.join("; ") || "none" : "n/a",
    "candidate reasons": t.cand ? t.cand.reasons.join("; ") || "none" : "n/a",
  }));
  const indicators = tracts.map((t) => ({
    GEOID: t.geoid,
    population: t.cand?.population ?? t.base?.population ?? null,
    "low-income percentile": `${pct(t.base?.lowIncomePercentile)} → ${pct(t.cand?.lowIncomePercentile)}`,
    "categories met": `${fmt(t.base?.categoriesExceeded)} → ${fmt(t.cand?.categoriesExceeded)}`,
    "thresholds met": `${fmt(t.base?.thresholdsExceeded)} → ${fmt(t.cand?.thresholdsExceeded)}`,
    "college enrolment": pct(t.cand?.collegeShare ?? t.base?.collegeShare),
    "indicators exceeded (candidate)": (t.cand?.indicatorsExceeded ?? []).join(", ") || "none",
  }));
  const changed = (r: Record<string, unknown>) => (r.changed === "yes" ? "changed" : "");
  return `<p>Tracts: ${esc(String(v.source))}. Rows whose final flag changed are marked.</p>${table(
    flags,
    "Spot-checked tracts: final flag and reasons, baseline and candidate",
    changed,
  )}${table(indicators, "Spot-checked tracts: key indicators, baseline → candidate")}`;
}

function siteReferencesBody(v: any): string {
  if (v?.computed === false) return `<p>Not computed: ${esc(String(v.reason))}</p>`;
  const src = v.source;
  const where =
    src.kind === "live"
      ? `the site build ${src.site} of distribution ${src.distribution}, live on ${src.channel}`
      : src.kind === "stored"
        ? `the deployed site build ${src.site} given with --site`
        : `the site build ${src.site} given with --site`;
  return `<p>Checked ${esc(where)}: ${esc(String(v.checked))} references, ${esc(String(v.missing))} missing from the candidate.${
    v.requiredDataRecorded
      ? ""
      : " The build records no requiredData, so only the roles and links found in its files are checked."
  }</p>${table(
    (v.items as any[]).map((i) => ({
      reference: i.item,
      kind: i.kind,
      "found in": i.foundIn.join(", ") || "cejst-site.json",
      "in the candidate": i.present,
    })),
    "What the site needs, and whether the candidate has it",
    (r) => (r["in the candidate"] === "no" ? "missing" : ""),
  )}`;
}

function tilesBody(v: any, next: () => number): string {
  if (v?.computed === false) return `<p>Not computed: ${esc(String(v.reason))}</p>`;
  const parts: string[] = [];
  for (const a of v.archives as any[]) {
    parts.push(`<h3>${esc(a.path)}</h3>`);
    parts.push(
      chart(
        next(),
        {
          height: 220,
          x: { label: "zoom", type: "band" },
          y: { label: "features", grid: true },
          marks: [Plot.barY(a.zooms, { x: "zoom", y: "features", fill: "#1a4480" }), Plot.ruleY([0])],
        },
        `Features per zoom in ${a.path}, zooms ${a.minZoom} to ${a.maxZoom}`,
      ),
    );
    parts.push(table(a.zooms, `Tiles and features per zoom of ${a.path}`));
  }
  const c = v.coverage;
  parts.push(
    `<h3>Coverage</h3>${kv(
      {
        "detail archive": c.detail,
        "selectable zoom": c.selectableZoom,
        "drawn tracts": c.drawnTracts,
        "drawn tracts taken from": c.drawnFrom,
        "tracts with a feature at the selectable zoom": c.featuresAtSelectableZoom,
        "drawn tracts without one": c.missing,
        examples: c.missingExamples.join(", ") || "none",
      },
      "Coverage of the detail archive",
    )}`,
  );
  const f = v.fidelity;
  parts.push(
    `<h3>Fidelity</h3>${kv(
      {
        "tracts sampled (seeded by the candidate digest)": f.sampled,
        "tracts compared": f.checked,
        "tile codes compared": f.codesCompared,
        "codes not in the score table": f.codesNotInScoreTable.join(", ") || "none",
        "tracts with a mismatch": f.mismatchedTracts,
        "mismatched properties": f.mismatches,
      },
      "Tile properties against the score table",
    )}${f.examples.length ? table(f.examples, "First mismatches") : ""}`,
  );
  return parts.join("");
}

/** The self-contained HTML report: verdict, gates and digests first; no external URLs. */
export function renderReportHtml(report: Report): string {
  const s = report.sections as Record<string, any>;
  const prov = s.provenance;
  const failed = report.gates.filter((g) => !g.passed);
  const verdict =
    failed.length === 0
      ? "All gates pass"
      : `${failed.length} gate(s) fail: ${failed.map((g) => g.id).join(", ")}`;
  const section = (key: string, title: string, body: string) =>
    `<section data-key="${esc(key)}" aria-labelledby="s-${esc(key.replace(/\W/g, "-"))}"><h2 id="s-${esc(key.replace(/\W/g, "-"))}">${esc(title)}</h2>${body}</section>`;
  let chartId = 0;
  const next = () => ++chartId;
  const parts: string[] = [];
  parts.push(
    section(
      "gates",
      "Gates",
      `<p class="verdict ${failed.length ? "fail" : "pass"}">${esc(verdict)}</p>${table(
        report.gates.map((g) => ({
          gate: g.id,
          result: g.passed ? "pass" : "FAIL",
          value: g.value,
          threshold: g.threshold,
        })),
        "Gates: value, threshold and result",
        (r) => (r.result === "FAIL" ? "fail-row" : ""),
      )}`,
    ),
  );
  parts.push(
    section(
      "provenance",
      "Provenance",
      `${table(
        [prov.baseline, prov.candidate].filter(Boolean).map((p: any) => ({
          version: p.version,
          methodology: p.methodology,
          manifest: p.manifest,
          synthetic: p.synthetic,
        })),
        "Versions compared",
      )}<p>Report code ${esc(String(prov.reportCode))}; dependsOn check: ${esc(fmt(prov.dependsOn))}</p>`,
    ),
  );
  parts.push(section("artifacts", "Artifacts", table(s.artifacts.groups, "Files by group")));
  parts.push(
    section(
      "schema",
      "Schema",
      kv(
        { added: s.schema.scoreTable.added.length, removed: s.schema.scoreTable.removed.length },
        "Score table columns added and removed",
      ),
    ),
  );
  parts.push(section("tracts", "Tracts", kv(s.tracts, "Tract counts")));
  parts.push(section("population", "Population", kv(s.population, "Total population")));
  const dac = s.dac;
  parts.push(
    section(
      "dac",
      "Identified tracts",
      kv(
        {
          baseline: dac.base,
          candidate: dac.cand,
          added: dac.added,
          removed: dac.removed,
          grandfathered: dac.grandfathered,
          "identified only through adjacency": dac.adjacencyOnly,
          "population share (baseline)": dac.populationShareBase,
          "population share (candidate)": dac.populationShareCand,
        },
        "Identified tracts",
      ) +
        (dac.transition
          ? `<h3>Transition matrix</h3>${kv(dac.transition, "Transitions between versions (t: identified, f: not)")}`
          : ""),
    ),
  );
  const geo = s.geography;
  const share = (r: any) => ({
    group: r.group,
    base: r.tractsIdentifiedShareBase,
    cand: r.tractsIdentifiedShareCand,
  });
  parts.push(
    section(
      "geography",
      "Geography",
      pairedBars(
        next(),
        geo.region.map(share),
        "share of tracts identified",
        "Share of tracts identified by region, baseline and candidate",
      ) +
        table(geo.region, "Regions") +
        pairedBars(
          next(),
          geo.division.map(share),
          "share of tracts identified",
          "Share of tracts identified by division, baseline and candidate",
        ) +
        `${table(geo.division, "Divisions")}${table(geo.state, "States")}`,
    ),
  );
  parts.push(
    section(
      "urbanRural",
      "Urban and rural",
      pairedBars(
        next(),
        s.urbanRural.map(share),
        "share of tracts identified",
        "Share of tracts identified, urban and rural",
      ) + table(s.urbanRural, "Urban and rural tracts"),
    ),
  );
  parts.push(
    section(
      "university",
      "University enrolment",
      pairedBars(
        next(),
        s.university.rows.map(share),
        "share of tracts identified",
        "Share of tracts identified by college-enrolment bucket",
      ) + table(s.university.rows, "Tracts by college-enrolment bucket"),
    ),
  );
  parts.push(
    section(
      "categories",
      "Categories",
      pairedBars(
        next(),
        s.categories.categories.map((r: any) => ({ group: r.category, base: r.base, cand: r.cand })),
        "tracts meeting the category",
        "Tracts meeting each category, baseline and candidate",
      ) + table(s.categories.categories, "Tracts meeting each category"),
    ),
  );
  for (const [key, title, label] of [
    ["lowIncome.rate", "Low-income rate", "adjusted share below 200% FPL"],
    ["lowIncome.percentile", "Low-income percentile", "percentile"],
  ] as const) {
    const v = s[key];
    parts.push(
      section(
        key,
        title,
        histogramChart(
          next(),
          v.histogramBase,
          v.histogramCand,
          label,
          `Histogram of the ${title.toLowerCase()}, baseline and candidate`,
        ) +
          table(
            [v.base ? { version: "baseline", ...v.base } : null, { version: "candidate", ...v.cand }].filter(
              Boolean,
            ) as Record<string, unknown>[],
            `Summary statistics of the ${title.toLowerCase()}`,
          ),
      ),
    );
  }
  const ch = s["lowIncome.changes"];
  parts.push(
    section(
      "lowIncome.changes",
      "Low-income rate changes",
      ch.buckets
        ? chart(
            next(),
            {
              marginLeft: 90,
              x: { label: "tracts", grid: true },
              y: { label: "change (points)", domain: Object.keys(ch.buckets) },
              marks: [
                Plot.barX(
                  Object.entries(ch.buckets).map(([b, n]) => ({ b, n })),
                  { y: "b", x: "n", fill: "#1a4480" },
                ),
                Plot.ruleX([0]),
              ],
            },
            "Tracts by change of the low-income rate, in points",
          ) + kv(ch.buckets, "Tracts by rate change (points)")
        : "<p>n/a (no baseline)</p>",
    ),
  );
  parts.push(
    section(
      "correlations",
      "Correlations",
      kv(
        {
          ...s.correlations.rate,
          finalPhi: s.correlations.finalPhi,
          percentileVsFinalBase: s.correlations.percentileVsFinalBase,
          percentileVsFinalCand: s.correlations.percentileVsFinalCand,
        },
        "Correlations between versions",
      ),
    ),
  );
  parts.push(section("demographics", "Demographics", demographicsBody(s.demographics, next)));
  for (const [key, title] of [
    ["thresholdShift", "Threshold shift"],
    ["nulls", "Missing values"],
    ["students", "Students"],
    ["adjacency", "Adjacency"],
  ] as const) {
    const v = s[key];
    const body =
      v === null
        ? "<p>n/a (no baseline)</p>"
        : Array.isArray(v)
          ? table(v, title)
          : key === "nulls"
            ? table(
                [
                  v.base ? { version: "baseline", ...v.base } : null,
                  { version: "candidate", ...v.cand },
                ].filter(Boolean) as Record<string, unknown>[],
                "Missing values per version",
              )
            : key === "adjacency"
              ? kv(
                  { baseline: v.base, candidate: v.cand, ...v.byArea },
                  "Tracts identified only through adjacency",
                )
              : v.computed === false
                ? `<p>Not computed: ${esc(String(v.reason))}</p>`
                : kv(v, title);
    parts.push(section(key, title, body));
  }
  parts.push(section("spotChecks", "Spot checks", spotChecksBody(s.spotChecks)));
  const cells = s.cells;
  parts.push(
    section(
      "cells",
      "Changed cells",
      `<p>Tolerance: ${esc(JSON.stringify(cells.tolerance))}</p>${table(cells.columns, "Columns with changed cells")}`,
    ),
  );
  parts.push(section("siteReferences", "Site references", siteReferencesBody(s.siteReferences)));
  parts.push(section("tiles", "Tiles", tilesBody(s.tiles, next)));
  const title = `Change report: ${prov.baseline ? prov.baseline.version : "none"} → ${prov.candidate.version}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1b1b1b;background:#fff}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.85rem}
caption{text-align:left;font-weight:600;padding:.2rem 0;white-space:nowrap}
td,th{border:1px solid #dfe1e2;padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}
tr.changed td,tr.missing td,tr.fail-row td{background:#fff1d2}
figure.chart{margin:1rem 0}
figcaption{font-size:.85rem;color:#454545}
.verdict{font-size:1.2rem;font-weight:bold}.pass{color:#00703c}.fail{color:#b50909}
code{font-size:.85rem;overflow-wrap:anywhere}.synthetic{background:#fff5c2;padding:.5rem;border:1px solid #e5a000}
@media print{section{break-inside:avoid}}
</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
${prov.candidate.synthetic ? '<p class="synthetic">Synthetic sample data: these numbers describe generated data, not real tracts.</p>' : ""}
<p>Candidate manifest <code>${esc(prov.candidate.manifest)}</code>${prov.baseline ? `<br>Baseline manifest <code>${esc(prov.baseline.manifest)}</code>` : ""}</p>
${parts.join("\n")}
</main>
</body>
</html>
`;
}
