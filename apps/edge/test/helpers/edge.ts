/** Starts an edge on 127.0.0.1:0 over a store and records its log. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsStore, MemoryStore, type Store } from "@cejst/release";
import {
  createEdgeServer,
  type EdgeLogEntry,
  type EdgeServer,
  type EdgeServerOptions,
} from "../../src/index.ts";
import { DOMAINS } from "./fixture.ts";

export interface RunningEdge {
  edge: EdgeServer;
  port: number;
  logs: EdgeLogEntry[];
  close(): Promise<void>;
}

export async function startEdge(store: Store, opts: Partial<EdgeServerOptions> = {}): Promise<RunningEdge> {
  const logs: EdgeLogEntry[] = [];
  const edge = createEdgeServer({ store, domains: DOMAINS, logger: (e) => logs.push(e), listMs: 0, ...opts });
  const port = await edge.listen(0);
  return { edge, port, logs, close: () => edge.close(1000) };
}

/** The stores every integration test runs against. */
export interface StoreKind {
  name: string;
  open(): Promise<{ store: Store; dispose(): Promise<void> }>;
}

export const STORE_KINDS: StoreKind[] = [
  {
    name: "fs",
    async open() {
      const root = await mkdtemp(join(tmpdir(), "cejst-edge-"));
      return { store: new FsStore(root), dispose: () => rm(root, { recursive: true, force: true }) };
    },
  },
  {
    name: "memory",
    async open() {
      return { store: new MemoryStore(), dispose: async () => undefined };
    },
  },
];
