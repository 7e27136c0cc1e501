import { createHash } from "node:crypto";
import { open, readdir } from "node:fs/promises";
import { join } from "node:path";
import { noProgress, type ProgressSink } from "@cejst/schema";
import { sha256Hex } from "./bytes.ts";
import { compareKeys } from "./keys.ts";
import { writeFileAtomicLocal } from "./local-files.ts";
import {
  contentTypeFor,
  type ManifestContentFields,
  type ManifestFile,
  manifestDigest,
  manifestPathProblem,
  type ReleaseManifest,
} from "./manifest.ts";

/** The names a build folder's bookkeeping uses; they are not data files. */
export const MANIFEST_NAME = "manifest.json";
export const SUMS_NAME = "SHA256SUMS";

/**
 * Hashes every file of a build folder (sorted paths, sha256, bytes, content type), writes
 * `SHA256SUMS` (`sha256sum -c` format) and then `manifest.json` (content only, no
 * `publication`). `content` is everything but `files`; per-file extras may be given by path.
 */
export async function createBuildManifest(
  buildDir: string,
  content: ManifestContentFields,
  opts: { fileFields?: Record<string, Record<string, unknown>>; progress?: ProgressSink } = {},
): Promise<{ manifest: ReleaseManifest; digest: string }> {
  const progress = opts.progress ?? noProgress;
  const paths = (await listFiles(buildDir, "")).filter((p) => p !== MANIFEST_NAME && p !== SUMS_NAME);
  paths.sort(compareKeys);
  const folded = new Map<string, string>();
  for (const p of paths) {
    const problem = manifestPathProblem(p);
    if (problem !== undefined) throw new Error(`build file path ${problem} (got ${JSON.stringify(p)})`);
    const other = folded.get(p.toLowerCase());
    if (other !== undefined)
      throw new Error(`build file path collides case-insensitively with ${other} (got ${p})`);
    folded.set(p.toLowerCase(), p);
  }
  // A few files at a time, so one file's read overlaps another's hashing; the order of the
  // result is the sorted order whatever finishes first.
  const files: ManifestFile[] = new Array(paths.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    for (let i = next++; i < paths.length; i = next++) {
      const path = paths[i] as string;
      const { sha256, bytes } = await hashFile(join(buildDir, ...path.split("/")));
      files[i] = { path, sha256, bytes, contentType: contentTypeFor(path), ...opts.fileFields?.[path] };
      progress({ stage: "hash", done: ++done, total: paths.length, unit: "files", detail: path });
    }
  };
  await Promise.all(Array.from({ length: HASH_LANES }, lane));
  const sums = files.map((f) => `${f.sha256}  ${f.path}\n`).join("");
  const sumsBytes = new TextEncoder().encode(sums);
  await writeFileAtomicLocal(join(buildDir, SUMS_NAME), sumsBytes);
  files.push({
    path: SUMS_NAME,
    sha256: sha256Hex(sumsBytes),
    bytes: sumsBytes.byteLength,
    contentType: contentTypeFor(SUMS_NAME),
  });
  files.sort((a, b) => compareKeys(a.path, b.path));
  const manifest: ReleaseManifest = { schema: "cejst.manifest/1", content: { ...content, files } };
  await writeFileAtomicLocal(
    join(buildDir, MANIFEST_NAME),
    new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
  );
  return { manifest, digest: manifestDigest(manifest) };
}

const HASH_LANES = 3;
const HASH_CHUNK = 4 * 1024 * 1024;
/**
 * Read buffers handed from one file to the next. A stream allocates a fresh buffer for every
 * chunk, and faulting in fresh memory costs more than hashing it on this kind of machine (a
 * national build is 2.4 GB); a few reused buffers cost it once.
 */
const spareBuffers: Buffer[] = [];

/** Reads a file through sha256 with a reused buffer. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  const buf = spareBuffers.pop() ?? Buffer.allocUnsafe(HASH_CHUNK);
  const fh = await open(path, "r");
  let bytes = 0;
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, HASH_CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
      bytes += bytesRead;
    }
  } finally {
    await fh.close();
    spareBuffers.push(buf);
  }
  return { sha256: hash.digest("hex"), bytes };
}

async function listFiles(root: string, rel: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(root, rel), { withFileTypes: true })) {
    const p = rel === "" ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...(await listFiles(root, p)));
    else if (e.isFile()) out.push(p);
    else throw new Error(`build file is neither a file nor a folder (got ${p})`);
  }
  return out;
}
