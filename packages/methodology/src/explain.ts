/**
 * The decision trace of one tract: every value, threshold and rule outcome that led to the
 * tract's designation, in a JSON-serialisable form. The web app imports this module alone
 * (`@cejst/methodology/explain`) to render a trace produced by the scoring code; it never
 * re-derives one. Besides the trace's types it carries only the reading of a trace that the
 * panel's *How close?* box shows (`decisive-tests.ts`), so it stays small in a browser bundle.
 */

export {
  type HowClose,
  howClose,
  indicatorApplies,
  type TestKind,
  type TraceTest,
  traceTests,
} from "./decisive-tests.ts";

/** A methodology version. */
export type TraceVersion = "1.0" | "2.0";

/** The rule set a tract falls under (methodology.md §1.2). */
export type TraceArea = "nation" | "puerto_rico" | "island_area";

/** One burden indicator of one tract. */
export interface IndicatorTrace {
  /** Stable indicator id (`IndicatorId` of `@cejst/schema`). */
  id: string;
  category: string;
  label: string;
  /** The raw source value (number, or the boolean of a yes/no indicator); `null` when missing. */
  value: number | boolean | null;
  /** The percentile the rule tests; `null` for yes/no indicators or when missing. */
  percentile: number | null;
  /** The cut-off (`percentile >= threshold`); `null` for yes/no indicators. */
  threshold: number | null;
  direction: "normal" | "reverse";
  /** Lead paint only: the house-value percentile must be at most this (§7.4). */
  houseValue?: { percentile: number | null; threshold: number; met: boolean };
  /** The burden test passed. */
  exceeded: boolean;
  /** `percentile − threshold`; `null` when either is missing. */
  margin: number | null;
  /** Which socioeconomic condition the burden is paired with. */
  gate: "low_income" | "hs_education" | "island_hs_education";
  /** Burden and gate both hold (the "… and is low income?" column). */
  counted: boolean;
}

/** One category of one tract. */
export interface CategoryTrace {
  id: string;
  label: string;
  met: boolean;
  /** Indicators whose burden and gate both hold. */
  indicators: string[];
  /** Indicators whose burden holds but whose gate does not. */
  exceededWithoutGate: string[];
  /** Why the category is met or not, in one sentence. */
  why: string;
}

/** A reason the tract is identified as disadvantaged. */
export type TraceReason =
  | { kind: "category"; category: string; indicators: string[] }
  | { kind: "tribal"; share: number | null }
  | { kind: "territory"; lowIncomePercentile: number | null }
  | {
      kind: "adjacency";
      average: number;
      neighboursCounted: number | null;
      lowIncomePercentile: number | null;
    }
  | { kind: "grandfathered" };

/** Everything that decided one tract's designation. */
export interface DecisionTrace {
  version: TraceVersion;
  geoid: string;
  area: TraceArea;
  lowIncome: {
    /** The percentile the flag was decided on (ACS, or the joint island percentile in v2.0). */
    percentile: number | null;
    source: "acs" | "island_joint_ranking";
    threshold: number;
    met: boolean;
  };
  highSchool: { share: number | null; threshold: number; met: boolean };
  islandHighSchool: { share: number | null; threshold: number; met: boolean };
  indicators: IndicatorTrace[];
  categories: CategoryTrace[];
  totalThresholdsExceeded: number;
  totalCategoriesExceeded: number;
  tribal: { share: number | null; threshold: number; met: boolean };
  /** v2.0 territory rule (§9); `applies` is false outside the island areas and in v1.0. */
  territory: { applies: boolean; met: boolean };
  /** Disadvantaged before the neighbour step (`Definition N (communities)`). */
  disadvantagedOnOwn: boolean;
  adjacency: {
    /** Touching tracts in the graph; `null` when averages were supplied without a graph. */
    neighbours: number | null;
    /** v2.0 drops neighbours without land area (§11.2). */
    waterOnlyExcluded: number | null;
    counted: number | null;
    disadvantaged: number | null;
    average: number | null;
    threshold: number;
    surrounded: boolean;
    lowIncomePercentile: number | null;
    lowIncomeThreshold: number;
    lowIncomeMet: boolean;
    donut: boolean;
  };
  /** v2.0: identified in v1.0; `null` in v1.0. */
  identifiedInV1: boolean | null;
  grandfathered: boolean;
  disadvantaged: boolean;
  shareDisadvantaged: number;
  /** Why the tract is disadvantaged; empty when it is not. */
  reasons: TraceReason[];
}

const pct = (x: number | null): string => (x === null ? "missing" : `${Math.floor(x * 100)}th percentile`);

/** One sentence per reason (empty list → a sentence saying the tract is not disadvantaged). */
export function explainTrace(trace: DecisionTrace): string[] {
  if (!trace.disadvantaged)
    return [
      `Tract ${trace.geoid} is not identified as disadvantaged under methodology ${trace.version}: no category is met, ` +
        `it is not mostly tribal land${trace.territory.applies ? ", it is not low income" : ""}, and it is not surrounded by disadvantaged tracts.`,
    ];
  const labels = new Map(trace.indicators.map((i) => [i.id, i.label]));
  return trace.reasons.map((r) => {
    switch (r.kind) {
      case "category": {
        const cat = trace.categories.find((c) => c.id === r.category);
        const names = r.indicators.map((id) => labels.get(id) ?? id).join(", ");
        return `${cat?.label ?? r.category}: ${names} at or above the threshold, and the socioeconomic condition is met.`;
      }
      case "tribal":
        return `More than 99.5% of the tract's area is tribal land (${r.share === null ? "share missing" : `${(r.share * 100).toFixed(2)}%`}).`;
      case "territory":
        return `Island area tract that is low income (${pct(r.lowIncomePercentile)}).`;
      case "adjacency":
        return `Every counted neighbour is disadvantaged${r.neighboursCounted === null ? "" : ` (${r.neighboursCounted} neighbours)`} and the tract meets the relaxed low-income condition (${pct(r.lowIncomePercentile)}).`;
      case "grandfathered":
        return "Identified as disadvantaged in version 1.0, which version 2.0 keeps.";
    }
    return "";
  });
}

/** The trace as plain text: the verdict, then each reason on its own line. */
export function renderTraceText(trace: DecisionTrace): string {
  const head = `${trace.geoid} (methodology ${trace.version}): ${trace.disadvantaged ? "disadvantaged" : "not disadvantaged"}`;
  return [head, ...explainTrace(trace).map((s) => `  - ${s}`)].join("\n");
}
