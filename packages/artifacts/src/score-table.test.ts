import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import { readScoreTable } from "./score-table.ts";

async function withFile(text: string | Buffer, check: (path: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "cejst-score-table-"));
  try {
    const path = join(dir, "usa.csv");
    await writeFile(path, text);
    await check(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("quoted fields, CRLF line ends, a BOM and UTF-8 names read as pandas wrote them", async () => {
  const csv =
    '\uFEFFGEOID10_TRACT,"Names of Tribal areas within Census tract",Share,Flag?\r\n' +
    '01001020200,"Añu, ""North""\r\nBand",1e-05,True\r\n' +
    "01001020100,,4781.0,\r\n";
  await withFile(Buffer.from(csv, "utf8"), async (path) => {
    const t = await readScoreTable(path);
    assert.deepEqual(t.geoids, ["01001020100", "01001020200"]);
    assert.deepEqual(t.byName.get("Names of Tribal areas within Census tract")?.values, [
      null,
      'Añu, "North"\r\nBand',
    ]);
    assert.deepEqual(t.byName.get("Share")?.values, [4781, 1e-5]);
    assert.equal(t.byName.get("Flag?")?.kind, "bool");
    assert.deepEqual(t.byName.get("Flag?")?.values, [null, true]);
  });
});

test("a row with a missing field, an unclosed quote or a bad cell names file and line", async () => {
  const cases: [string, RegExp][] = [
    ["GEOID10_TRACT,Share\n01001020100,1.0\n01001020200\n", /line 3/],
    ['GEOID10_TRACT,Share\n01001020100,"1.0\n', /line 2/],
    ["GEOID10_TRACT,Share\n01001020100,1.0\n\n01001020200,True\n", /line 4.*Share|Share.*line 4/],
  ];
  for (const [csv, where] of cases)
    await withFile(csv, async (path) => {
      await assert.rejects(readScoreTable(path), (e: unknown) => {
        assert.ok(e instanceof InputSchemaError, String(e));
        assert.match(e.message, /usa\.csv/);
        assert.match(e.message, where);
        return true;
      });
    });
  await assert.rejects(readScoreTable(join(tmpdir(), "cejst-no-such-dir", "usa.csv")), InputMissingError);
});
