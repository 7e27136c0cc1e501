import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { approve } from "../src/approve.ts";
import { createBuildManifest } from "../src/build-manifest.ts";
import { compareVersions, SCORE_TABLE_PATH } from "../src/compare/compare-versions.ts";
import { REPORT_KEYS } from "../src/compare/compute-report.ts";
import { MemoryStore } from "../src/memory-store.ts";
import { publish } from "../src/publish.ts";

// Hand-made score tables with known answers: one tract in each transition class, a
// grandfathered tract, an enrolment share exactly at the 20 % bucket boundary, and a rate
// change of 0.004 that a 2-decimal comparison would hide.
const HEADER = [
  "GEOID10_TRACT",
  "Total population",
  "Percent enrollment in college or graduate school",
  "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted",
  "Definition N (communities)",
  "Definition N (communities) (based on adjacency index and low income alone)",
  "Definition N community, including adjacency index tracts",
];
type Row = [
  geoid: string,
  pop: number,
  college: number,
  rate: string,
  scoreN: boolean,
  donut: boolean,
  final: boolean,
];
const v1: Row[] = [
  ["01001000100", 1000, 0.1, "0.5", true, false, true], // stays identified
  ["01001000200", 2000, 0.2, "0.3", false, false, false], // becomes identified
  ["01001000300", 3000, 0.05, "0.6", true, false, true], // grandfathered in 2.0
  ["72001000400", 500, 0.5, "0.2", false, false, false], // stays not identified; rate +0.004
];
const v2: Row[] = [
  ["01001000100", 1000, 0.1, "0.5", true, false, true],
  ["01001000200", 2000, 0.2, "0.3", false, true, true],
  ["01001000300", 3000, 0.05, "0.6", false, false, true],
  ["72001000400", 500, 0.5, "0.204", false, false, false],
];
const py = (b: boolean) => (b ? "True" : "False");
function table(rows: Row[], grandfathered?: Set<string>): string {
  const header = grandfathered ? [...HEADER, "Grandfathered Definition N (communities) from v1.0"] : HEADER;
  const lines = rows.map(([g, p, c, r, s, d, f]) => {
    const cells = [g, p.toFixed(1), String(c), r, py(s), py(d), py(f)];
    if (grandfathered) cells.push(py(grandfathered.has(g)));
    return cells.join(",");
  });
  const q = (c: string) => (c.includes(",") ? `"${c}"` : c);
  return `${header.map(q).join(",")}\n${lines.join("\n")}\n`;
}

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function published(store: MemoryStore, label: string, csv: string) {
  const dir = await mkdtemp(join(tmpdir(), "cejst-compare-"));
  dirs.push(dir);
  await mkdir(join(dir, "data/score/csv/full"), { recursive: true });
  await writeFile(join(dir, SCORE_TABLE_PATH), csv);
  await writeFile(join(dir, `data/score/${label}-communities.csv`), `x,${label}\n`);
  await createBuildManifest(dir, { label, methodology: label, synthetic: true });
  await publish(store, { version: label, buildDir: dir, allowUnfrozen: true, actor: { name: "Test" } });
}

async function setup() {
  const store = new MemoryStore();
  await published(store, "1.0", table(v1));
  await published(store, "2.0", table(v2, new Set(["01001000300"])));
  return store;
}

test("the report counts each transition class, grandfathering and adjacency exactly", async () => {
  const store = await setup();
  const { report } = await compareVersions(store, { base: "1.0", cand: "2.0" });
  const dac = report.sections.dac as Record<string, unknown>;
  assert.deepEqual(dac.transition, {
    tt: 2,
    tf: 0,
    ft: 1,
    ff: 1,
    ttPop: 4000,
    tfPop: 0,
    ftPop: 2000,
    ffPop: 500,
  });
  assert.equal(dac.added, 1);
  assert.equal(dac.removed, 0);
  assert.equal(dac.grandfathered, 1);
  assert.equal(dac.adjacencyOnly, 1);
  assert.deepEqual(report.lists.added, ["01001000200"]);
  assert.deepEqual(report.lists.grandfathered, ["01001000300"]);
  const gate = (id: string) => report.gates.find((g) => g.id === id);
  assert.equal(gate("dac.noneRemoved")?.passed, true);
  assert.equal(gate("tracts.complete")?.passed, true);
  // (1000+2000+3000)/6500 of the population is identified in 2.0: above the 0.40 default.
  assert.equal(gate("dac.populationShareMax")?.passed, false);
});

test("a 0.004 change in a rate is reported as a changed cell", async () => {
  const store = await setup();
  const { report } = await compareVersions(store, { base: "1.0", cand: "2.0" });
  const rate = "Percent of individuals below 200% Federal Poverty Line, imputed and adjusted";
  assert.ok(
    report.lists.deltas.some(
      ([g, c, a, b]) => g === "72001000400" && c === rate && a === "0.2" && b === "0.204",
    ),
  );
});

test("the 20 % enrolment boundary falls in the 20-49 % bucket", async () => {
  const store = await setup();
  const { report } = await compareVersions(store, { base: "1.0", cand: "2.0" });
  const rows = (report.sections.university as { rows: { group: string; tracts: number }[] }).rows;
  assert.equal(rows.find((r) => r.group === "20-49%")?.tracts, 1);
  assert.equal(rows.find((r) => r.group === "0-19%")?.tracts, 2);
});

test("the bundle is deterministic, stored once, self-contained, and every section is present", async () => {
  const store = await setup();
  const out = await mkdtemp(join(tmpdir(), "cejst-report-"));
  dirs.push(out);
  const first = await compareVersions(store, { base: "1.0", cand: "2.0", outDir: out });
  const second = await compareVersions(store, { base: "1.0", cand: "2.0" });
  assert.equal(first.digest, second.digest);
  assert.ok(first.created > 0);
  assert.equal(second.created, 0, "a rerun writes nothing new");
  const json = JSON.parse(await readFile(join(out, "report.json"), "utf8")) as Record<string, unknown>;
  const html = await readFile(join(out, "report.html"), "utf8");
  for (const key of REPORT_KEYS) {
    assert.ok(key in json, `report.json has ${key}`);
    assert.ok(html.includes(`data-key="${key}"`), `report.html has a section for ${key}`);
  }
  assert.ok(html.includes("<svg"), "charts are inline SVG");
  assert.doesNotMatch(html, /(src|href)\s*=\s*["']?https?:|url\(\s*["']?https?:/i);
});

test("approve accepts the stored report for the candidate and refuses it for another version", async () => {
  const store = await setup();
  const { digest } = await compareVersions(store, {
    base: "1.0",
    cand: "2.0",
    config: { populationShareMax: 1 },
  });
  const ok = await approve(store, {
    version: "2.0",
    report: digest,
    decision: "approved",
    approver: { name: "R", email: "r@example.org" },
  });
  assert.equal(ok.record.report.digest, digest);
  await assert.rejects(
    approve(store, {
      version: "1.0",
      report: digest,
      decision: "approved",
      approver: { name: "R", email: "r@example.org" },
    }),
    /PRECONDITION/,
  );
});

test("an uncommitted version is refused", async () => {
  const store = await setup();
  await assert.rejects(compareVersions(store, { base: "1.0", cand: "3.0" }), /not committed/);
});
