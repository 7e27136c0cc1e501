/**
 * Object keys are relative POSIX paths: no leading `/`, no empty, `.` or `..` segment, no
 * NUL or backslash, at most 1024 UTF-8 bytes (the S3 limit). The fs driver maps them to
 * files under its root, so a key that could escape the root must never get that far.
 */
export function assertValidKey(key: string): void {
  const problem = keyProblem(key);
  if (problem !== undefined) throw new Error(`store key ${problem} (got ${JSON.stringify(key)})`);
}

function keyProblem(key: string): string | undefined {
  if (key.length === 0) return "is empty";
  if (Buffer.byteLength(key, "utf8") > 1024) return "is longer than 1024 bytes";
  if (key.includes("\0") || key.includes("\\")) return "contains NUL or a backslash";
  if (key.startsWith("/")) return "starts with /";
  for (const seg of key.split("/")) {
    if (seg === "" || seg === "." || seg === "..") return "has an empty, . or .. segment";
  }
  if (key.startsWith(".cejst-tmp/") || key === ".cejst-tmp") return "uses the reserved .cejst-tmp folder";
  return undefined;
}

/** Bytewise (UTF-8) order, which S3 uses for listings; JS `<` compares UTF-16 units. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
