/**
 * Keeps the generated parts of README.md in step with the code: the command list
 * (`cejst --help`) and the exit-code table. `--write` regenerates them; otherwise a
 * difference fails, as CI runs it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { usage } from "../packages/cli/src/commands/help.ts";
import { COMMANDS } from "../packages/cli/src/commands/index.ts";
import { formatExitCodeTable } from "../packages/cli/src/exit-codes.ts";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const path = join(root, "README.md");
const text = readFileSync(path, "utf8");
const blocks: Record<string, string> = {
  commands: ["```text", usage(COMMANDS).trimEnd(), "```"].join("\n"),
  "exit-codes": formatExitCodeTable(),
};
let out = text;
for (const [name, body] of Object.entries(blocks)) {
  const re = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(\\n<!-- /generated:${name} -->)`);
  if (!re.test(out)) {
    console.error(`check-docs: README.md has no <!-- generated:${name} --> block`);
    process.exit(1);
  }
  out = out.replace(re, `$1${body}$2`);
}
if (process.argv.includes("--write")) {
  writeFileSync(path, out);
  console.log("check-docs: README.md regenerated");
} else if (out !== text) {
  console.error("check-docs: README.md is out of date; run `npx tsx scripts/check-docs.ts --write`");
  process.exit(1);
} else {
  console.log("check-docs: README.md generated blocks are up to date");
}
