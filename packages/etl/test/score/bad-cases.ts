import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InputMissingError, InputSchemaError } from "@cejst/schema";

export interface BadCase {
  name: string;
  path: string;
  edit: (text: string) => string;
  error: typeof InputMissingError | typeof InputSchemaError;
  /** Exit code of the CLI. */
  exit: number;
  /** Expected message parts: file, line, column. */
  message: RegExp;
}

const ACS = "dataset/census_acs/usa.csv";
const secondLine = (text: string) => text.split("\n")[1] as string;

/** The five kinds of bad input every entry point must reject. */
export const BAD_CASES: BadCase[] = [
  {
    name: "missing-file",
    path: "dataset/eamlis/usa.csv",
    edit: () => "",
    error: InputMissingError,
    exit: 101,
    message: /dataset\/eamlis\/usa\.csv: file the score needs is missing/,
  },
  {
    name: "malformed-geoid",
    path: ACS,
    edit: (t) => t.replace(/\n24027600100,/, "\n2402760010,"),
    error: InputSchemaError,
    exit: 102,
    message:
      /census_acs\/usa\.csv:line \d+: column "GEOID10_TRACT" GEOID must have exactly 11 characters \(got "2402760010"\)/,
  },
  {
    name: "duplicate-tract",
    path: ACS,
    edit: (t) => `${t.trimEnd()}\n${secondLine(t)}\n`,
    error: InputSchemaError,
    exit: 102,
    message:
      /census_acs\/usa\.csv:line \d+: column "GEOID10_TRACT" duplicate tract \d{11} \(first on line 2\)/,
  },
  {
    name: "non-numeric",
    path: "dataset/hud_housing/usa.csv",
    edit: (t) => {
      const lines = t.split("\n");
      const cells = (lines[3] as string).split(",");
      cells[3] = "12%";
      lines[3] = cells.join(",");
      return lines.join("\n");
    },
    error: InputSchemaError,
    exit: 102,
    message:
      /hud_housing\/usa\.csv:line 4: column "Housing burden \(percent\)" value is not a number \(got "12%"\)/,
  },
  {
    name: "truncated",
    path: "dataset/ejscreen/usa.csv",
    edit: (t) => t.slice(0, Math.floor(t.length / 2)).replace(/,[^,\n]*$/, ""),
    error: InputSchemaError,
    exit: 102,
    message: /ejscreen\/usa\.csv:line \d+: .*different number of fields/,
  },
];

/** A copy of the dataset folder `data` at `dir` with the case's damage applied. */
export async function makeBadDataset(data: string, dir: string, c: BadCase): Promise<string> {
  await cp(data, dir, { recursive: true });
  const file = join(dir, c.path);
  if (c.name === "missing-file") await rm(file);
  else await writeFile(file, c.edit(await readFile(file, "utf8")));
  return dir;
}
