import type { CsvTable } from "../../io/csv-table.ts";
import { extractFirstStreet } from "../support/first-street.ts";
import type { ExtractContext } from "../types.ts";
import { SPEC } from "./transform.ts";

/** Reads `fire-tract2010.csv` from First Street's `fsf_fire.zip`. */
export function extract(ctx: ExtractContext): Promise<CsvTable> {
  return extractFirstStreet(SPEC, ctx);
}
