/**
 * Every adapter on its small hand-written fixture (real raw format, made-up values, awkward
 * rows): the golden output, then one broken copy per failure kind. A failing run must name
 * file, line and column, and leave no usa.csv behind.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import { zipSync } from "fflate";
import { runEtl } from "../../src/datasets/run-etl.ts";
import { csvLine } from "../../src/io/atomic-write.ts";
import { parseCsvText } from "../../src/io/csv-table.ts";

const datasetsDir = join(dirname(fileURLToPath(import.meta.url)), "../../src/datasets");
const scratch = mkdtempSync(join(tmpdir(), "cejst-etl-adapters-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

interface Case {
  id: string;
  /** Raw files, relative to the adapter's `fixtures/` folder. */
  members: string[];
  /** The archive the source publishes them in, if any. */
  archive?: string;
  encoding: "utf8" | "latin1";
  /** The member the broken copies alter, and its columns to break. */
  target: string;
  geoid: string;
  numeric: string;
  required: string;
  /** Makes a tract id of the wrong length (sources that pad ids accept short ones, so this varies). */
  breakGeoid?: (id: string) => string;
}

const CASES: Case[] = [
  {
    id: "national_risk_index",
    members: ["NRI_Table_CensusTracts.csv"],
    archive: "NRI_Table_CensusTracts.zip",
    encoding: "utf8",
    target: "NRI_Table_CensusTracts.csv",
    geoid: "TRACTFIPS",
    numeric: "HAIL_EALP",
    required: "AGRIVALUE",
  },
  {
    id: "hud_housing",
    members: ["140/Table3.csv", "140/Table8.csv"],
    archive: "2014thru2018-140-csv.zip",
    encoding: "latin1",
    target: "140/Table8.csv",
    geoid: "geoid",
    numeric: "T8_est20",
    required: "T8_est68",
  },
  {
    id: "cdc_places",
    members: ["census_tract.csv"],
    encoding: "utf8",
    target: "census_tract.csv",
    geoid: "LocationID",
    numeric: "Data_Value",
    required: "Measure",
  },
  {
    id: "ejscreen",
    members: ["EJSCREEN_2021_USPR_Tracts.csv"],
    archive: "EJSCREEN_2021_USPR_Tracts.csv.zip",
    encoding: "utf8",
    target: "EJSCREEN_2021_USPR_Tracts.csv",
    geoid: "ID",
    numeric: "PTRAF",
    required: "PM25",
  },
  {
    id: "doe_energy_burden",
    members: ["DOE_LEAD_AMI_TRACT_2018_ALL.csv"],
    archive: "DOE_LEAD_AMI_TRACT_2018_ALL.csv.zip",
    encoding: "utf8",
    target: "DOE_LEAD_AMI_TRACT_2018_ALL.csv",
    geoid: "FIP",
    numeric: "BURDEN",
    required: "BURDEN",
    breakGeoid: (id: string) => `${id}00`,
  },
  {
    id: "cdc_life_expectancy",
    members: ["US_A.CSV", "ME_A.CSV", "WI_A.CSV"],
    encoding: "utf8",
    target: "US_A.CSV",
    geoid: "Tract ID",
    numeric: "e(0)",
    required: "e(0)",
  },
  {
    id: "geocorr",
    members: ["geocorr_urban_rural.csv"],
    archive: "geocorr_urban_rural.csv.zip",
    encoding: "utf8",
    target: "geocorr_urban_rural.csv",
    geoid: "GEOID10_TRACT",
    numeric: "urban_heuristic_flag",
    required: "urban_heuristic_flag",
  },
  {
    id: "nlcd_nature_deprived",
    members: ["usa_conus_nat_dep__compiled_by_TPL.csv"],
    archive: "usa_conus_nat_dep__compiled_by_TPL.csv.zip",
    encoding: "utf8",
    target: "usa_conus_nat_dep__compiled_by_TPL.csv",
    geoid: "GEOID10_TRACT",
    numeric: "PctNatural",
    required: "PctImperv",
  },
  ...(["fsf_flood_risk", "fsf_wildfire_risk"] as const).map((id): Case => {
    const [dir, file, today] =
      id === "fsf_flood_risk"
        ? ["fsf_flood", "flood-tract2010.csv", "mid_depth_100_year00"]
        : ["fsf_fire", "fire-tract2010.csv", "burnprob_year00_flag"];
    return {
      id,
      members: [`${dir}/${file}`],
      archive: `${dir}.zip`,
      encoding: "utf8",
      target: `${dir}/${file}`,
      geoid: "GEOID",
      numeric: today,
      required: "count_properties",
      breakGeoid: (id: string) => id.slice(0, -2),
    };
  }),
];

type Mutate = (bytes: Uint8Array) => Uint8Array;

/** Writes the case's raw files (altered by `mutate`) into a fresh folder, zipped if the source is. */
function materialize(c: Case, options: { mutate?: Mutate; zipped?: boolean } = {}): string {
  const dir = join(scratch, `src-${counter++}`);
  mkdirSync(dir, { recursive: true });
  const files: Record<string, Uint8Array> = {};
  for (const m of c.members) {
    const bytes = new Uint8Array(readFileSync(join(datasetsDir, c.id, "fixtures", m)));
    files[m] = m === c.target && options.mutate ? options.mutate(bytes) : bytes;
  }
  if (c.archive && (options.zipped ?? true)) {
    const path = join(dir, c.archive);
    writeFileSync(path, zipSync(files));
    return path;
  }
  for (const [m, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, m)), { recursive: true });
    writeFileSync(join(dir, m), bytes);
  }
  return dir;
}

const decode = (b: Uint8Array, c: Case) =>
  new TextDecoder(c.encoding === "utf8" ? "utf-8" : "latin1").decode(b);
const encode = (s: string, c: Case) =>
  c.encoding === "utf8" ? new TextEncoder().encode(s) : Uint8Array.from(s, (ch) => ch.charCodeAt(0));

/** Rewrites the target CSV through `edit`, which sees the header and the rows as string arrays. */
function editCsv(c: Case, edit: (header: string[], rows: string[][]) => void): Mutate {
  return (bytes) => {
    const t = parseCsvText(decode(bytes, c), c.target);
    edit(t.header, t.rows);
    return encode(`${[t.header, ...t.rows].map(csvLine).join("\r\n")}\r\n`, c);
  };
}

async function expectFailure(c: Case, source: string, check: (e: unknown) => boolean): Promise<void> {
  const out = join(scratch, `out-${counter++}`);
  await assert.rejects(runEtl({ dataset: c.id, sources: [source], out }), (e) => {
    assert.ok(check(e), `unexpected error: ${(e as Error).stack}`);
    return true;
  });
  assert.equal(existsSync(join(out, "dataset", c.id, "usa.csv")), false, "no usa.csv after a failure");
}

const located = (file: string, line: number | undefined, column?: string) => (e: unknown) =>
  e instanceof InputSchemaError &&
  e.file.endsWith(file) &&
  (line === undefined || e.line === line) &&
  (column === undefined || e.field === column) &&
  e.message.includes(file) &&
  (line === undefined || e.message.includes(`line ${line}`));

for (const c of CASES) {
  describe(c.id, () => {
    test("writes the expected usa.csv from the hand-written fixture", async () => {
      const want = readFileSync(join(datasetsDir, c.id, "fixtures", "expected-usa.csv"), "utf8");
      for (const zipped of c.archive ? [true, false] : [false]) {
        const out = join(scratch, `out-${counter++}`);
        const result = await runEtl({ dataset: c.id, sources: [materialize(c, { zipped })], out });
        assert.equal(readFileSync(join(out, "dataset", c.id, "usa.csv"), "utf8"), want, `zipped=${zipped}`);
        assert.deepEqual(
          result.files.map((f) => f.path),
          [join(out, "dataset", c.id, "usa.csv")],
        );
      }
    });

    test("a missing column is named, with the file and line 1", async () => {
      const mutate = editCsv(c, (h, rows) => {
        const i = h.indexOf(c.required);
        h.splice(i, 1);
        for (const r of rows) r.splice(i, 1);
      });
      await expectFailure(c, materialize(c, { mutate }), located(c.target.split("/").pop()!, 1, c.required));
    });

    test("a renamed header is reported as the expected column missing", async () => {
      const mutate = editCsv(c, (h) => {
        h[h.indexOf(c.required)] = `${c.required.toLowerCase()}_v2`;
      });
      await expectFailure(c, materialize(c, { mutate }), located(c.target.split("/").pop()!, 1, c.required));
    });

    test("a non-numeric value is reported with its line and column", async () => {
      const mutate = editCsv(c, (h, rows) => {
        (rows[1] as string[])[h.indexOf(c.numeric)] = "n/a (see notes)";
      });
      await expectFailure(c, materialize(c, { mutate }), (e) => {
        return (
          located(c.target.split("/").pop()!, 3, c.numeric)(e) &&
          /n\/a \(see notes\)/.test((e as Error).message)
        );
      });
    });

    test("a tract id of the wrong length is refused", async () => {
      const mutate = editCsv(c, (h, rows) => {
        const i = h.indexOf(c.geoid);
        const row = rows[0] as string[];
        row[i] = (c.breakGeoid ?? ((id: string) => id.slice(0, -1)))(row[i] as string);
      });
      await expectFailure(c, materialize(c, { mutate }), (e) => {
        return located(c.target.split("/").pop()!, 2, c.geoid)(e) && /digits/.test((e as Error).message);
      });
    });

    test("a repeated row is refused (the original's output validation rejects duplicate tracts)", async () => {
      const mutate = editCsv(c, (_h, rows) => {
        rows.push([...(rows[0] as string[])]);
      });
      await expectFailure(c, materialize(c, { mutate }), (e) => {
        return (
          e instanceof InputSchemaError && /duplicate|second row/.test(e.message) && e.line !== undefined
        );
      });
    });

    test("a file cut off in the middle of a row is reported with its line", async () => {
      const mutate: Mutate = (b) => {
        const lastNl = b.lastIndexOf(0x0a, b.length - 2);
        return b.slice(0, lastNl + 1 + Math.floor((b.length - lastNl) / 3));
      };
      await expectFailure(c, materialize(c, { mutate }), (e) => {
        return (
          e instanceof InputSchemaError &&
          e.message.includes(c.target.split("/").pop()!) &&
          e.line !== undefined
        );
      });
    });

    test("the wrong text encoding is reported with the line of the first bad byte", async () => {
      // UTF-16 (what spreadsheet tools export as "Unicode text") is wrong for every source.
      const utf16: Mutate = (b) => {
        const s = decode(b, c);
        const out = new Uint8Array(2 + s.length * 2);
        out.set([0xff, 0xfe]);
        for (let i = 0; i < s.length; i++) out[2 + i * 2] = s.charCodeAt(i) & 0xff;
        return out;
      };
      await expectFailure(c, materialize(c, { mutate: utf16 }), located(c.target.split("/").pop()!, 1));
      if (c.encoding === "utf8") {
        // A Latin-1 "ñ" (0xf1) on line 3 of a file that must be UTF-8.
        const latin1: Mutate = (b) => {
          const s = decode(b, c).split("\n");
          s[2] = s[2]!.replace(/^([^,]*),/, "$1\u00f1,");
          return Uint8Array.from(s.join("\n"), (ch) => ch.charCodeAt(0) & 0xff);
        };
        await expectFailure(c, materialize(c, { mutate: latin1 }), (e) => {
          return located(c.target.split("/").pop()!, 3)(e) && /UTF-8/.test((e as Error).message);
        });
      }
    });

    if (c.archive) {
      test("a truncated archive is named", async () => {
        const path = materialize(c);
        const bytes = readFileSync(path);
        writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
        await expectFailure(c, path, (e) => {
          return e instanceof InputSchemaError && e.file === path && /zip/.test(e.message);
        });
      });
    }

    test("a missing source is an InputMissingError", async () => {
      await expectFailure(c, join(scratch, "does-not-exist"), (e) => e instanceof InputMissingError);
      const empty = join(scratch, `empty-${counter++}`);
      mkdirSync(empty);
      const first = c.members[0]!.split("/").pop()!;
      await expectFailure(c, empty, (e) => e instanceof InputMissingError && e.message.includes(first));
    });
  });
}
