import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { InputMissingError, InputSchemaError, UsageError } from "@cejst/schema";
import { missingFixtureMessage, sharedFixture } from "@cejst/testing";
import { DATASET_IDS } from "../../src/datasets/registry.ts";
import {
  mirrorBase,
  mirroredUrl,
  PLACEHOLDER_SHA256,
  parseSourcesConfig,
  readSourcesConfig,
} from "../../src/fetch/sources-config.ts";

const H = "ab".repeat(32);
const FILE = "/etc/cejst/sources.json";
const parse = (doc: unknown) => parseSourcesConfig(JSON.stringify(doc, null, 2), FILE);

function refused(doc: unknown, field: string, message: RegExp): void {
  assert.throws(
    () => parse(doc),
    (e: Error) => {
      assert.ok(e instanceof InputSchemaError, String(e));
      assert.equal(e.file, FILE);
      assert.equal(e.field, field);
      assert.match(e.message, message);
      return true;
    },
  );
}

test("single-file and multi-file sources, file names from the URL or given", () => {
  const config = parse({
    mirror: "http://127.0.0.1:9/m",
    sources: [
      {
        name: "hud_housing",
        url: "https://www.huduser.gov/a/2014thru2018-140-csv.zip",
        sha256: H,
        bytes: 5,
        licence: "pd",
      },
      {
        name: "cdc_life_expectancy",
        licence: "pd",
        notes: "three files",
        files: [
          { url: "https://ftp.cdc.gov/x/US_A.CSV", sha256: H },
          { url: "raw/ME A.CSV", sha256: H, file: "ME_A.CSV" },
        ],
      },
      {
        name: "eamlis",
        url: "https://h/eAMLIS%20export%20of%20all%20data.tsv.zip",
        sha256: H,
        licence: "pd",
      },
    ],
  });
  assert.equal(config.mirror, "http://127.0.0.1:9/m/");
  assert.deepEqual(config.sources[0], {
    name: "hud_housing",
    files: [
      {
        url: "https://www.huduser.gov/a/2014thru2018-140-csv.zip",
        sha256: H,
        bytes: 5,
        file: "2014thru2018-140-csv.zip",
      },
    ],
    licence: "pd",
    notes: "",
  });
  const life = config.sources[1]?.files ?? [];
  assert.deepEqual(
    life.map((f) => f.file),
    ["US_A.CSV", "ME_A.CSV"],
  );
  // Local paths are relative to the configuration's folder.
  assert.equal(life[1]?.url, pathToFileURL("/etc/cejst/raw/ME A.CSV").href);
  assert.equal(config.sources[2]?.files[0]?.file, "eAMLIS export of all data.tsv.zip");
});

test("each problem names the field", () => {
  const ok = { name: "ejscreen", url: "https://e/x.zip", sha256: H, licence: "pd" };
  refused({}, "sources", /non-empty array/);
  refused({ sources: [{ ...ok, name: "nope" }] }, "sources[0].name", /known adapter \(got "nope"\)/);
  refused({ sources: [ok, ok] }, "sources[1].name", /listed twice/);
  refused({ sources: [{ ...ok, sha256: "ABC" }] }, "sources[0].sha256", /64 lowercase hex/);
  refused(
    { sources: [{ ...ok, sha256: PLACEHOLDER_SHA256 }] },
    "sources[0].sha256",
    /placeholder.*sha256sum/,
  );
  refused({ sources: [{ ...ok, bytes: -1 }] }, "sources[0].bytes", /whole number/);
  refused(
    { sources: [{ ...ok, url: "ftp://e/x.zip" }] },
    "sources[0].url",
    /http\(s\), file: or a local path/,
  );
  refused({ sources: [{ ...ok, url: "https://e/dir/" }] }, "sources[0].file", /does not end in a file name/);
  refused({ sources: [{ ...ok, file: "../x.zip" }] }, "sources[0].file", /plain file name/);
  refused({ sources: [{ ...ok, licence: undefined }] }, "sources[0].licence", /must be a string/);
  refused({ sources: [{ ...ok, sha265: H }] }, "sources[0].sha265", /not a known field/);
  refused({ sources: [{ ...ok, files: [] }] }, "sources[0].files", /one or the other/);
  refused(
    {
      sources: [{ name: "ejscreen", licence: "pd", files: [{ url: "https://e/x.zip", sha256: H, size: 1 }] }],
    },
    "sources[0].files[0].size",
    /not a known field/,
  );
  refused(
    {
      sources: [
        {
          name: "ejscreen",
          licence: "pd",
          files: [
            { url: "https://e/x.zip", sha256: H },
            { url: "https://f/x.zip", sha256: H },
          ],
        },
      ],
    },
    "sources[0].files[1].file",
    /repeats the file name "x.zip"/,
  );
});

test("JSON syntax errors name the line", () => {
  assert.throws(
    () => parseSourcesConfig('{\n  "sources": [\n    {,}\n  ]\n}\n', FILE),
    (e: Error) => e instanceof InputSchemaError && e.line === 3 && /is not valid JSON/.test(e.message),
  );
});

test("a mirror replaces the origin and keeps path and query; local files stay local", () => {
  assert.equal(
    mirroredUrl(
      "https://chronicdata.cdc.gov/api/views/x/rows.csv?accessType=DOWNLOAD",
      "http://127.0.0.1:8/m/",
    ),
    "http://127.0.0.1:8/m/api/views/x/rows.csv?accessType=DOWNLOAD",
  );
  assert.equal(mirroredUrl("https://a.example/b/c.zip", "file:///srv/mirror"), "file:///srv/mirror/b/c.zip");
  // A mirror folder keeps the query in the file name.
  assert.equal(
    mirroredUrl("https://a.example/x/rows.csv?accessType=DOWNLOAD", "file:///srv/m/"),
    "file:///srv/m/x/rows.csv%3FaccessType%3DDOWNLOAD",
  );
  assert.equal(mirroredUrl("file:///data/c.zip", "http://127.0.0.1:8/"), "file:///data/c.zip");
  assert.equal(mirroredUrl("https://a.example/b/c.zip", undefined), "https://a.example/b/c.zip");
});

test("config/sources.example.json: every entry is valid but its placeholder digests, which are refused", () => {
  const path = join(dirname(fileURLToPath(import.meta.url)), "../../../../config/sources.example.json");
  const text = readFileSync(path, "utf8");
  assert.throws(() => parseSourcesConfig(text, path), /sources\[0\]\.files\[0\]\.sha256.*placeholder/);
  const pinned = parseSourcesConfig(text.replaceAll(PLACEHOLDER_SHA256, H), path);
  for (const s of pinned.sources) {
    assert.ok(DATASET_IDS.includes(s.name));
    assert.ok(s.licence.length > 0, `${s.name} has a licence`);
    for (const f of s.files) assert.match(f.url, /^https:\/\//, `${s.name} names its public origin`);
  }
  const names = pinned.sources.map((s) => s.name);
  assert.ok(names.includes("census") && names.includes("national_risk_index"));
  assert.equal(pinned.sources.find((s) => s.name === "us_army_fuds")?.files[0]?.file, "fuds.geojson");
});

test("mirrors may be folders, relative to the configuration or the working folder", async () => {
  const config = parse({
    mirror: "mirror",
    sources: [{ name: "ejscreen", url: "https://e/x.zip", sha256: H, licence: "" }],
  });
  assert.equal(config.mirror, pathToFileURL("/etc/cejst/mirror/").href);
  assert.equal(mirrorBase("m", "/srv"), "file:///srv/m/");
  assert.equal(mirrorBase("http://127.0.0.1:9/a", "/srv"), "http://127.0.0.1:9/a/");
  assert.throws(() => mirrorBase("s3://bucket/", "/srv"), UsageError);
  await assert.rejects(readSourcesConfig("/nonexistent/sources.json"), InputMissingError);
});

test("config/sources.example.json: the pinned digests and sizes are those of the real files", {
  skip: sharedFixture("tiger2010") ? false : missingFixtureMessage("tiger2010"),
}, () => {
  const path = join(dirname(fileURLToPath(import.meta.url)), "../../../../config/sources.example.json");
  const config = parseSourcesConfig(
    readFileSync(path, "utf8").replaceAll(PLACEHOLDER_SHA256, "f".repeat(64)),
    path,
  );
  const real: Record<string, string> = {
    "fsf_flood.zip": "sources-full/fsf_flood.zip",
    "fsf_fire.zip": "sources-full/fsf_fire.zip",
  };
  for (const st of ["10", "11", "44", "60", "66", "69", "72", "78"])
    real[`tl_2010_${st}_tract10.zip`] = `tiger2010/tl_2010_${st}_tract10.zip`;
  let checked = 0;
  for (const s of config.sources)
    for (const f of s.files) {
      const rel = real[f.file];
      if (rel === undefined) {
        assert.equal(f.sha256, "f".repeat(64), `${f.file} is pinned but no real copy is here to check it`);
        continue;
      }
      const local = sharedFixture(rel);
      if (!local) continue;
      const bytes = readFileSync(local);
      assert.equal(f.sha256, createHash("sha256").update(bytes).digest("hex"), f.file);
      assert.equal(f.bytes, bytes.length, f.file);
      checked++;
    }
  assert.ok(checked >= 8, `checked ${checked} pinned files`);
});
