import assert from "node:assert/strict";
import { test } from "node:test";
import type { ManifestFile, TileProps } from "../data/release.ts";
import { COMPARE_MESSAGES } from "./messages.ts";
import {
  findComparison,
  parseChangeTotals,
  type TransitionClass,
  transitionExpression,
  transitionOfTile,
} from "./transition.ts";

/** Evaluates the subset of MapLibre expressions `transitionExpression` uses, on plain properties. */
function evaluate(e: unknown, p: TileProps): unknown {
  if (!Array.isArray(e)) return e;
  const [op, ...args] = e as [string, ...unknown[]];
  switch (op) {
    case "get":
      return p[args[0] as string];
    case "has":
      return (args[0] as string) in p && p[args[0] as string] !== undefined;
    case "==":
      return evaluate(args[0], p) === evaluate(args[1], p);
    case "!":
      return !evaluate(args[0], p);
    case "any":
      return args.some((a) => evaluate(a, p));
    case "all":
      return args.every((a) => evaluate(a, p));
    case "case": {
      for (let i = 0; i + 1 < args.length; i += 2) if (evaluate(args[i], p)) return evaluate(args[i + 1], p);
      return evaluate(args.at(-1), p);
    }
    default:
      throw new Error(`unsupported expression operator (got ${op})`);
  }
}

const cases: [TileProps, TransitionClass][] = [
  [{ SN_C: true, SN_C_V10: true, SN_GRAND: false }, "inBoth"],
  [{ SN_C: true, SN_C_V10: false, SN_GRAND: false }, "added"],
  [{ SN_C: true, SN_C_V10: true, SN_GRAND: true }, "keptByGrandfathering"],
  [{ SN_C: false, SN_C_V10: true, SN_GRAND: false }, "removed"],
  [{ SN_C: false, SN_C_V10: false, SN_GRAND: false }, "inNeither"],
  [{ SN_C: true, SN_GRAND: false }, "notComparable"],
  [{ SN_C: "1", SN_C_V10: "0", SN_GRAND: "0" }, "added"],
  [{ SN_C: "True", SN_C_V10: "True" }, "inBoth"],
];

test("tile classes follow artifacts.md §4.5, whatever the boolean encoding", () => {
  for (const [p, want] of cases) assert.equal(transitionOfTile(p), want, JSON.stringify(p));
});

test("the map expression draws the same class as the panel computes", () => {
  const expr = transitionExpression((c) => c);
  for (const [p] of cases) assert.equal(evaluate(expr, p), transitionOfTile(p), JSON.stringify(p));
});

test("change totals: counts are validated and name the file and field", () => {
  const ok = parseChangeTotals("api/changes/1.0.json", {
    from: "1.0",
    to: "2.0",
    totals: { inBoth: 5, keptByGrandfathering: 1, added: 2, removed: 0, inNeither: 9, notComparable: 0 },
  });
  assert.equal(ok.totals.added, 2);
  assert.throws(
    () => parseChangeTotals("api/changes/1.0.json", { from: "1.0", to: "2.0", totals: { added: -1 } }),
    /api\/changes\/1\.0\.json field totals\.added is not a count/,
  );
  assert.throws(() => parseChangeTotals("c.json", null), /c\.json lacks from, to or totals/);
});

test("a comparison needs an offered version and a change file declared by the bound release", () => {
  const files = [
    { path: "api/changes/1.0.json", sha256: "", bytes: 1, role: "changes", from: "1.0" },
  ] as unknown as ManifestFile[];
  const ok = findComparison(files, "2.0", "1.0", ["2.0", "1.0"]);
  assert.ok("file" in ok && ok.file.path === "api/changes/1.0.json");
  assert.deepEqual(findComparison(files, "2.0", "9.9", ["2.0", "1.0"]), { problem: "unknown-version" });
  assert.deepEqual(findComparison(files, "2.0", "2.0", ["2.0", "1.0"]), { problem: "same-version" });
  assert.deepEqual(findComparison([], "1.0", "2.0", ["2.0", "1.0"]), { problem: "no-change-data" });
});

test("comparison messages: same keys in both languages, all translated", () => {
  assert.deepEqual(Object.keys(COMPARE_MESSAGES.es).sort(), Object.keys(COMPARE_MESSAGES.en).sort());
  const same = Object.keys(COMPARE_MESSAGES.en).filter(
    (k) =>
      COMPARE_MESSAGES.en[k as keyof typeof COMPARE_MESSAGES.en] ===
      COMPARE_MESSAGES.es[k as keyof typeof COMPARE_MESSAGES.es],
  );
  assert.deepEqual(same, []);
});
