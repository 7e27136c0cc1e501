/**
 * Tract roles of web.md §6.1 resolved from a release's tract records by their predicates, so the
 * scenarios never hard-code a tract id. A role the sample lacks fails loudly where it is asked for.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TractRecord } from "../../src/data/release.ts";

/** The roles the distribution and quality scenarios use. */
export interface Roles {
  /** T-MULTI: identified; low income met; two or more categories. */
  multi: TractRecord;
  /** T-NEW: not identified in 1.0, identified in 2.0 and not grandfathered. */
  added: TractRecord;
  /** T-NEAR (loosely): not identified, with a burden met in some category. */
  near: TractRecord;
}

/** Reads `<work>/build-2.0/api/tracts/*.json` and picks the first mapped tract of each role. */
export function findRoles(work: string): Roles {
  const dir = join(work, "build-2.0/api/tracts");
  let multi: TractRecord | undefined;
  let added: TractRecord | undefined;
  let near: TractRecord | undefined;
  for (const f of readdirSync(dir).sort()) {
    const shard = JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, TractRecord>;
    for (const r of Object.values(shard)) {
      const tr = r.trace;
      if (!r.mapped || !tr) continue;
      if (!multi && tr.disadvantaged && tr.lowIncome.met && tr.totalCategoriesExceeded >= 2) multi = r;
      if (!added && tr.disadvantaged && !tr.identifiedInV1 && !tr.grandfathered) added = r;
      if (!near && !tr.disadvantaged && tr.categories.some((c) => c.exceededWithoutGate.length > 0)) near = r;
    }
  }
  assert.ok(multi, "the sample has no T-MULTI tract (identified, low income, two categories)");
  assert.ok(added, "the sample has no T-NEW tract (identified in 2.0 only, not grandfathered)");
  assert.ok(near, "the sample has no tract with a burden met that is not identified");
  return { multi, added, near };
}
