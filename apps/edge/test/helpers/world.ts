/**
 * Writes release records straight into a store, with the fields of rollout.md §1.4 and
 * §1.7–§1.9, so edge tests do not depend on the commands that normally write them.
 */
import { createHash } from "node:crypto";
import { manifestDigest, type Store } from "@cejst/release";

export type Bytes = Uint8Array | string;

const ZERO_DIGEST = `sha256:${"0".repeat(64)}`;

function bytesOf(b: Bytes): Uint8Array {
  return typeof b === "string" ? new TextEncoder().encode(b) : b;
}

export function sha256(b: Bytes): string {
  return createHash("sha256").update(bytesOf(b)).digest("hex");
}

export async function putRaw(store: Store, key: string, body: Bytes): Promise<void> {
  const r = await store.putIfAbsent(key, bytesOf(body), {});
  if (r !== "created") throw new Error(`test world: ${key} already exists`);
}

export async function putJson(store: Store, key: string, value: unknown): Promise<string> {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  await putRaw(store, key, text);
  return `sha256:${sha256(text)}`;
}

/** Publishes a version: its files, then `manifest.json` last. Returns the manifest digest. */
export async function publishVersion(
  store: Store,
  id: string,
  files: Record<string, Bytes>,
  contentTypes: Record<string, string> = {},
  roles: Record<string, string> = {},
): Promise<string> {
  const entries = Object.keys(files)
    .sort()
    .map((path) => {
      const body = bytesOf(files[path] ?? "");
      const e: Record<string, unknown> = { path, sha256: sha256(body), bytes: body.byteLength };
      if (contentTypes[path] !== undefined) e.contentType = contentTypes[path];
      if (roles[path] !== undefined) e.role = roles[path];
      return e;
    });
  for (const [path, body] of Object.entries(files)) await putRaw(store, `data-versions/${id}/${path}`, body);
  const content = { label: id.split("-rc.")[0], methodology: id, synthetic: true, files: entries };
  await putJson(store, `data-versions/${id}/manifest.json`, {
    schema: "cejst.manifest/1",
    content,
    publication: { version: id, publishedAt: "2026-01-01T00:00:00.000Z" },
  });
  return manifestDigest({ content } as Parameters<typeof manifestDigest>[0]);
}

export async function putTombstone(store: Store, id: string): Promise<void> {
  await putJson(store, `data-versions/${id}/manifest.json`, { schema: "cejst.tombstone/1", reason: "test" });
}

/** Uploads a site build; files under `immutablePrefixes` go to `site-assets/`. Returns the site hex. */
export async function putSite(
  store: Store,
  files: Record<string, Bytes>,
  opts: { immutablePrefixes?: string[]; notFound?: string } = {},
): Promise<string> {
  const prefixes = opts.immutablePrefixes ?? ["assets/"];
  const list = Object.keys(files)
    .sort()
    .map((path) => {
      const body = bytesOf(files[path] ?? "");
      return {
        path,
        sha256: sha256(body),
        bytes: body.byteLength,
        immutable: prefixes.some((p) => path.startsWith(p)),
      };
    });
  const content: Record<string, unknown> = { files: list };
  if (opts.notFound !== undefined) content.notFound = opts.notFound;
  const hex = sha256(JSON.stringify(content));
  for (const f of list) {
    const key = f.immutable ? `site-assets/${f.path}` : `site-builds/${hex}/${f.path}`;
    await store.putIfAbsent(key, bytesOf(files[f.path] ?? ""), {});
  }
  await putJson(store, `site-builds/${hex}/site-manifest.json`, { schema: "cejst.site-manifest/1", content });
  return hex;
}

export interface DistributionSpec {
  id: string;
  site: string;
  version: string;
  offers?: { version: string; status: string }[];
  stagingHost?: string;
  stagingAuth?: unknown;
  /** `geocoder.url` written into both config variants. */
  geocoder?: string;
  /** Manifest digests to record instead of the stored ones (to test a mismatch). */
  manifests?: Record<string, string>;
}

/** The digest of a stored version's manifest, or a placeholder when it is absent. */
async function storedDigest(store: Store, version: string): Promise<string> {
  const obj = await store.get(`data-versions/${version}/manifest.json`);
  if (obj === undefined) return ZERO_DIGEST;
  return manifestDigest(JSON.parse(new TextDecoder().decode(obj.body)));
}

/** Writes both config variants, then the record (the commit marker). */
export async function putDistribution(store: Store, d: DistributionSpec): Promise<void> {
  const offers = d.offers ?? [{ version: d.version, status: "current" }];
  const digests: Record<string, string> = {};
  for (const o of [{ version: d.version }, ...offers]) {
    digests[o.version] = d.manifests?.[o.version] ?? (await storedDigest(store, o.version));
  }
  const config = (environment: string) => ({
    schemaVersion: 1,
    site: { environment },
    data: {
      baseUrl: "data-versions/",
      defaultVersion: d.version,
      versions: offers.map((o) => ({ id: o.version, status: o.status })),
    },
    ...(d.geocoder === undefined ? {} : { geocoder: { url: d.geocoder, format: "nominatim" } }),
  });
  const staging = await putJson(store, `distributions/${d.id}/config.staging.json`, config("staging"));
  const production = await putJson(
    store,
    `distributions/${d.id}/config.production.json`,
    config("production"),
  );
  await putJson(store, `distributions/${d.id}/record.json`, {
    schema: "cejst.distribution/1",
    id: d.id,
    name: d.id,
    site: `sha256:${d.site}`,
    data: { version: d.version, manifest: digests[d.version] ?? ZERO_DIGEST },
    offers: offers.map((o) => ({ ...o, manifest: digests[o.version] ?? ZERO_DIGEST })),
    configs: { staging, production },
    stagingHost: d.stagingHost ?? null,
    stagingAuth: d.stagingAuth ?? null,
    createdAt: "2026-01-01T00:00:00.000Z",
    createdBy: { name: "test" },
  });
}

/** Appends generation `gen` of `channel`, chained to `previous`. */
export async function putGeneration(
  store: Store,
  channel: string,
  gen: number,
  distribution: string,
  previous: { gen: number; distribution: string } | null,
): Promise<void> {
  await putJson(store, `control/channels/${channel}/${String(gen).padStart(10, "0")}.json`, {
    schema: "cejst.generation/1",
    channel,
    gen,
    distribution,
    data: { version: "x", manifest: ZERO_DIGEST },
    site: ZERO_DIGEST,
    action: gen === 1 ? "release" : "rollback",
    previous,
    approvals: [],
    verification: null,
    reason: "test",
    actor: { name: "test" },
    at: "2026-01-01T00:00:00.000Z",
  });
}
