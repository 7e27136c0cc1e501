/**
 * The `node:http` adapter: socket limits, one call to the handler, one write, one access
 * log line. Everything about HTTP semantics lives in the handler and the pure core.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Store } from "@cejst/release";
import type { EdgeRequest } from "../core/resolve.ts";
import type { EdgeDomains } from "../core/types.ts";
import { accessEntry, clientErrorResponse } from "../serve/access-log.ts";
import { EdgeHandler, type HandlerOptions } from "../serve/handle.ts";
import { type EdgeLogger, type KeeperOptions, StateKeeper } from "../state/state-keeper.ts";

/** Options of {@link createEdgeServer}. */
export interface EdgeServerOptions extends HandlerOptions, KeeperOptions {
  store: Store;
  domains: EdgeDomains;
  /** Receives state events, errors and (with `accessLog`) one entry per request. @defaultValue discards them */
  logger?: EdgeLogger;
  /**
   * Send one access entry per request to `logger`. Off, a request costs no timing, no entry
   * object and no `close` listener. @defaultValue true
   */
  accessLog?: boolean;
  /** Largest request head; bigger ones get 431. @defaultValue 16384 */
  maxHeaderBytes?: number;
  /** Time allowed to send the request head; slower clients get 408. @defaultValue 10000 */
  headersTimeoutMs?: number;
  /** Time allowed for a whole request. @defaultValue 30000 */
  requestTimeoutMs?: number;
  /** Idle keep-alive time. @defaultValue 5000 */
  keepAliveTimeoutMs?: number;
  /** A socket with no traffic for this long (e.g. a client that stopped reading) is closed. @defaultValue 60000 */
  idleTimeoutMs?: number;
}

/** A running (or ready to run) edge. */
export interface EdgeServer {
  server: Server;
  keeper: StateKeeper;
  /** Loads state, then listens. Resolves with the bound port. */
  listen(port: number, host?: string): Promise<number>;
  /** Re-reads distributions and channels now (what `POST /_cejst/refresh` does). */
  refresh(): Promise<void>;
  /** Stops accepting, lets in-flight requests finish, then drops what is left after `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

/** Builds the edge HTTP server over a store. Call `listen` to start it. */
export function createEdgeServer(opts: EdgeServerOptions): EdgeServer {
  const log = opts.logger ?? (() => undefined);
  const logging = opts.logger !== undefined && opts.accessLog !== false;
  const keeper = new StateKeeper(opts.store, opts.domains, log, opts);
  const handler = new EdgeHandler(opts.store, keeper, opts.domains, log, opts);
  const headersTimeout = opts.headersTimeoutMs ?? 10_000;
  const server = createServer({
    maxHeaderSize: opts.maxHeaderBytes ?? 16_384,
    headersTimeout,
    requestTimeout: Math.max(opts.requestTimeoutMs ?? 30_000, headersTimeout),
    keepAliveTimeout: opts.keepAliveTimeoutMs ?? 5_000,
    // Node checks the two timeouts above only this often (default 30 s).
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4))),
  });
  // with no "timeout" listener, Node destroys a socket idle for this long
  server.setTimeout(opts.idleTimeoutMs ?? 60_000);
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    req.resume();
    const edgeReq: EdgeRequest = {
      method: req.method ?? "GET",
      host: req.headers.host,
      target: req.url ?? "/",
      headers: flatten(req.headers),
    };
    handler.handle(edgeReq).then(
      (r) => {
        res.writeHead(r.status, r.headers);
        if (r.stream === undefined) res.end(r.body);
        else
          pipeline(Readable.from(r.stream()), res).catch((e: unknown) => {
            // headers are out: all that is left is to cut the connection short
            if (!res.destroyed) log({ type: "error", msg: String(e), path: edgeReq.target.split("?")[0] });
            res.destroy();
          });
        if (logging) {
          res.once("close", () => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            log(accessEntry(edgeReq, r, ms, res.writableFinished));
          });
        }
      },
      (e: unknown) => {
        log({ type: "error", msg: String(e) });
        res.destroy();
      },
    );
  });
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || err.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    const answer = clientErrorResponse(err.code);
    log({ type: "client-error", code: err.code, status: answer.status });
    socket.end(answer.text);
  });

  return {
    server,
    keeper,
    async listen(port, host = "127.0.0.1") {
      await keeper.start();
      await new Promise<void>((ok, fail) => {
        server.once("error", fail);
        server.listen(port, host, () => {
          server.off("error", fail);
          ok();
        });
      });
      return (server.address() as AddressInfo).port;
    },
    refresh: () => keeper.refresh(),
    async close(graceMs = 5_000) {
      keeper.stop();
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      timer.unref();
      await closed;
      clearTimeout(timer);
      handler.close();
    },
  };
}

function flatten(h: IncomingMessage["headers"]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(h)) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}
