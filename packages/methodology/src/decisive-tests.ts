import { INDICATORS, type IndicatorSpec } from "@cejst/schema";
import type { DecisionTrace, IndicatorTrace } from "./explain.ts";

/** Which test of the trace a row is about. */
export type TestKind =
  | "burden"
  | "lowIncome"
  | "highSchool"
  | "islandHighSchool"
  | "tribal"
  | "adjustedLowIncome";

/** One test the trace records for a tract, with its published result and margin. */
export interface TraceTest {
  /** The indicator id for burdens, else the kind. */
  id: string;
  kind: TestKind;
  /** The published result: met, not met, or missing (counted as not met). */
  result: "met" | "not-met" | "missing";
  /** `value − threshold` as published in the trace (percentile or percentage points); `null` for yes/no tests. */
  margin: number | null;
  /** The burden's indicator, for burden tests. */
  indicator?: IndicatorTrace;
}

/** The *How close?* reading of a trace (web.md §4.2). */
export type HowClose =
  | {
      kind: "identified";
      /** Tests whose reversal alone would make the tract not identified, smallest margin first. */
      decisive: TraceTest[];
      missing: TraceTest[];
    }
  | {
      kind: "not-identified" | "grandfathered";
      /**
       * Tests that, if only they were met, would identify the tract (for a grandfathered tract:
       * under the 2.0 rules alone), smallest margin first.
       */
      decisive: TraceTest[];
      /** When nothing is decisive: the burden closest to its threshold and the low-income test. */
      nearestBurden: TraceTest | undefined;
      lowIncome: TraceTest | undefined;
      missing: TraceTest[];
    }
  /** The published results do not combine into the published outcome: nothing is claimed. */
  | { kind: "inconsistent" };

const SPECS = INDICATORS as Record<string, IndicatorSpec>;

/**
 * Whether an indicator is evaluated for the tract's area: island indicators only in the Island
 * Areas; linguistic isolation never in Puerto Rico; outside the 50 states and DC, an indicator
 * with no value is one the area's sources do not cover rather than a missing value.
 */
export function indicatorApplies(trace: DecisionTrace, i: IndicatorTrace): boolean {
  const spec = SPECS[i.id];
  const islands = spec ? spec.area === "islands" : i.id.startsWith("island_");
  if (islands) return trace.area === "island_area";
  if (trace.area === "puerto_rico" && spec?.drop === "puerto_rico") return false;
  if (trace.area !== "nation" && i.value === null) return false;
  return true;
}

const burdenTest = (i: IndicatorTrace): TraceTest => {
  const isMissing = i.threshold === null ? i.value === null : i.percentile === null;
  return {
    id: i.id,
    kind: "burden",
    result: i.exceeded ? "met" : isMissing ? "missing" : "not-met",
    margin: i.margin,
    indicator: i,
  };
};

const numericTest = (kind: TestKind, value: number | null, threshold: number, met: boolean): TraceTest => ({
  id: kind,
  kind,
  result: met ? "met" : value === null ? "missing" : "not-met",
  margin: value === null ? null : value - threshold,
});

/** Every test of the trace that applies to the tract, with its published result. */
export function traceTests(trace: DecisionTrace): TraceTest[] {
  const out: TraceTest[] = trace.indicators.filter((i) => indicatorApplies(trace, i)).map(burdenTest);
  const li = trace.lowIncome;
  out.push(numericTest("lowIncome", li.percentile, li.threshold, li.met));
  if (trace.area === "island_area") {
    const h = trace.islandHighSchool;
    out.push(numericTest("islandHighSchool", h.share, h.threshold, h.met));
  } else {
    const h = trace.highSchool;
    out.push(numericTest("highSchool", h.share, h.threshold, h.met));
  }
  if (trace.tribal.share !== null || trace.tribal.met)
    out.push(numericTest("tribal", trace.tribal.share, trace.tribal.threshold, trace.tribal.met));
  const a = trace.adjacency;
  if (a.surrounded)
    out.push(numericTest("adjustedLowIncome", a.lowIncomePercentile, a.lowIncomeThreshold, a.lowIncomeMet));
  return out;
}

/**
 * Combines published test results into the outcome the way the methodology does (a category is
 * met by a burden together with its socioeconomic test; the tract by a category, tribal land,
 * the island low-income rule, the surrounded rule, or in 2.0 its 1.0 status). Neighbours'
 * statuses are taken as published. No threshold is compared here: every input is a result the
 * trace already holds.
 */
function combine(trace: DecisionTrace, met: (t: TraceTest) => boolean, tests: TraceTest[], withV1: boolean) {
  const by = new Map(tests.map((t) => [t.id, t]));
  const holds = (id: string) => {
    const t = by.get(id);
    return t ? met(t) : false;
  };
  const gate = (g: IndicatorTrace["gate"]) =>
    g === "low_income"
      ? holds("lowIncome")
      : g === "hs_education"
        ? holds("highSchool")
        : holds("islandHighSchool");
  const categories = new Map<string, boolean>();
  for (const t of tests) {
    if (t.kind !== "burden" || !t.indicator) continue;
    const i = t.indicator;
    const counts = met(t) && gate(i.gate);
    categories.set(i.category, (categories.get(i.category) ?? false) || counts);
  }
  const anyCategory = [...categories.values()].some(Boolean);
  const own = anyCategory || holds("tribal") || (trace.territory.applies && holds("lowIncome"));
  const surrounded = trace.adjacency.surrounded && holds("adjustedLowIncome");
  const final = own || surrounded || (withV1 && trace.version === "2.0" && trace.identifiedInV1 === true);
  return { final, categories };
}

const byMargin = (a: TraceTest, b: TraceTest) =>
  (a.margin === null ? Number.POSITIVE_INFINITY : Math.abs(a.margin)) -
  (b.margin === null ? Number.POSITIVE_INFINITY : Math.abs(b.margin));

/**
 * The decisive tests of a published trace: each test whose result alone, reversed, would change
 * the answer, everything else (neighbours included) fixed. Tests with missing values are not
 * reversed; they are listed as missing. When the published results do not reproduce the
 * published outcome, the reading is `inconsistent` and nothing is claimed.
 */
export function howClose(trace: DecisionTrace): HowClose {
  const tests = traceTests(trace);
  const published = (t: TraceTest) => t.result === "met";
  const base = combine(trace, published, tests, true);
  if (base.final !== trace.disadvantaged) return { kind: "inconsistent" };
  for (const c of trace.categories) {
    const mine = base.categories.get(c.id) ?? false;
    if (mine !== c.met) return { kind: "inconsistent" };
  }
  const missing = tests.filter((t) => t.result === "missing");
  const reversible = tests.filter((t) => t.result !== "missing");
  const flips = (withV1: boolean, target: boolean) =>
    reversible
      .filter(
        (x) =>
          combine(trace, (t) => (t === x ? !published(t) : published(t)), tests, withV1).final === target,
      )
      .sort(byMargin);
  if (trace.disadvantaged && !trace.grandfathered)
    return { kind: "identified", decisive: flips(true, false), missing };
  const grandfathered = trace.disadvantaged;
  const decisive = flips(!grandfathered, true);
  const notMetBurdens = reversible.filter(
    (t) => t.kind === "burden" && t.result === "not-met" && t.margin !== null,
  );
  const nearestBurden = notMetBurdens.sort((a, b) => (b.margin ?? 0) - (a.margin ?? 0))[0];
  const lowIncome = tests.find((t) => t.kind === "lowIncome");
  return {
    kind: grandfathered ? "grandfathered" : "not-identified",
    decisive,
    nearestBurden,
    lowIncome,
    missing,
  };
}
