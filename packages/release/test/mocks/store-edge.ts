import { sha256Hex } from "../../src/bytes.ts";
import { readChannel, readDistribution } from "../../src/channels.ts";
import type { EdgeFetch, EdgeReply, EdgeRequestSpec } from "../../src/edge-fetch.ts";
import { isTombstone } from "../../src/manifest.ts";
import { publicOffers } from "../../src/public-set.ts";
import { IMMUTABLE, readManifest, versionKey } from "../../src/publish.ts";
import type { Store } from "../../src/store.ts";

const NOT_FOUND = new TextEncoder().encode("Not found\n");
const ROBOTS = new TextEncoder().encode("User-agent: *\nDisallow: /\n");

/**
 * A stand-in for the edge (apps/edge is an app, which packages never import): it answers
 * from the store with the responses rollout.md §1.11 specifies, so `verify` can be tested
 * here on every store driver. `fault` rewrites a reply, to inject what a broken edge does.
 */
export function storeEdge(
  store: Store,
  hosts: { stagingBase: string; channel?: { name: string; domains: string[] } },
  fault: (req: EdgeRequestSpec, reply: EdgeReply) => EdgeReply = (_q, r) => r,
): EdgeFetch {
  const reply = (status: number, body: Uint8Array, headers: Record<string, string>): EdgeReply => ({
    status,
    headers: { "content-length": String(body.byteLength), ...headers },
    bytes: body.byteLength,
    sha256: sha256Hex(body),
    body,
  });
  const notFound = (scope: Record<string, string> = {}) =>
    reply(404, NOT_FOUND, {
      ...scope,
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
    });
  return async (req) => {
    const host = req.host.toLowerCase();
    let distId: string | undefined;
    let variant: "staging" | "production" = "production";
    const scope: Record<string, string> = { "x-content-type-options": "nosniff" };
    if (hosts.channel?.domains.includes(host)) {
      const head = (await readChannel(store, hosts.channel.name)).head;
      if (head === undefined) return fault(req, notFound());
      distId = head.distribution;
      scope["x-cejst-generation"] = String(head.gen);
    } else if (host.endsWith(`.${hosts.stagingBase}`)) {
      for await (const info of store.list("distributions/")) {
        const id = /^distributions\/([^/]+)\/record\.json$/.exec(info.key)?.[1];
        if (id !== undefined && (await readDistribution(store, id))?.stagingHost === host) distId = id;
      }
      variant = "staging";
      Object.assign(scope, { "x-robots-tag": "noindex, nofollow", "referrer-policy": "no-referrer" });
    }
    const dist = distId === undefined ? undefined : await readDistribution(store, distId);
    if (dist === undefined) return fault(req, notFound());
    scope["x-cejst-distribution"] = dist.id;
    const path = decodeURIComponent(req.path.slice(1));
    const file = async (key: string, contentType: string, cache: string) => {
      const obj = await store.get(key);
      if (obj === undefined) return notFound(scope);
      return reply(200, obj.body, {
        ...scope,
        "content-type": contentType,
        "cache-control": cache,
        etag: `"${sha256Hex(obj.body)}"`,
        "accept-ranges": "bytes",
      });
    };
    if (path === "config.json")
      return fault(
        req,
        await file(`distributions/${dist.id}/config.${variant}.json`, "application/json", "no-cache"),
      );
    if (path === "robots.txt" && variant === "staging")
      return fault(
        req,
        reply(200, ROBOTS, {
          ...scope,
          "content-type": "text/plain; charset=utf-8",
          "cache-control": "no-cache",
          etag: `"${sha256Hex(ROBOTS)}"`,
        }),
      );
    const m = /^data-versions\/([^/]+)\/(.+)$/.exec(path);
    if (m !== null) {
      const [, v = "", p = ""] = m;
      const allowed = v === dist.data.version || (await publicOffers(store)).has(v);
      const manifest = allowed ? await readManifest(store, v) : undefined;
      if (manifest === undefined || isTombstone(manifest)) return fault(req, notFound(scope));
      if (p === "manifest.json")
        return fault(req, await file(versionKey(v, p), "application/json", IMMUTABLE));
      const f = manifest.content.files.find((x) => x.path === p);
      return fault(
        req,
        f === undefined ? notFound(scope) : await file(versionKey(v, p), f.contentType, IMMUTABLE),
      );
    }
    const hex = dist.site.slice("sha256:".length);
    const siteObj = await store.get(`site-builds/${hex}/site-manifest.json`);
    const site =
      siteObj &&
      (JSON.parse(new TextDecoder().decode(siteObj.body)) as {
        content: { files: { path: string; contentType: string; immutable: boolean }[] };
      });
    const f = site?.content.files.find((x) => x.path === path);
    if (f === undefined) return fault(req, notFound(scope));
    return fault(
      req,
      await file(
        f.immutable ? `site-assets/${f.path}` : `site-builds/${hex}/${f.path}`,
        f.contentType,
        f.immutable ? IMMUTABLE : "no-cache",
      ),
    );
  };
}
