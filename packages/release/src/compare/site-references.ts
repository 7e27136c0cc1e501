import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256Digest, sha256Hex } from "../bytes.ts";
import { canonicalJson } from "../canonical-json.ts";
import { readChannel, readDistribution } from "../channels.ts";
import { VerifyFailed } from "../errors.ts";
import type { Store } from "../store.ts";

/** A site build as far as R22 reads it (rollout.md §4.3 R22). */
export interface SiteInputs {
  /**
   * Where the build came from: a `--site` folder, a deployed build named by its digest
   * (`--site sha256:…`), or the distribution live on a channel.
   */
  source: { kind: "dir" | "stored" | "live"; site: string; channel?: string; distribution?: string };
  /** The build's `requiredData` (roles or paths); null when the build does not record it. */
  requiredData: string[] | null;
  /** The build's text files (HTML, scripts, styles, JSON), searched for data links. */
  texts: { path: string; text: string }[];
}

/** One thing the site needs from the candidate, and whether the candidate has it. */
export interface SiteReference {
  item: string;
  kind: "requiredData" | "link" | "role";
  /** Files of the site that mention it (empty for `requiredData`). */
  foundIn: string[];
  present: "yes" | "no";
}

const TEXT_FILE = /\.(html?|m?js|css|json|webmanifest|txt)$/i;

/** Roles (artifacts.md §1.6) named in site code; generic words such as `download` are left out. */
const ROLE_LITERAL =
  /[`"'](tiles-detail|tiles-overview|tiles-tribal|search-tracts|search-names|tract-table-index|tract-table|release-notes)[`"']/g;

/** A data path with a file extension, optionally under `data-versions/<id>/`. */
const DATA_LINK =
  /(?:data-versions\/([A-Za-z0-9.-]+)\/)?\b((?:data\/(?:score|tribal)|api|release-notes)\/[A-Za-z0-9_./-]*[A-Za-z0-9_-]\.(?:csv|xlsx|zip|pdf|json|pmtiles|md|parquet|pptx))\b/g;

/**
 * R22's items: each `requiredData` entry, each role the site's code asks the manifest for,
 * and each data file it links by path. A link into another version's folder is left out:
 * that folder stays published whatever the candidate holds.
 */
export function siteReferences(
  site: SiteInputs,
  cand: { version: string; label: string; files: readonly { path: string; role?: string }[] },
): SiteReference[] {
  const paths = new Set(cand.files.map((f) => f.path));
  const roles = new Set(cand.files.map((f) => f.role).filter((r): r is string => typeof r === "string"));
  const has = (item: string) => (paths.has(item) || roles.has(item) ? "yes" : "no");
  const found = new Map<string, { kind: "link" | "role"; files: Set<string> }>();
  const note = (item: string, kind: "link" | "role", file: string) => {
    const key = `${kind}\u0000${item}`;
    if (!found.has(key)) found.set(key, { kind, files: new Set() });
    found.get(key)!.files.add(file);
  };
  for (const { path, text } of site.texts) {
    for (const m of text.matchAll(ROLE_LITERAL)) note(m[1]!, "role", path);
    for (const m of text.matchAll(DATA_LINK)) {
      const version = m[1];
      if (version !== undefined && version !== cand.version && version !== cand.label) continue;
      note(m[2]!, "link", path);
    }
  }
  const out: SiteReference[] = (site.requiredData ?? []).map((item) => ({
    item,
    kind: "requiredData",
    foundIn: [],
    present: has(item),
  }));
  for (const [key, v] of [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const item = key.split("\u0000")[1]!;
    out.push({ item, kind: v.kind, foundIn: [...v.files].sort(), present: has(item) });
  }
  return out;
}

async function listFiles(root: string, rel: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(root, rel), { withFileTypes: true })) {
    const p = rel === "" ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...(await listFiles(root, p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/**
 * A local site build (`--site DIR`): `requiredData` from its `cejst-site.json`, its text
 * files, and a digest over its file list that names it in the report.
 */
export async function readSiteDir(dir: string): Promise<SiteInputs> {
  const paths = (await listFiles(dir, "")).sort();
  let requiredData: string[] | null = null;
  const listed: { path: string; sha256: string }[] = [];
  const texts: SiteInputs["texts"] = [];
  for (const path of paths) {
    const body = new Uint8Array(await readFile(join(dir, ...path.split("/"))));
    if (path === "cejst-site.json") {
      let decl: { requiredData?: unknown };
      try {
        decl = JSON.parse(new TextDecoder().decode(body)) as { requiredData?: unknown };
      } catch (e) {
        throw new Error(`${join(dir, path)} is not JSON (got ${(e as Error).message})`);
      }
      if (decl.requiredData !== undefined) {
        if (!Array.isArray(decl.requiredData) || decl.requiredData.some((x) => typeof x !== "string"))
          throw new Error(
            `${join(dir, path)}: requiredData is not a list of strings (got ${JSON.stringify(decl.requiredData)})`,
          );
        requiredData = decl.requiredData as string[];
      }
      continue;
    }
    listed.push({ path, sha256: sha256Hex(body) });
    if (TEXT_FILE.test(path)) texts.push({ path, text: new TextDecoder().decode(body) });
  }
  return {
    source: { kind: "dir", site: sha256Digest(canonicalJson({ files: listed, requiredData })) },
    requiredData,
    texts,
  };
}

interface SiteManifestFile {
  path: string;
  sha256: string;
  immutable?: boolean;
}

/**
 * The site build of the distribution live on `channel`, read from the store with every
 * file hash-checked; undefined when nothing is live there.
 */
export async function readLiveSite(store: Store, channel = "production"): Promise<SiteInputs | undefined> {
  const head = (await readChannel(store, channel)).head;
  if (!head) return undefined;
  const dist = await readDistribution(store, head.distribution);
  if (!dist) throw new VerifyFailed(`distribution ${head.distribution} of channel ${channel} has no record`);
  const site = await readStoredSite(store, dist.site);
  return { ...site, source: { kind: "live", site: dist.site, channel, distribution: dist.id } };
}

/**
 * A deployed site build named by its digest (`sha256:<hex>`, as distribution records name
 * it), read from `site-builds/<hex>/` with every file hash-checked. Its `requiredData` is
 * the one `deploy-site` recorded in the site manifest. What is live plays no part, so a
 * report that reads it has the same digest whatever the channels point at.
 */
export async function readStoredSite(store: Store, digest: string): Promise<SiteInputs> {
  const m = /^(?:sha256:)?([0-9a-f]{64})$/.exec(digest);
  if (m === null) throw new VerifyFailed(`site build digest is not sha256:<64 hex> (got ${digest})`);
  const hex = m[1] ?? "";
  const site = `sha256:${hex}`;
  const key = `site-builds/${hex}/site-manifest.json`;
  const obj = await store.get(key);
  if (!obj) throw new VerifyFailed(`${key} is absent: no site build ${site} was deployed`);
  const manifest = JSON.parse(new TextDecoder().decode(obj.body)) as {
    content?: { files?: SiteManifestFile[]; requiredData?: unknown };
  };
  const content = manifest.content ?? {};
  if (sha256Digest(canonicalJson(content)) !== site)
    throw new VerifyFailed(`${key} does not hash to the site digest ${site}`);
  const texts: SiteInputs["texts"] = [];
  for (const f of content.files ?? []) {
    if (!TEXT_FILE.test(f.path)) continue;
    const fileKey = f.immutable ? `site-assets/${f.path}` : `site-builds/${hex}/${f.path}`;
    const file = await store.get(fileKey);
    if (!file) throw new VerifyFailed(`site file ${fileKey} is listed but absent`);
    if (sha256Hex(file.body) !== f.sha256)
      throw new VerifyFailed(
        `site file ${fileKey} hashes to ${sha256Hex(file.body)}, the site manifest says ${f.sha256}`,
      );
    texts.push({ path: f.path, text: new TextDecoder().decode(file.body) });
  }
  const required = content.requiredData;
  return {
    source: { kind: "stored", site },
    requiredData: Array.isArray(required) ? required.filter((x): x is string => typeof x === "string") : null,
    texts,
  };
}
