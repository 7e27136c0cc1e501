/**
 * The edge over a real S3-compatible server: a one-node Ceph RGW on loopback, started by
 * scripts/start-s3.sh through the release package's test helper (it fails, never skips,
 * when Ceph is not installed; `scripts/setup-system.sh` installs it). Runs the same HTTP
 * suite, the tile trees and a smaller load test as the fs and memory stores.
 */
import { after, before } from "node:test";
import { type Rgw, startRgw } from "../../../packages/release/test/integration/rgw.ts";
import { edgeSuite } from "./edge-suite.ts";
import type { StoreKind } from "./helpers/edge.ts";
import { loadSuite } from "./load-suite.ts";
import { tileSuite } from "./tile-suite.ts";

let rgw: Rgw | undefined;
before(async () => {
  rgw = await startRgw();
});
after(async () => {
  await rgw?.stop();
});

const s3: StoreKind = {
  name: "s3",
  async open() {
    if (rgw === undefined) throw new Error("RGW did not start");
    return { store: await rgw.newStore(), dispose: async () => undefined };
  },
};

edgeSuite(s3);
tileSuite(s3);
loadSuite(s3, { clients: 16, perClient: 160 });
