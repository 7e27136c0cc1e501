import { InputSchemaError } from "@cejst/schema";

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = row;
  }
  return prev[b.length] as number;
}

const digits = (s: string) => s.replace(/\D/g, "");

/**
 * The present name that looks like a misspelling of `expected`, for saying "renamed?"
 * instead of only "missing": the same but for case and punctuation, or a letter or two
 * apart with the same digits (variable codes that differ in a digit are other variables).
 */
export function nearMiss(expected: string, present: readonly string[]): string | undefined {
  const want = norm(expected);
  // Short names get no edits: "PM25" and "P_PM25" are different columns.
  const limit = Math.floor(want.length / 5);
  let best: { name: string; d: number } | undefined;
  for (const name of present) {
    if (name === expected) continue;
    const d = distance(want, norm(name));
    const near = d === 0 || (d <= limit && digits(name) === digits(expected));
    if (near && (best === undefined || d < best.d)) best = { name, d };
  }
  return best?.name;
}

/**
 * The error for a required column (or field, or property) that is not there: it names the
 * expected name as the field and, when one of the present names is a near miss, that name.
 */
export function missingNameError(
  where: { file: string; line: number | undefined },
  expected: string,
  present: readonly string[],
  what = "column",
): InputSchemaError {
  const near = nearMiss(expected, present);
  const hint = near === undefined ? "" : ` (found "${near}" instead: renamed?)`;
  return new InputSchemaError(
    { file: where.file, line: where.line, field: expected },
    `required ${what} is missing${hint}`,
  );
}
