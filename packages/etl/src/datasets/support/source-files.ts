import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { InputMissingError, InputSchemaError } from "@cejst/schema";
import { unzipSync } from "fflate";
import { readBytes } from "../../io/read-bytes.ts";

/** One raw file, read whole; `name` is how errors refer to it (`archive.zip!/member.csv` for zip members). */
export interface RawFile {
  name: string;
  bytes: Uint8Array;
}

/** Where an adapter expects its raw file: the member's file name, and the archives it may sit in. */
export interface RawFileSpec {
  /** File name of the raw file itself, e.g. `Table8.csv` (matched on the base name). */
  member: string;
  /** Names of archives that may hold it, e.g. `2014thru2018-140-csv.zip`. */
  archives: readonly string[];
}

const isZip = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

async function readSource(path: string): Promise<Uint8Array> {
  try {
    return await readBytes(path);
  } catch (e) {
    throw new InputMissingError(path, "cannot be read", { cause: e });
  }
}

/**
 * Unzips the members whose base name passes `want` (macOS resource forks under `__MACOSX/`
 * are skipped). A truncated or corrupt archive is an `InputSchemaError` naming it.
 */
export function unzipMembers(name: string, bytes: Uint8Array, want: (member: string) => boolean): RawFile[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => !f.name.startsWith("__MACOSX/") && !f.name.endsWith("/") && want(basename(f.name)),
    });
  } catch (e) {
    throw new InputSchemaError(
      { file: name },
      `is not a readable zip archive (truncated or corrupt: ${(e as Error).message})`,
      { cause: e },
    );
  }
  return Object.keys(files)
    .sort()
    .map((m) => ({ name: `${name}!/${m}`, bytes: files[m] as Uint8Array }));
}

/**
 * Finds the raw files an adapter needs among the `--source` paths: each path may be the
 * raw file itself, an archive holding it, or a folder holding either.
 */
export async function locateRawFiles(
  sources: readonly string[],
  specs: readonly RawFileSpec[],
): Promise<RawFile[]> {
  const found = new Map<string, RawFile>();
  const consider = async (path: string, depth: number): Promise<void> => {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (e) {
      throw new InputMissingError(path, "does not exist", { cause: e });
    }
    if (info.isDirectory()) {
      // A folder may be the unpacked archive itself, whose files sit one level down (`140/`).
      if (depth > 1) return;
      const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) =>
        a.name.localeCompare(b.name),
      );
      for (const spec of specs) {
        if (found.has(spec.member)) continue;
        const direct = entries.find((e) => e.isFile() && e.name === spec.member);
        const archive = entries.find((e) => e.isFile() && spec.archives.includes(e.name));
        if (direct !== undefined) await consider(join(path, direct.name), depth + 1);
        else if (archive !== undefined) await consider(join(path, archive.name), depth + 1);
      }
      for (const e of entries)
        if (e.isDirectory() && !e.name.startsWith(".")) await consider(join(path, e.name), depth + 1);
      return;
    }
    const bytes = await readSource(path);
    if (isZip(bytes) || path.toLowerCase().endsWith(".zip")) {
      const members = new Set(specs.map((s) => s.member));
      for (const f of unzipMembers(path, bytes, (m) => members.has(m))) {
        const m = basename(f.name);
        if (!found.has(m)) found.set(m, f);
      }
      return;
    }
    const spec =
      specs.find((s) => s.member === basename(path)) ?? (specs.length === 1 ? specs[0] : undefined);
    if (spec && !found.has(spec.member)) found.set(spec.member, { name: path, bytes });
  };
  for (const s of sources) await consider(s, 0);
  return specs.map((spec) => {
    const f = found.get(spec.member);
    if (!f)
      throw new InputMissingError(
        sources.join(", "),
        `does not contain ${spec.member}${spec.archives.length > 0 ? ` (nor an archive ${spec.archives.join(" or ")} holding it)` : ""}`,
      );
    return f;
  });
}

/**
 * Decodes a raw text file. UTF-8 is checked strictly: the first invalid byte is reported
 * with its line, so a Latin-1 or UTF-16 file given where UTF-8 is expected fails clearly.
 * NUL bytes are refused in either encoding (a UTF-16 or binary file).
 */
export function decodeText(file: RawFile, encoding: "utf8" | "latin1"): string {
  const nul = file.bytes.indexOf(0);
  if (nul !== -1)
    throw new InputSchemaError(
      { file: file.name, line: lineOf(file.bytes, nul) },
      `contains NUL bytes: not ${encoding === "utf8" ? "UTF-8" : "Latin-1"} text (UTF-16 or binary?)`,
    );
  if (encoding === "latin1") return new TextDecoder("latin1").decode(file.bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(file.bytes);
  } catch {
    const at = firstInvalidUtf8(file.bytes);
    throw new InputSchemaError(
      { file: file.name, line: lineOf(file.bytes, at) },
      `is not valid UTF-8 (byte 0x${(file.bytes[at] ?? 0).toString(16)} at offset ${at}; wrong encoding?)`,
    );
  }
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    const need =
      c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return Math.max(0, b.length - 1);
}
