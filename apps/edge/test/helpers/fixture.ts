/**
 * A small world used by most edge tests: versions 1.0 and 2.0 (public), candidate
 * 2.1-rc.1 (unreleased), an abandoned 3.0, and three distributions. Production is at
 * generation 2 naming distribution B.
 */
import { scryptSync } from "node:crypto";
import type { Store } from "@cejst/release";
import type { EdgeDomains } from "../../src/index.ts";
import { publishVersion, putDistribution, putGeneration, putSite, putTombstone, sha256 } from "./world.ts";

export const DOMAIN = "screening.test";
export const DOMAINS: EdgeDomains = {
  channels: { production: [DOMAIN, `www.${DOMAIN}`] },
  stagingBase: `staging.${DOMAIN}`,
  dataHost: `data.${DOMAIN}`,
};
export const STAGING_A = `${"a".repeat(26)}.staging.${DOMAIN}`;
export const STAGING_B = `${"b".repeat(26)}.staging.${DOMAIN}`;
export const STAGING_C = `${"c".repeat(26)}.staging.${DOMAIN}`;
export const TOKEN_B = "correct-horse-battery-staple";
export const BASIC_C = { user: "reviewer", password: "pa55word" };

/** Deterministic pseudo-random bytes (a PMTiles stand-in: opaque, incompressible). */
export function noise(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function csv(version: string, rows: number): string {
  const lines = ["GEOID10_TRACT,Identified as disadvantaged,Total population"];
  for (let i = 0; i < rows; i++)
    lines.push(`${String(1001020100 + i).padStart(11, "0")},${i % 3 === 0 ? "True" : "False"},${1000 + i}.0`);
  return `${lines.join("\n")}\n# version ${version}\n`;
}

export function tractShard(version: string): string {
  return JSON.stringify({
    "01001020100": { geoid: "01001020100", version, disadvantaged: true },
    "01001020200": { geoid: "01001020200", version, disadvantaged: false },
  });
}

export interface World {
  files: Record<string, Record<string, Uint8Array | string>>;
  sites: Record<string, string>;
}

function versionFiles(version: string, seed: number): Record<string, Uint8Array | string> {
  return {
    "data/score/csv/full/usa.csv": csv(version, 200),
    "data/score/tiles/high.pmtiles": noise(256 * 1024 + 7, seed),
    "data/score/downloadable/communities.xlsx": noise(3000, seed + 1),
    "data/score/downloadable/communities.zip": noise(2000, seed + 2),
    "data/score/parquet/usa.parquet": noise(1000, seed + 3),
    "api/tracts/01001.json": tractShard(version),
    "api/openapi.json": JSON.stringify({ openapi: "3.1.0", info: { version } }),
  };
}

function siteFiles(marker: string): Record<string, string> {
  const js = `console.log(${JSON.stringify(marker)});\n${"// padding\n".repeat(200)}`;
  return {
    "index.html": `<!doctype html><title>${marker}</title><meta name="marker" content="${marker}">${"<p>x</p>".repeat(200)}`,
    "explore/index.html": `<!doctype html><title>explore ${marker}</title>`,
    "404.html": `<!doctype html><title>not found ${marker}</title>`,
    "robots.txt": "User-agent: *\nAllow: /\n",
    [`assets/app-${sha256(js).slice(0, 8)}.js`]: js,
    "assets/shared-00000000.css": "body{margin:0}\n",
  };
}

/** Builds the world in `store`. */
export async function buildWorld(store: Store): Promise<World> {
  const files: World["files"] = {
    "1.0": versionFiles("1.0", 1),
    "2.0": versionFiles("2.0", 2),
    "2.1-rc.1": versionFiles("2.1-rc.1", 3),
  };
  for (const [id, f] of Object.entries(files)) {
    await publishVersion(store, id, f, { "data/score/csv/full/usa.csv": "text/csv; charset=utf-8" });
  }
  await putTombstone(store, "3.0");
  const sites: World["sites"] = {};
  const siteA = siteFiles("dst_A");
  const siteB = siteFiles("dst_B");
  const siteC = siteFiles("dst_C");
  sites.A = await putSite(store, siteA, { notFound: "404.html" });
  sites.B = await putSite(store, siteB, { notFound: "404.html" });
  sites.C = await putSite(store, siteC, { notFound: "404.html" });
  const salt = Buffer.from("0123456789abcdef");
  const hash = scryptSync(BASIC_C.password, salt, 32, { N: 1024, r: 8, p: 1 });
  await putDistribution(store, { id: "dst_A", site: sites.A, version: "1.0", stagingHost: STAGING_A });
  await putDistribution(store, {
    id: "dst_B",
    site: sites.B,
    version: "2.0",
    offers: [
      { version: "2.0", status: "current" },
      { version: "1.0", status: "previous" },
    ],
    stagingHost: STAGING_B,
    stagingAuth: { scheme: "token", sha256: sha256(TOKEN_B) },
  });
  await putDistribution(store, {
    id: "dst_C",
    site: sites.C,
    version: "2.1-rc.1",
    offers: [
      { version: "2.1-rc.1", status: "candidate" },
      { version: "2.0", status: "previous" },
    ],
    stagingHost: STAGING_C,
    stagingAuth: {
      scheme: "basic",
      user: BASIC_C.user,
      salt: salt.toString("base64"),
      hash: hash.toString("base64"),
      N: 1024,
      r: 8,
      p: 1,
    },
  });
  await putGeneration(store, "production", 1, "dst_A", null);
  await putGeneration(store, "production", 2, "dst_B", { gen: 1, distribution: "dst_A" });
  return { files, sites };
}

/** Bytes of a version file, as a Buffer. */
export function fileBytes(world: World, version: string, path: string): Buffer {
  const f = world.files[version]?.[path];
  if (f === undefined) throw new Error(`fixture has no ${version}/${path}`);
  return Buffer.from(typeof f === "string" ? new TextEncoder().encode(f) : f);
}
