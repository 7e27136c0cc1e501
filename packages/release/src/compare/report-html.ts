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

function table(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return "<p>none</p>";
  const cols = Object.keys(rows[0]!);
  const head = cols.map((c) => `<th>${esc(c)}</th>`).join("");
  const body = rows
    .map((r) => `<tr>${cols.map((c) => `<td>${esc(fmt(r[c]))}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function kv(obj: Record<string, unknown>): string {
  return table(Object.entries(obj).map(([key, value]) => ({ key, value })));
}

/**
 * Renders charts as inline SVG with Observable Plot over a server-side DOM (linkedom), so
 * the report needs no script and no network. Plot names its style class randomly unless
 * given one, so every chart gets a fixed class to keep the report deterministic.
 */
function chart(id: number, options: Plot.PlotOptions): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const svg = Plot.plot({
    ...options,
    document,
    className: `cejst-chart-${id}`,
  } as Plot.PlotOptions) as unknown as {
    outerHTML: string;
  };
  return svg.outerHTML;
}

function pairedBars(
  id: number,
  rows: { group: string; base: number | null; cand: number | null }[],
  y: string,
) {
  const data = rows.flatMap((r) => [
    { group: r.group, version: "baseline", value: r.base ?? 0 },
    { group: r.group, version: "candidate", value: r.cand ?? 0 },
  ]);
  return chart(id, {
    marginBottom: 70,
    x: { tickRotate: -30, label: null },
    fx: { label: null },
    y: { label: y, grid: true },
    color: { legend: true, domain: ["baseline", "candidate"], range: ["#9aa5b1", "#1a4480"] },
    marks: [
      Plot.barY(data, { x: "group", y: "value", fill: "version", dx: 0, fx: undefined }),
      Plot.ruleY([0]),
    ],
  });
}

function histogramChart(id: number, base: number[] | null, cand: number[], label: string) {
  const bins = cand.length;
  const data = [
    ...(base ?? []).map((count, i) => ({ bin: i / bins, count, version: "baseline" })),
    ...cand.map((count, i) => ({ bin: i / bins, count, version: "candidate" })),
  ];
  return chart(id, {
    x: { label },
    y: { label: "tracts", grid: true },
    color: { legend: true, domain: ["baseline", "candidate"], range: ["#9aa5b1", "#1a4480"] },
    marks: [
      Plot.rectY(data, {
        x1: "bin",
        x2: (d: { bin: number }) => d.bin + 1 / bins,
        y: "count",
        fill: "version",
        fillOpacity: 0.6,
      }),
      Plot.ruleY([0]),
    ],
  });
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
    `<section data-key="${esc(key)}"><h2>${esc(title)}</h2>${body}</section>`;
  let chartId = 0;
  const parts: string[] = [];
  parts.push(
    section(
      "gates",
      "Gates",
      `<p class="verdict ${failed.length ? "fail" : "pass"}">${esc(verdict)}</p>${table(report.gates as unknown as Record<string, unknown>[])}`,
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
      )}<p>Report code ${esc(String(prov.reportCode))}; dependsOn check: ${esc(fmt(prov.dependsOn))}</p>`,
    ),
  );
  parts.push(section("artifacts", "Artifacts", table(s.artifacts.groups)));
  parts.push(
    section(
      "schema",
      "Schema",
      kv({ added: s.schema.scoreTable.added.length, removed: s.schema.scoreTable.removed.length }),
    ),
  );
  parts.push(section("tracts", "Tracts", kv(s.tracts)));
  parts.push(section("population", "Population", kv(s.population)));
  const dac = s.dac;
  parts.push(
    section(
      "dac",
      "Identified tracts",
      kv({
        baseline: dac.base,
        candidate: dac.cand,
        added: dac.added,
        removed: dac.removed,
        grandfathered: dac.grandfathered,
        "identified only through adjacency": dac.adjacencyOnly,
        "population share (baseline)": dac.populationShareBase,
        "population share (candidate)": dac.populationShareCand,
      }) + (dac.transition ? `<h3>Transition matrix</h3>${kv(dac.transition)}` : ""),
    ),
  );
  const geo = s.geography;
  parts.push(
    section(
      "geography",
      "Geography",
      pairedBars(
        ++chartId,
        geo.region.map((r: any) => ({
          group: r.group,
          base: r.tractsIdentifiedShareBase,
          cand: r.tractsIdentifiedShareCand,
        })),
        "share of tracts identified",
      ) +
        `<h3>Regions</h3>${table(geo.region)}<h3>Divisions</h3>${table(geo.division)}<h3>States</h3>${table(geo.state)}`,
    ),
  );
  parts.push(
    section(
      "urbanRural",
      "Urban and rural",
      pairedBars(
        ++chartId,
        s.urbanRural.map((r: any) => ({
          group: r.group,
          base: r.tractsIdentifiedShareBase,
          cand: r.tractsIdentifiedShareCand,
        })),
        "share of tracts identified",
      ) + table(s.urbanRural),
    ),
  );
  parts.push(
    section(
      "university",
      "University enrolment",
      pairedBars(
        ++chartId,
        s.university.rows.map((r: any) => ({
          group: r.group,
          base: r.tractsIdentifiedShareBase,
          cand: r.tractsIdentifiedShareCand,
        })),
        "share of tracts identified",
      ) + table(s.university.rows),
    ),
  );
  parts.push(
    section(
      "categories",
      "Categories",
      pairedBars(
        ++chartId,
        s.categories.categories.map((r: any) => ({ group: r.category, base: r.base, cand: r.cand })),
        "tracts meeting the category",
      ) + table(s.categories.categories),
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
        histogramChart(++chartId, v.histogramBase, v.histogramCand, label) +
          table(
            [v.base ? { version: "baseline", ...v.base } : null, { version: "candidate", ...v.cand }].filter(
              Boolean,
            ) as Record<string, unknown>[],
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
        ? chart(++chartId, {
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
          }) + kv(ch.buckets)
        : "<p>n/a (no baseline)</p>",
    ),
  );
  parts.push(
    section(
      "correlations",
      "Correlations",
      kv({
        ...s.correlations.rate,
        finalPhi: s.correlations.finalPhi,
        percentileVsFinalBase: s.correlations.percentileVsFinalBase,
        percentileVsFinalCand: s.correlations.percentileVsFinalCand,
      }),
    ),
  );
  for (const [key, title] of [
    ["demographics", "Demographics"],
    ["thresholdShift", "Threshold shift"],
    ["nulls", "Missing values"],
    ["students", "Students"],
    ["adjacency", "Adjacency"],
    ["spotChecks", "Spot checks"],
    ["cells", "Changed cells"],
    ["siteReferences", "Site references"],
    ["tiles", "Tiles"],
  ] as const) {
    const v = s[key];
    const body =
      v === null
        ? "<p>n/a (no baseline)</p>"
        : Array.isArray(v)
          ? table(v)
          : key === "cells"
            ? `<p>Tolerance: ${esc(JSON.stringify(v.tolerance))}</p>${table(v.columns)}`
            : key === "nulls"
              ? table(
                  [
                    v.base ? { version: "baseline", ...v.base } : null,
                    { version: "candidate", ...v.cand },
                  ].filter(Boolean) as Record<string, unknown>[],
                )
              : key === "adjacency"
                ? kv({ baseline: v.base, candidate: v.cand, ...v.byArea })
                : kv(v);
    parts.push(section(key, title, body));
  }
  const title = `Change report: ${prov.baseline ? prov.baseline.version : "none"} → ${prov.candidate.version}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;margin:.5rem 0;font-size:.85rem}
td,th{border:1px solid #dfe1e2;padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}
.verdict{font-size:1.2rem;font-weight:bold}.pass{color:#00703c}.fail{color:#b50909}
code{font-size:.85rem}.synthetic{background:#fff5c2;padding:.5rem;border:1px solid #e5a000}
@media print{section{break-inside:avoid}}
</style>
</head>
<body>
<h1>${esc(title)}</h1>
${prov.candidate.synthetic ? '<p class="synthetic">Synthetic sample data: these numbers describe generated data, not real tracts.</p>' : ""}
<p>Candidate manifest <code>${esc(prov.candidate.manifest)}</code>${prov.baseline ? `<br>Baseline manifest <code>${esc(prov.baseline.manifest)}</code>` : ""}</p>
${parts.join("\n")}
</body>
</html>
`;
}
