/**
 * `@cejst/edge`: the HTTP server that stands in for the CDN and DNS in front of the store
 * (rollout.md §1.11). A pure core routes (host, path) to an object of one distribution; a
 * `node:http` adapter serves it.
 */

/** Starts the loopback-only admin listener (`GET /_cejst/state`, `POST /_cejst/refresh`). */
export { type AdminServer, startAdminServer } from "./adapters/admin.ts";
/** Builds the edge server over a store: `createEdgeServer({ store, domains, logger })`. */
export { createEdgeServer, type EdgeServer, type EdgeServerOptions } from "./adapters/node-http.ts";
/** Parses a single `Range` header against a size. */
export { parseRange, type RangeDecision } from "./core/range.ts";
/** Pure routing of one request against one state snapshot. */
export {
  type Body,
  type CachePolicy,
  type EdgeRequest,
  type Outcome,
  resolve,
  type Scope,
} from "./core/resolve.ts";
/** The snapshot types `resolve` reads, and the host configuration. */
export type {
  ChannelPointer,
  DistributionInfo,
  EdgeDomains,
  EdgeState,
  FileEntry,
  StagingAuth,
  VersionInfo,
} from "./core/types.ts";
/** The framework-independent request handler the adapters call. */
export { EdgeHandler, type EdgeResponse, type HandlerOptions } from "./serve/handle.ts";
/** Holds and advances the release-state snapshot; the structured logger type. */
export { type EdgeLogEntry, type EdgeLogger, type KeeperOptions, StateKeeper } from "./state/state-keeper.ts";
