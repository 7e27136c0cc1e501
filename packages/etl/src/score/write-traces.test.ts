import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { writeTraces } from "./write-traces.ts";

test("one JSON object per tract, GEOID first; empty and non-object traces too", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cejst-traces-"));
  try {
    const path = join(dir, "usa.jsonl");
    const traces: unknown[] = [{ area: "nation", reasons: [{ kind: "tribal" }] }, {}, "text", null];
    await writeTraces(path, ["01001020100", "01001020200", "01001020300", "01001020400"], (i) => traces[i]);
    const lines = (await readFile(path, "utf8")).trimEnd().split("\n");
    assert.deepEqual(
      lines.map((l) => JSON.parse(l)),
      [
        { GEOID10_TRACT: "01001020100", area: "nation", reasons: [{ kind: "tribal" }] },
        { GEOID10_TRACT: "01001020200" },
        { GEOID10_TRACT: "01001020300", trace: "text" },
        { GEOID10_TRACT: "01001020400", trace: null },
      ],
    );
    assert.ok(lines[0]?.startsWith('{"GEOID10_TRACT":"01001020100",'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
