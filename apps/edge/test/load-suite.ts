/**
 * G5 under load, for one store kind: keep-alive clients request pages, config.json, hashed assets and ranges
 * of both versions' tiles on the production domain while the channel pointer is switched
 * 100 times. Every response must come whole from the distribution its header names.
 * Bounded: a fixed number of requests per client and a fixed number of switches.
 */
import assert from "node:assert/strict";
import { Agent } from "node:http";
import { describe, test } from "node:test";
import { type StoreKind, startEdge } from "./helpers/edge.ts";
import { buildWorld, DOMAIN, fileBytes } from "./helpers/fixture.ts";
import { request } from "./helpers/http.ts";
import { putGeneration, sha256 } from "./helpers/world.ts";

const SWITCHES = 100;
const TILES = "data/score/tiles/high.pmtiles";
const DEFAULT_VERSION: Record<string, string> = { dst_A: "1.0", dst_B: "2.0" };

/** G5 for one store kind: `clients` keep-alive clients, `perClient` requests each. */
export function loadSuite(kind: StoreKind, size: { clients: number; perClient: number }): void {
  const { clients: CLIENTS, perClient: PER_CLIENT } = size;
  describe(`pointer switched ${SWITCHES} times under load (${kind.name} store)`, () => {
    test(`${CLIENTS * PER_CLIENT} requests: no errors, no mixed responses, generations never go back`, async () => {
      const { store, dispose } = await kind.open();
      const world = await buildWorld(store);
      const e = await startEdge(store);
      const tiles = { "1.0": fileBytes(world, "1.0", TILES), "2.0": fileBytes(world, "2.0", TILES) };
      const total = CLIENTS * PER_CLIENT;
      // a hashed asset of distribution A's build: every distribution serves it (rollout.md §1.7)
      const siteManifest = JSON.parse(
        Buffer.from(
          (await store.get(`site-builds/${world.sites.A}/site-manifest.json`))?.body ?? [],
        ).toString(),
      );
      const asset: { path: string; sha256: string } = siteManifest.content.files.find((f: { path: string }) =>
        f.path.startsWith("assets/app-"),
      );
      let completed = 0;
      const problems: string[] = [];
      const seenGens = new Set<string>();

      const client = async (c: number) => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        let lastGen = 0;
        for (let i = 0; i < PER_CLIENT; i++) {
          const pick = (c + i) % 5;
          const version = (c + i) % 8 < 4 ? "1.0" : "2.0";
          const start = ((c * 7919 + i * 104_729) % (tiles[version].length - 1000)) | 0;
          const req =
            pick === 0
              ? { path: "/" }
              : pick === 1
                ? { path: "/config.json" }
                : pick === 4
                  ? { path: `/${asset.path}` }
                  : {
                      path: `/data-versions/${version}/${TILES}`,
                      headers: { range: `bytes=${start}-${start + 999}` },
                    };
          const r = await request(e.port, { host: DOMAIN, agent, ...req });
          completed++;
          const dist = String(r.headers["x-cejst-distribution"]);
          const gen = Number(r.headers["x-cejst-generation"]);
          seenGens.add(String(gen));
          if (r.status !== 200 && r.status !== 206) problems.push(`${req.path}: status ${r.status}`);
          if (!(dist in DEFAULT_VERSION)) problems.push(`${req.path}: distribution ${dist}`);
          if (gen < lastGen) problems.push(`client ${c}: generation went from ${lastGen} to ${gen}`);
          lastGen = gen;
          if (pick === 0 && !r.body.toString().includes(`content="${dist}"`)) {
            problems.push(`/ from ${dist} has another distribution's page`);
          }
          if (pick === 1 && JSON.parse(r.body.toString()).data.defaultVersion !== DEFAULT_VERSION[dist]) {
            problems.push(`/config.json from ${dist} has another distribution's config`);
          }
          if (pick === 4 && sha256(r.body) !== asset.sha256)
            problems.push(`hashed asset from ${dist}: wrong bytes`);
          if ((pick === 2 || pick === 3) && !r.body.equals(tiles[version].subarray(start, start + 1000))) {
            problems.push(`range ${start} of ${version} from ${dist}: wrong bytes`);
          }
        }
        agent.destroy();
      };

      const switcher = async () => {
        let current = { gen: 2, distribution: "dst_B" };
        for (let k = 1; k <= SWITCHES; k++) {
          // spread the switches evenly over the run
          while (completed < (k * total) / (SWITCHES + 2)) await new Promise((r) => setTimeout(r, 1));
          const next = {
            gen: current.gen + 1,
            distribution: current.distribution === "dst_A" ? "dst_B" : "dst_A",
          };
          await putGeneration(store, "production", next.gen, next.distribution, current);
          current = next;
        }
        return current;
      };

      try {
        const [final] = await Promise.all([
          switcher(),
          ...Array.from({ length: CLIENTS }, (_, c) => client(c)),
        ]);
        assert.deepEqual(problems.slice(0, 10), []);
        assert.equal(completed, total);
        assert.ok(seenGens.size > SWITCHES / 2, `only ${seenGens.size} generations were observed under load`);
        const after = await request(e.port, { host: DOMAIN, path: "/" });
        assert.equal(after.headers["x-cejst-distribution"], final?.distribution);
        assert.equal(after.headers["x-cejst-generation"], String(final?.gen));
      } finally {
        await e.close();
        await dispose();
      }
    });
  });
}
