/**
 * The admin listener (rollout.md §1.11): `GET /_cejst/state` and `POST /_cejst/refresh`.
 * It binds to loopback only; commands call it after a commit so the edge need not wait
 * for its next poll.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { EdgeServer } from "./node-http.ts";

/** A running admin listener. */
export interface AdminServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

function stateBody(edge: EdgeServer): string {
  const state = edge.keeper.state;
  const channels: Record<string, { gen: number; distribution: string }> = {};
  for (const [name, p] of state.channels) channels[name] = { gen: p.gen, distribution: p.distribution };
  return `${JSON.stringify({ channels, refreshedAt: new Date(state.refreshedAt).toISOString() })}\n`;
}

/** Starts the admin listener for `edge` on 127.0.0.1 (port 0 picks a free one). */
export async function startAdminServer(edge: EdgeServer, port = 0): Promise<AdminServer> {
  const server = createServer((req, res) => {
    req.resume();
    const send = (status: number, body: string) => {
      res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(body);
    };
    if (req.url === "/_cejst/state" && req.method === "GET") return send(200, stateBody(edge));
    if (req.url === "/_cejst/refresh" && req.method === "POST") {
      edge.refresh().then(
        () => send(200, stateBody(edge)),
        (e: unknown) => send(500, `${JSON.stringify({ error: String(e) })}\n`),
      );
      return;
    }
    send(404, '{"error":"not found"}\n');
  });
  await new Promise<void>((ok) => server.listen(port, "127.0.0.1", ok));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
