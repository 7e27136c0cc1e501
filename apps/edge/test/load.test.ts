/**
 * G5 under load: keep-alive clients request pages, config.json, hashed assets and ranges
 * of both versions' tiles on the production domain while the channel pointer is switched
 * 100 times. Every response must come whole from the distribution its header names.
 * Bounded: a fixed number of requests per client and a fixed number of switches.
 */
import { STORE_KINDS } from "./helpers/edge.ts";
import { loadSuite } from "./load-suite.ts";

// The fs run meets rollout.md G5's 10,000 requests; the memory run is a quicker repeat.
const SIZES: Record<string, { clients: number; perClient: number }> = {
  fs: { clients: 32, perClient: 320 },
  memory: { clients: 16, perClient: 160 },
};
for (const kind of STORE_KINDS) loadSuite(kind, SIZES[kind.name] ?? { clients: 16, perClient: 160 });
