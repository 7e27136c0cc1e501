/**
 * R15, R20, R22 and R23 of the change report on two hand-made versions with known answers:
 * tract B flips from not identified to identified (through adjacency), C is grandfathered,
 * D has no land. The candidate's tile archive is built with @cejst/tiles from hand-written
 * properties, correct or broken on purpose.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { buildTileArchive, memoryByteSink } from "@cejst/tiles";
import type { Feature } from "geojson";
import { createBuildManifest } from "../src/build-manifest.ts";
import { sha256Digest } from "../src/bytes.ts";
import { canonicalJson } from "../src/canonical-json.ts";
import { compareVersions, SCORE_TABLE_PATH } from "../src/compare/compare-versions.ts";
import { MemoryStore } from "../src/memory-store.ts";
import { publish } from "../src/publish.ts";

const C = {
  geoid: "GEOID10_TRACT",
  pop: "Total population",
  college: "Percent enrollment in college or graduate school",
  pct: "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted (percentile)",
  own: "Definition N (communities)",
  adj: "Definition N (communities) (based on adjacency index and low income alone)",
  final: "Definition N community, including adjacency index tracts",
  grand: "Grandfathered Definition N (communities) from v1.0",
  redlining: "Tract-level redlining score meets or exceeds 3.25",
  under10: "Percent age under 10",
  over64: "Percent age over 64",
  noHs: "Percent individuals age 25 or over with less than high school degree",
} as const;

const A = "01001000100";
const B = "01001000200";
const Cg = "01001000300";
const D = "72001000400";

type Row = Record<string, string>;
const base: Row[] = [
  {
    [C.geoid]: A,
    [C.pop]: "1000.0",
    [C.college]: "0.6",
    [C.pct]: "0.456",
    [C.own]: "True",
    [C.adj]: "False",
    [C.final]: "True",
    [C.redlining]: "True",
    [C.under10]: "0.02",
    [C.over64]: "0.1",
    [C.noHs]: "0.3",
  },
  {
    [C.geoid]: B,
    [C.pop]: "2000.0",
    [C.college]: "0.9",
    [C.pct]: "0.789",
    [C.own]: "False",
    [C.adj]: "False",
    [C.final]: "False",
    [C.redlining]: "",
    [C.under10]: "0.12",
    [C.over64]: "0.2",
    [C.noHs]: "0.1",
  },
  {
    [C.geoid]: Cg,
    [C.pop]: "3000.0",
    [C.college]: "0.1",
    [C.pct]: "0.1",
    [C.own]: "True",
    [C.adj]: "False",
    [C.final]: "True",
    [C.redlining]: "False",
    [C.under10]: "0.97",
    [C.over64]: "0.0",
    [C.noHs]: "0.5",
  },
  {
    [C.geoid]: D,
    [C.pop]: "0.0",
    [C.college]: "0.2",
    [C.pct]: "",
    [C.own]: "False",
    [C.adj]: "False",
    [C.final]: "False",
    [C.redlining]: "",
    [C.under10]: "0.5",
    [C.over64]: "",
    [C.noHs]: "",
  },
];
const cand: Row[] = base.map((r) => {
  const g = r[C.geoid];
  const out = { ...r, [C.grand]: g === Cg ? "True" : "False" };
  if (g === B) Object.assign(out, { [C.adj]: "True", [C.final]: "True" });
  if (g === Cg) Object.assign(out, { [C.own]: "False" });
  return out;
});

function csv(rows: Row[]): string {
  const header = Object.keys(rows[0]!);
  const q = (c: string) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return `${[header, ...rows.map((r) => header.map((h) => r[h] ?? ""))].map((l) => l.map(q).join(",")).join("\n")}\n`;
}

/** Tile properties as the tile contract writes them for each candidate tract. */
const TILE_PROPS: Record<string, Record<string, string | number | boolean>> = {
  [A]: { GEOID10: A, TPF: 1000, P200_I_PFS: 0.45, SN_C: true, HRS_ET: "1" },
  [B]: { GEOID10: B, TPF: 2000, P200_I_PFS: 0.78, SN_C: true },
  [Cg]: { GEOID10: Cg, TPF: 3000, P200_I_PFS: 0.1, SN_C: true, HRS_ET: "0" },
};
const TILE_INDEX = {
  GTF: C.geoid,
  SF: "State/Territory",
  TPF: C.pop,
  P200_I_PFS: C.pct,
  SN_C: C.final,
  HRS_ET: C.redlining,
};

function square(lon: number, lat: number, props: Record<string, unknown>): Feature {
  const d = 0.2;
  return {
    type: "Feature",
    properties: props,
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [lon, lat],
          [lon + d, lat],
          [lon + d, lat + d],
          [lon, lat + d],
          [lon, lat],
        ],
      ],
    },
  };
}

async function archive(
  props: Record<string, Record<string, string | number | boolean>>,
): Promise<Uint8Array> {
  const sink = memoryByteSink();
  const features = Object.values(props).map((p, i) => square(-87 + i, 32 + i * 0.5, p));
  await buildTileArchive({ features, layer: "blocks", minZoom: 5, maxZoom: 6, sink });
  return sink.bytes();
}

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

async function put(dir: string, path: string, body: string | Uint8Array) {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), body);
}

const doc = (geoid: string, reasons: { kind: string; category?: string }[], exceeded: string[]) => ({
  geoid,
  state: { fips: geoid.slice(0, 2), name: geoid.startsWith("72") ? "Puerto Rico" : "Alabama" },
  county: { fips: geoid.slice(0, 5), name: geoid.startsWith("72") ? "Adjuntas Municipio" : "Autauga County" },
  trace: { reasons, indicators: exceeded.map((id) => ({ id, exceeded: true })) },
});

async function publishVersion(
  store: MemoryStore,
  label: string,
  rows: Row[],
  extra: { tiles?: Record<string, Record<string, string | number | boolean>> } = {},
) {
  const dir = await tempDir("cejst-sections-");
  await put(dir, SCORE_TABLE_PATH, csv(rows));
  await put(dir, `data/score/downloadable/${label}-communities.csv`, `x,${label}\n`);
  const final = (g: string) => rows.find((r) => r[C.geoid] === g)?.[C.final] === "True";
  await put(
    dir,
    "api/tracts/01001.json",
    JSON.stringify({
      [A]: doc(A, [{ kind: "category", category: "climate" }], ["pm25"]),
      [B]: doc(B, final(B) ? [{ kind: "adjacency" }] : [], []),
      [Cg]: doc(
        Cg,
        label === "2.0" ? [{ kind: "grandfathered" }] : [{ kind: "category", category: "energy" }],
        [],
      ),
    }),
  );
  const fileFields: Record<string, Record<string, unknown>> = {};
  if (extra.tiles) {
    await put(dir, "data/score/tiles/high/usa_high.pmtiles", await archive(extra.tiles));
    await put(dir, "data/score/csv/tiles/tile_indexes.json", JSON.stringify(TILE_INDEX));
    await put(
      dir,
      "api/search/tracts.json",
      JSON.stringify({
        label,
        columns: ["geoid", "lat", "lon", "bbox", "mapped"],
        rows: rows.map((r) => [r[C.geoid], 0, 0, null, r[C.geoid] !== D]),
      }),
    );
    fileFields["data/score/tiles/high/usa_high.pmtiles"] = { role: "tiles-detail" };
    fileFields["api/search/tracts.json"] = { role: "search-tracts" };
  }
  await createBuildManifest(dir, { label, methodology: label, synthetic: true }, { fileFields });
  await publish(store, { version: label, buildDir: dir, allowUnfrozen: true, actor: { name: "Test" } });
}

async function versions(tiles = TILE_PROPS) {
  const store = new MemoryStore();
  await publishVersion(store, "1.0", base);
  await publishVersion(store, "2.0", cand, { tiles });
  return store;
}

const gate = (r: { gates: { id: string; passed: boolean; value: string }[] }, id: string) =>
  r.gates.find((g) => g.id === id);

test("R20 spot checks show the tract that flipped, with each version's reasons", async () => {
  const store = await versions();
  const { report } = await compareVersions(store, {
    base: "1.0",
    cand: "2.0",
    config: { spotChecks: [A, B, Cg] },
  });
  const s = report.sections.spotChecks as {
    source: string;
    tracts: {
      geoid: string;
      county: string;
      state: string;
      baseIdentified: boolean;
      candIdentified: boolean;
      changed: boolean;
      base: { reasons: string[] };
      cand: { reasons: string[]; indicatorsExceeded: string[] };
    }[];
  };
  assert.equal(s.source, "config");
  const [a, b, c] = s.tracts;
  assert.deepEqual(
    s.tracts.map((t) => [t.geoid, t.baseIdentified, t.candIdentified, t.changed]),
    [
      [A, true, true, false],
      [B, false, true, true],
      [Cg, true, true, false],
    ],
  );
  assert.equal(b?.county, "Autauga County");
  assert.equal(b?.state, "Alabama");
  assert.deepEqual(b?.base.reasons, []);
  assert.deepEqual(b?.cand.reasons, ["adjacency"]);
  assert.deepEqual(a?.cand.reasons, ["own criteria (climate)"]);
  assert.deepEqual(a?.cand.indicatorsExceeded, ["pm25"]);
  assert.deepEqual(c?.base.reasons, ["own criteria (energy)"]);
  assert.deepEqual(c?.cand.reasons, ["grandfathered"]);
});

test("R20 without a configured list takes the highest college-enrolment tracts", async () => {
  const store = await versions();
  const { report } = await compareVersions(store, { base: "1.0", cand: "2.0" });
  const s = report.sections.spotChecks as { source: string; tracts: { geoid: string }[] };
  assert.match(s.source, /^default/);
  // B (0.9) and A (0.6) reach 50 %; C (0.1) and D (0.2) do not.
  assert.deepEqual(
    s.tracts.map((t) => t.geoid),
    [B, A],
  );
});

test("R15 histograms count each group in 5-point bins", async () => {
  const store = await versions();
  const { report } = await compareVersions(store, { base: "1.0", cand: "2.0" });
  type H = { n: number; counts: number[]; density: number[] } | null;
  const d = report.sections.demographics as {
    comparisons: {
      id: string;
      first: string;
      second: string;
      variables: Record<string, { first: H; second: H }>;
    }[];
  };
  const by = (id: string) => d.comparisons.find((c) => c.id === id)!;
  const ident = by("identified").variables.under10!;
  assert.equal(ident.first?.n, 3, "A, B and C are identified in the candidate");
  assert.equal(ident.second?.n, 2, "A and C were identified in the baseline");
  assert.equal(ident.first?.counts[0], 1); // A: 0.02
  assert.equal(ident.first?.counts[2], 1); // B: 0.12
  assert.equal(ident.first?.counts[19], 1); // C: 0.97
  assert.equal(ident.second?.counts[2], 0, "B was not identified in the baseline");
  const notIdent = by("notIdentified").variables.under10!;
  assert.equal(notIdent.first?.counts[10], 1, "D (0.5) falls in the 50-55 bin");
  assert.equal(notIdent.second?.n, 2);
  const ag = by("addedVsGrandfathered").variables.under10!;
  assert.deepEqual([ag.first?.n, ag.second?.n], [1, 1]);
  assert.equal(ag.first?.counts[2], 1, "B was added");
  assert.equal(ag.first?.density[2], 20, "one tract in a 0.05-wide bin has density 20");
  assert.equal(ag.second?.counts[19], 1, "C is grandfathered");
  // D has no value for the share 65 and over: counted as missing, not binned.
  const over = by("notIdentified").variables.over64!;
  assert.equal((over.first as { missing: number } | null)?.missing, 1);
});

test("R23 passes on a faithful archive and counts features per zoom", async () => {
  const store = await versions();
  const { report } = await compareVersions(store, { base: "1.0", cand: "2.0" });
  const t = report.sections.tiles as {
    archives: {
      path: string;
      minZoom: number;
      maxZoom: number;
      zooms: { zoom: number; features: number }[];
    }[];
    coverage: { missing: number; drawnTracts: number };
    fidelity: { checked: number; codesCompared: number; codesNotInScoreTable: string[]; mismatches: number };
  };
  assert.equal(t.archives.length, 1);
  assert.deepEqual([t.archives[0]?.minZoom, t.archives[0]?.maxZoom], [5, 6]);
  assert.ok(
    t.archives[0]!.zooms.every((z) => z.features >= 3),
    JSON.stringify(t.archives[0]!.zooms),
  );
  assert.equal(t.coverage.drawnTracts, 3, "D has no land");
  assert.equal(t.coverage.missing, 0);
  assert.equal(t.fidelity.checked, 3);
  assert.equal(t.fidelity.codesCompared, 4);
  assert.deepEqual(t.fidelity.codesNotInScoreTable, ["SF"]);
  assert.equal(t.fidelity.mismatches, 0);
  assert.equal(gate(report, "tiles.coverage")?.passed, true);
  assert.equal(gate(report, "tiles.fidelity")?.passed, true);
});

test("R23 coverage fails when a drawn tract has no feature at the selectable zoom", async () => {
  const { [B]: _dropped, ...rest } = TILE_PROPS;
  const store = await versions(rest);
  const { report } = await compareVersions(store, { base: "1.0", cand: "2.0" });
  const t = report.sections.tiles as { coverage: { missing: number; missingExamples: string[] } };
  assert.equal(t.coverage.missing, 1);
  assert.deepEqual(t.coverage.missingExamples, [B]);
  assert.equal(gate(report, "tiles.coverage")?.passed, false);
});

test("R23 fidelity fails on a rounded instead of floored value and on a flag written as a boolean", async () => {
  const store = await versions({
    ...TILE_PROPS,
    [A]: { ...TILE_PROPS[A]!, P200_I_PFS: 0.46 },
    [Cg]: { ...TILE_PROPS[Cg]!, HRS_ET: false },
  });
  const { report } = await compareVersions(store, { base: "1.0", cand: "2.0" });
  const f = (
    report.sections.tiles as {
      fidelity: {
        mismatches: number;
        mismatchedTracts: number;
        examples: { geoid: string; code: string; expected: string; got: string }[];
      };
    }
  ).fidelity;
  assert.equal(f.mismatches, 2);
  assert.equal(f.mismatchedTracts, 2);
  assert.deepEqual(f.examples, [
    { geoid: A, code: "P200_I_PFS", expected: "0.45", got: "0.46" },
    { geoid: Cg, code: "HRS_ET", expected: '"0"', got: "false" },
  ]);
  assert.equal(gate(report, "tiles.fidelity")?.passed, false);
});

async function siteDir(files: Record<string, string>): Promise<string> {
  const dir = await tempDir("cejst-site-");
  for (const [p, body] of Object.entries(files)) await put(dir, p, body);
  return dir;
}

test("R22 checks requiredData, roles and links of --site against the candidate", async () => {
  const store = await versions();
  const good = await siteDir({
    "cejst-site.json": JSON.stringify({
      immutablePrefixes: ["assets/"],
      requiredData: ["tiles-detail", SCORE_TABLE_PATH],
    }),
    "index.html": '<a href="data/score/downloadable/2.0-communities.csv">CSV</a>',
    // Another version's folder stays published whatever the candidate holds: not checked.
    "assets/app.js":
      'r.role("search-tracts");fetch(`data-versions/1.0/data/score/downloadable/1.0-only.pdf`)',
  });
  const ok = await compareVersions(store, { base: "1.0", cand: "2.0", siteDir: good });
  const s = ok.report.sections.siteReferences as {
    source: { kind: string };
    items: { item: string; kind: string; present: string; foundIn: string[] }[];
  };
  assert.equal(s.source.kind, "dir");
  assert.deepEqual(
    s.items.map((i) => [i.kind, i.item, i.present]),
    [
      ["requiredData", "tiles-detail", "yes"],
      ["requiredData", SCORE_TABLE_PATH, "yes"],
      ["link", "data/score/downloadable/2.0-communities.csv", "yes"],
      ["role", "search-tracts", "yes"],
    ],
  );
  assert.equal(gate(ok.report, "site.referencesPresent")?.passed, true);

  const bad = await siteDir({
    "cejst-site.json": JSON.stringify({ immutablePrefixes: [], requiredData: ["tiles-tribal"] }),
    "about.html": '<a href="/data-versions/2.0/data/score/downloadable/CEQ-CEJST-Instructions.pdf">PDF</a>',
  });
  const no = await compareVersions(store, { base: "1.0", cand: "2.0", siteDir: bad });
  const items = (
    no.report.sections.siteReferences as { items: { item: string; present: string; foundIn: string[] }[] }
  ).items;
  assert.deepEqual(
    items.map((i) => [i.item, i.present, i.foundIn]),
    [
      ["tiles-tribal", "no", []],
      ["data/score/downloadable/CEQ-CEJST-Instructions.pdf", "no", ["about.html"]],
    ],
  );
  const g = gate(no.report, "site.referencesPresent");
  assert.equal(g?.passed, false);
  assert.match(g?.value ?? "", /tiles-tribal/);
  assert.notEqual(ok.digest, no.digest, "the site checked is part of the report");
});

test("R22 without --site is reported as not computed, and no gate is added", async () => {
  const store = await versions();
  const { report } = await compareVersions(store, { base: "1.0", cand: "2.0" });
  const s = report.sections.siteReferences as { computed: boolean; reason: string };
  assert.equal(s.computed, false);
  assert.match(s.reason, /no site build given/);
  assert.equal(gate(report, "site.referencesPresent"), undefined);
});

test("R22 reads a deployed site build's recorded requiredData by digest (--site sha256:…)", async () => {
  const store = await versions();
  const enc = (t: string) => new TextEncoder().encode(t);
  const page = enc('<a href="data/score/downloadable/2.0-communities.csv">CSV</a>');
  const content = {
    files: [
      {
        path: "index.html",
        sha256: createHash("sha256").update(page).digest("hex"),
        bytes: page.byteLength,
        contentType: "text/html; charset=utf-8",
        immutable: false,
      },
    ],
    immutablePrefixes: [],
    notFound: null,
    requiredData: ["tiles-tribal"],
  };
  const site = sha256Digest(canonicalJson(content));
  const hex = site.slice("sha256:".length);
  await store.putIfAbsent(`site-builds/${hex}/index.html`, page, {});
  await store.putIfAbsent(
    `site-builds/${hex}/site-manifest.json`,
    enc(JSON.stringify({ schema: "cejst.site-manifest/1", content })),
    {},
  );
  const first = await compareVersions(store, { base: "1.0", cand: "2.0", site });
  const s = first.report.sections.siteReferences as {
    source: { kind: string; site: string };
    items: { item: string; kind: string; present: string }[];
  };
  assert.deepEqual(s.source, { kind: "stored", site });
  assert.deepEqual(
    s.items.map((i) => [i.kind, i.item, i.present]),
    [
      ["requiredData", "tiles-tribal", "no"],
      ["link", "data/score/downloadable/2.0-communities.csv", "yes"],
    ],
  );
  assert.equal(gate(first.report, "site.referencesPresent")?.passed, false);
  // the same inputs give the same report, and a build that was never deployed is an error
  const again = await compareVersions(store, { base: "1.0", cand: "2.0", site: hex });
  assert.equal(again.digest, first.digest);
  await assert.rejects(
    compareVersions(store, { base: "1.0", cand: "2.0", site: `sha256:${"0".repeat(64)}` }),
    /no site build sha256:0{64} was deployed/,
  );
});

test("the HTML names every table and chart for assistive technology, without ARIA on Plot's groups", async () => {
  const store = await versions();
  const out = await tempDir("cejst-sections-html-");
  await compareVersions(store, { base: "1.0", cand: "2.0", outDir: out, config: { spotChecks: [B] } });
  const html = await readFile(join(out, "report.html"), "utf8");
  const tables = html.match(/<table>/g)?.length ?? 0;
  assert.ok(tables > 10);
  assert.equal(html.match(/<table><caption>[^<]+<\/caption>/g)?.length, tables, "every table has a caption");
  const svgs = [...html.matchAll(/<svg\b[^>]*\bdata-chart="\d+"[^>]*>/g)].map((m) => m[0]);
  assert.ok(svgs.length >= 10);
  for (const svg of svgs) {
    assert.match(svg, /\brole="img"/);
    assert.match(svg, /\baria-label="[^"]{10,}"/);
  }
  assert.doesNotMatch(html, /<g\b[^>]*\baria-label=/, "Plot's group labels moved to data-mark");
  assert.match(html, /<tr class="changed"><td>01001000200<\/td>/, "the flipped tract is marked");
});
