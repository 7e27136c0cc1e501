import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { InputMissingError, InputSchemaError, UsageError } from "@cejst/schema";
import { isDatasetId } from "../datasets/registry.ts";
import type { DatasetId } from "../datasets/types.ts";

/** One published file of a source, pinned by its sha256. */
export interface SourceFile {
  /**
   * Where it is published: an `http(s):` URL, a `file:` URL, or a local path (resolved
   * against the configuration's folder; always held as a `file:` URL after parsing).
   */
  url: string;
  /** Lowercase hex sha256 of the exact bytes; anything else is refused. */
  sha256: string;
  /** Size in bytes, when known: a longer download is cut short and refused. */
  bytes?: number;
  /**
   * The name the adapter sees (adapters find raw files by name). Defaults to the last
   * segment of the URL's path.
   */
  file: string;
}

/** One dataset's sources: the ETL name, its files, and where they come from. */
export interface SourceItem {
  name: DatasetId;
  files: SourceFile[];
  licence: string;
  notes: string;
}

/** A parsed sources configuration. */
export interface SourcesConfig {
  /** Base URL that replaces the origin of every remote URL (a local mirror), if set. */
  mirror?: string;
  sources: SourceItem[];
}

const HEX64 = /^[0-9a-f]{64}$/;
/** A digest of all zeros marks a source whose real digest is not known yet. */
export const PLACEHOLDER_SHA256 = "0".repeat(64);

/**
 * Parses and validates a sources configuration. Every problem is an `InputSchemaError`
 * naming the file and the field (`sources[2].files[0].sha256`); JSON syntax errors also
 * name the line. Local paths are resolved against the configuration's folder.
 *
 * ```json
 * { "mirror": "http://127.0.0.1:8080/",
 *   "sources": [{ "name": "hud_housing", "url": "https://…/2014thru2018-140-csv.zip",
 *                 "sha256": "…", "bytes": 1234, "licence": "public domain", "notes": "" },
 *               { "name": "cdc_life_expectancy", "licence": "…", "notes": "",
 *                 "files": [{ "url": "…/US_A.CSV", "sha256": "…" }, …] }] }
 * ```
 */
export function parseSourcesConfig(text: string, file: string): SourcesConfig {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message);
    const line = at ? text.slice(0, Number(at[1])).split("\n").length : undefined;
    throw new InputSchemaError({ file, line }, `is not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const fail = (field: string, msg: string): never => {
    throw new InputSchemaError({ file, field }, msg);
  };
  const base = dirname(resolve(file));
  if (!isObject(doc)) return fail("(root)", "must be a JSON object with a `sources` array");
  onlyKeys(doc, ["mirror", "sources", "notes"], "", fail);
  let mirror: string | undefined;
  if (doc.mirror !== undefined && doc.mirror !== null && doc.mirror !== "") {
    if (typeof doc.mirror !== "string")
      return fail("mirror", `must be a URL string (got ${show(doc.mirror)})`);
    mirror = normalizeMirror(doc.mirror, base, (msg) => fail("mirror", msg));
  }
  if (!Array.isArray(doc.sources) || doc.sources.length === 0)
    return fail("sources", `must be a non-empty array (got ${show(doc.sources)})`);
  const seen = new Set<string>();
  const sources = doc.sources.map((raw: unknown, i: number): SourceItem => {
    const at = `sources[${i}]`;
    if (!isObject(raw)) return fail(at, `must be an object (got ${show(raw)})`);
    onlyKeys(raw, ["name", "url", "sha256", "bytes", "file", "files", "licence", "notes"], at, fail);
    if (typeof raw.name !== "string" || !isDatasetId(raw.name))
      return fail(`${at}.name`, `must be the ETL name of a known adapter (got ${show(raw.name)})`);
    if (seen.has(raw.name)) return fail(`${at}.name`, `names a dataset listed twice (got "${raw.name}")`);
    seen.add(raw.name);
    const licence = requireText(raw, "licence", at, fail);
    const notes = raw.notes === undefined ? "" : requireText(raw, "notes", at, fail);
    let files: SourceFile[];
    if (raw.files !== undefined) {
      if (raw.url !== undefined || raw.sha256 !== undefined)
        return fail(`${at}.files`, "is given together with url/sha256: use one or the other");
      if (!Array.isArray(raw.files) || raw.files.length === 0)
        return fail(`${at}.files`, `must be a non-empty array (got ${show(raw.files)})`);
      files = raw.files.map((f: unknown, k: number) => {
        const fat = `${at}.files[${k}]`;
        if (isObject(f)) onlyKeys(f, ["url", "sha256", "bytes", "file", "notes"], fat, fail);
        return parseFile(f, fat, base, fail);
      });
    } else files = [parseFile(raw, at, base, fail)];
    const names = new Set<string>();
    for (const [k, f] of files.entries()) {
      if (names.has(f.file)) fail(`${at}.files[${k}].file`, `repeats the file name "${f.file}"`);
      names.add(f.file);
    }
    return { name: raw.name, files, licence, notes };
  });
  return mirror === undefined ? { sources } : { mirror, sources };
}

/** Reads and validates a sources configuration file (see `parseSourcesConfig`). */
export async function readSourcesConfig(path: string): Promise<SourcesConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new InputMissingError(path, "cannot be read", { cause: e });
  }
  return parseSourcesConfig(text, path);
}

type Fail = (field: string, msg: string) => never;

function parseFile(raw: unknown, at: string, base: string, fail: Fail): SourceFile {
  if (!isObject(raw)) return fail(at, `must be an object (got ${show(raw)})`);
  if (typeof raw.url !== "string" || raw.url === "")
    return fail(`${at}.url`, `must be a URL or a path (got ${show(raw.url)})`);
  const url = toUrl(raw.url, base, (msg) => fail(`${at}.url`, msg));
  if (typeof raw.sha256 !== "string" || !HEX64.test(raw.sha256))
    return fail(`${at}.sha256`, `must be 64 lowercase hex digits (got ${show(raw.sha256)})`);
  if (raw.sha256 === PLACEHOLDER_SHA256)
    return fail(
      `${at}.sha256`,
      "is a placeholder (all zeros): pin the published file first: `sha256sum <file>` gives the 64 hex digits for sha256, `stat -c %s <file>` the size for bytes",
    );
  let bytes: number | undefined;
  if (raw.bytes !== undefined && raw.bytes !== null) {
    if (typeof raw.bytes !== "number" || !Number.isSafeInteger(raw.bytes) || raw.bytes < 0)
      return fail(`${at}.bytes`, `must be a whole number of bytes (got ${show(raw.bytes)})`);
    bytes = raw.bytes;
  }
  let file: string;
  if (raw.file !== undefined) {
    if (typeof raw.file !== "string" || raw.file === "" || /[/\\]/.test(raw.file) || raw.file.startsWith("."))
      return fail(`${at}.file`, `must be a plain file name (got ${show(raw.file)})`);
    file = raw.file;
  } else {
    const last = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
    if (last === "" || last.startsWith("."))
      return fail(`${at}.file`, `is required: the URL does not end in a file name (got ${show(raw.url)})`);
    file = last;
  }
  return bytes === undefined ? { url, sha256: raw.sha256, file } : { url, sha256: raw.sha256, bytes, file };
}

function toUrl(text: string, base: string, fail: (msg: string) => never): string {
  if (/^https?:\/\//i.test(text) || /^file:/i.test(text)) {
    try {
      return new URL(text).href;
    } catch {
      return fail(`is not a valid URL (got ${show(text)})`);
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text))
    return fail(`must be http(s), file: or a local path (got ${show(text)})`);
  return pathToFileURL(isAbsolute(text) ? text : resolve(base, text)).href;
}

/**
 * A mirror given on the command line: an http(s) or `file:` URL, or a folder (relative to
 * `base`). Returns a URL ending in `/`; anything else is a `UsageError`.
 */
export function mirrorBase(text: string, base: string): string {
  return normalizeMirror(text, base, (msg) => {
    throw new UsageError(`--mirror ${msg}`);
  });
}

function normalizeMirror(text: string, base: string, fail: (msg: string) => never): string {
  const url = toUrl(text, base, fail);
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * Where a file is fetched from: with a mirror, the mirror's base URL takes the place of
 * the origin (`https://host/a/b.zip` → `<mirror>a/b.zip`), so one server or folder laid
 * out like the origins serves everything; in a mirror folder a URL's query is part of the
 * file name. Local files are not rewritten.
 */
export function mirroredUrl(url: string, mirror: string | undefined): string {
  const u = new URL(url);
  if (mirror === undefined || u.protocol === "file:") return u.href;
  const m = new URL(mirror.endsWith("/") ? mirror : `${mirror}/`);
  const path = u.pathname.replace(/^\/+/, "");
  if (m.protocol !== "file:") return new URL(path + u.search, m).href;
  // A folder has no query strings: the query is part of the file name (`rows.csv?x=1`).
  const rewritten = new URL(path + encodeURIComponent(u.search), m);
  fileURLToPath(rewritten); // refuses what no local path can be
  return rewritten.href;
}

/** Unknown keys are refused: a misspelt `sha256` or `bytes` must not be silently ignored. */
function onlyKeys(obj: Record<string, unknown>, allowed: readonly string[], at: string, fail: Fail): void {
  for (const key of Object.keys(obj))
    if (!allowed.includes(key))
      fail(at === "" ? key : `${at}.${key}`, `is not a known field (expected one of: ${allowed.join(", ")})`);
}

function requireText(raw: Record<string, unknown>, key: string, at: string, fail: Fail): string {
  const v = raw[key];
  if (typeof v !== "string") return fail(`${at}.${key}`, `must be a string (got ${show(v)})`);
  return v;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function show(x: unknown): string {
  if (x === undefined) return "nothing";
  const s = JSON.stringify(x);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
