import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { parquetReadObjects } from "hyparquet";
import { runScore } from "../../src/score/run-score.ts";
import { BAD_CASES, makeBadDataset } from "./bad-cases.ts";
import { echoCompute } from "./fake-compute.ts";
import { writeSyntheticDataset } from "./synthetic-dataset.ts";

const GEOIDS = [
  ...Array.from({ length: 20 }, (_, i) => `24027${String(600100 + i * 100).padStart(6, "0")}`),
  "24027990000",
  "72001956300",
  "66010951100",
  "66010990000",
];

let root: string;
let data: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), "cejst-score-"));
  data = join(root, "data");
  await writeSyntheticDataset(data, GEOIDS, { seed: 7 });
});
after(() => rm(root, { recursive: true, force: true }));

describe("runScore around the methodology", () => {
  test("writes usa.csv, usa.parquet and the traces, and nothing else, into <out>/score", async () => {
    const out = join(root, "out-ok");
    const events: string[] = [];
    const summary = await runScore({
      dataDir: data,
      version: "2.0",
      outDir: out,
      compute: echoCompute,
      progress: (e) => events.push(e.stage),
    });
    assert.equal(summary.tracts, GEOIDS.length);
    for (const stage of ["read", "join", "adjacency", "score", "write"])
      assert.ok(events.includes(stage), stage);

    const csv = (await readFile(join(out, "score/csv/full/usa.csv"), "utf8")).trimEnd().split("\n");
    assert.equal(csv.length, GEOIDS.length + 1);
    assert.equal(
      csv[0],
      'GEOID10_TRACT,Total population,Neighbour count,Is there at least one abandoned mine in this census tract?,Names of Tribal areas within Census tract,ALAND10,"Definition N community, including adjacency index tracts"',
    );
    assert.deepEqual(
      csv.slice(1).map((l) => l.slice(0, 11)),
      [...GEOIDS].sort(),
    );
    // Interior grid tracts have eight neighbours; floats keep pandas' ".0".
    assert.ok(csv.some((l) => /,8,/.test(l)));
    assert.ok(
      csv.slice(1).every((l) => /^\d{11},(\d+\.0)?,\d+,(True|False)?,/.test(l)),
      csv[1],
    );

    const rows = await parquetReadObjects({
      file: (await readFile(join(out, "score/parquet/usa.parquet"))).buffer as ArrayBuffer,
    });
    assert.equal(rows.length, GEOIDS.length);
    assert.equal(rows[0]?.GEOID10_TRACT, [...GEOIDS].sort()[0]);

    const traces = (await readFile(join(out, "score/traces/usa.jsonl"), "utf8")).trimEnd().split("\n");
    assert.equal(traces.length, GEOIDS.length);
    assert.equal(JSON.parse(traces[0] as string).GEOID10_TRACT, [...GEOIDS].sort()[0]);
    assert.equal(typeof JSON.parse(traces[0] as string).neighbours, "number");

    const leftovers = spawnSync("ls", ["-A", out], { encoding: "utf8" }).stdout.trim();
    assert.equal(leftovers, "score");
  });

  test("a second run replaces <out>/score as a whole", async () => {
    const out = join(root, "out-twice");
    await runScore({ dataDir: data, version: "1.0", outDir: out, compute: echoCompute });
    await writeFile(join(out, "score/stale.txt"), "old");
    await runScore({ dataDir: data, version: "1.0", outDir: out, compute: echoCompute });
    assert.equal(existsSync(join(out, "score/stale.txt")), false);
    assert.equal(existsSync(join(out, "score/csv/full/usa.csv")), true);
  });

  test("--v1-results joins the 1.0 final flag; tracts it lacks get null", async () => {
    const v1 = join(root, "v1.csv");
    const sorted = [...GEOIDS].sort();
    await writeFile(
      v1,
      [
        "GEOID10_TRACT,Total population,Is low income (imputed and adjusted)?,Definition N community, including adjacency index tracts".replace(
          "Definition N community, including adjacency index tracts",
          '"Definition N community, including adjacency index tracts"',
        ),
        `${sorted[0]},100.0,True,True`,
        `${sorted[1]},100.0,False,False`,
      ].join("\n"),
    );
    const out = join(root, "out-v1");
    await runScore({ dataDir: data, version: "2.0", outDir: out, v1ResultsPath: v1, compute: echoCompute });
    const csv = (await readFile(join(out, "score/csv/full/usa.csv"), "utf8")).trimEnd().split("\n");
    assert.match(csv[1] as string, /,True$/);
    assert.match(csv[2] as string, /,False$/);
    assert.match(csv[3] as string, /,$/);
  });
});

describe("bad input fails with a located error and leaves no output", () => {
  for (const c of BAD_CASES) {
    test(c.name, async () => {
      const dir = await makeBadDataset(data, join(root, c.name), c);
      const out = join(root, `out-${c.name}`);
      await assert.rejects(
        runScore({ dataDir: dir, version: "2.0", outDir: out, compute: echoCompute }),
        (e) => {
          assert.ok(e instanceof c.error, String(e));
          assert.match((e as Error).message, c.message);
          return true;
        },
      );
      assert.equal(existsSync(join(out, "score")), false);
    });
  }
});
