import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { formatFixed10 } from "../../src/io/float-format.ts";

const fixed10RE = /^-?\d+\.\d{10}$/;

/**
 * Compares a `usa.csv` we wrote with the original's stage dump, whose floats are printed with
 * exactly 10 decimals: each of our floats is formatted with `%.10f` first; every other cell
 * (tract ids, integers, booleans, empties) must match exactly.
 */
export function assertMatchesFixed10Dump(oursText: string, expectedPath: string): number {
  const ours = oursText.split("\n").filter((l) => l !== "");
  const want = readFileSync(expectedPath, "utf8")
    .replace(/\r/g, "")
    .split("\n")
    .filter((l) => l !== "");
  assert.equal(ours[0], want[0], "header");
  assert.equal(ours.length, want.length, "row count");
  let compared = 0;
  for (let i = 1; i < want.length; i++) {
    const a = splitSimple(ours[i] ?? "");
    const b = splitSimple(want[i] ?? "");
    assert.equal(a.length, b.length, `line ${i + 1}: field count`);
    b.forEach((w, j) => {
      const got = a[j] ?? "";
      const shown = fixed10RE.test(w) && got !== "" ? formatFixed10(Number(got)) : got;
      assert.equal(shown, w, `line ${i + 1}, column ${j + 1}: ours ${JSON.stringify(got)}`);
      compared++;
    });
  }
  return compared;
}

/** These dumps hold no quoted fields; a quote would show up as a field-count mismatch. */
function splitSimple(line: string): string[] {
  return line.split(",");
}
