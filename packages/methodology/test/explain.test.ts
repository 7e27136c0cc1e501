import assert from "node:assert/strict";
import { test } from "node:test";
import { type DecisionTrace, explainTrace, renderTraceText } from "@cejst/methodology/explain";
import { computeScoreTable } from "../src/compute-score-table.ts";
import { syntheticScoreInput } from "./helpers/synthetic-input.ts";

const traces = (() => {
  const input = syntheticScoreInput("2.0", 400, 5);
  const result = computeScoreTable(input);
  return input.geoids.map((_, i) => result.trace(i));
})();

test("the explain entry point renders one sentence per reason, and a verdict when there is none", () => {
  const yes = traces.find((t) => t.disadvantaged && t.reasons.length > 1);
  const no = traces.find((t) => !t.disadvantaged);
  assert.ok(yes && no, "the synthetic table has both outcomes");
  assert.equal(explainTrace(yes).length, yes.reasons.length);
  assert.match(renderTraceText(yes), new RegExp(`^${yes.geoid} \\(methodology 2.0\\): disadvantaged\\n  - `));
  assert.deepEqual(no.reasons, []);
  assert.match(explainTrace(no)[0]!, /is not identified as disadvantaged/);
});

test("every disadvantaged trace has a reason and every reason matches the trace's own evidence", () => {
  for (const t of traces as DecisionTrace[]) {
    assert.equal(t.disadvantaged, t.reasons.length > 0, t.geoid);
    for (const r of t.reasons) {
      if (r.kind === "category") {
        const c = t.categories.find((x) => x.id === r.category)!;
        assert.ok(c.met);
        for (const id of r.indicators)
          assert.ok(t.indicators.find((i) => i.id === id)?.counted, `${t.geoid} ${id}`);
      }
      if (r.kind === "adjacency")
        assert.ok(t.adjacency.donut && t.adjacency.surrounded && t.adjacency.lowIncomeMet);
      if (r.kind === "grandfathered") assert.ok(t.grandfathered && t.identifiedInV1 && !t.disadvantagedOnOwn);
      if (r.kind === "territory") assert.ok(t.territory.met && t.area === "island_area");
      if (r.kind === "tribal") assert.ok(t.tribal.met);
    }
    for (const i of t.indicators) {
      if (i.percentile !== null && i.threshold !== null) {
        assert.equal(i.margin, i.percentile - i.threshold);
        if (!i.houseValue) assert.equal(i.exceeded, i.percentile >= i.threshold, `${t.geoid} ${i.id}`);
      }
      if (i.counted) assert.ok(i.exceeded);
    }
    assert.deepEqual(JSON.parse(JSON.stringify(t)), t);
  }
});
