import { createHash } from "node:crypto";
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** One request through the edge: the host it is for and the path, sent with that `Host`. */
export interface EdgeRequestSpec {
  host: string;
  path: string;
  method?: "GET" | "HEAD";
  headers?: Record<string, string>;
}

/**
 * What came back. The body is hashed as it streams; it is kept only when small, because
 * verification compares digests, not bytes.
 */
export interface EdgeReply {
  status: number;
  /** Lowercase header names. */
  headers: Record<string, string>;
  bytes: number;
  /** Bare hex sha256 of the body as received. */
  sha256: string;
  /** The body, when it is at most `keepBelow` bytes (default 64 KiB). */
  body?: Uint8Array;
}

/**
 * The port `verify` uses to reach an edge. The default is {@link httpEdgeFetch}; tests pass
 * a double that serves from a store.
 */
export type EdgeFetch = (req: EdgeRequestSpec) => Promise<EdgeReply>;

const KEEP_BELOW = 64 * 1024;
const RETRYABLE = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "ECONNABORTED"]);

/**
 * An `EdgeFetch` over HTTP(S) to `base` (e.g. `http://127.0.0.1:8080`), sending the
 * request's host as the `Host` header, so no DNS is needed. Always sends
 * `Accept-Encoding: identity`. Connection errors are retried (at most `retries` times);
 * a response, whatever its status or bytes, never is.
 */
export function httpEdgeFetch(
  base: string,
  opts: { retries?: number; timeoutMs?: number } = {},
): EdgeFetch & { close(): void } {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new Error(`edge address is not a URL (got ${base})`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Error(`edge address must be http:// or https:// (got ${base})`);
  const secure = url.protocol === "https:";
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const retries = opts.retries ?? 3;
  const once = (req: EdgeRequestSpec) =>
    new Promise<EdgeReply>((ok, fail) => {
      const send = secure ? httpsRequest : httpRequest;
      const r = send(
        {
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port,
          method: req.method ?? "GET",
          path: req.path,
          agent,
          ...(secure ? { servername: req.host } : {}),
          headers: { "accept-encoding": "identity", ...req.headers, host: req.host },
          timeout: opts.timeoutMs ?? 60_000,
        },
        (res: IncomingMessage) => {
          const hash = createHash("sha256");
          const kept: Buffer[] = [];
          let bytes = 0;
          res.on("data", (chunk: Buffer) => {
            hash.update(chunk);
            bytes += chunk.byteLength;
            if (bytes <= KEEP_BELOW) kept.push(chunk);
          });
          res.on("error", fail);
          res.on("end", () => {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) {
              if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
            }
            const reply: EdgeReply = {
              status: res.statusCode ?? 0,
              headers,
              bytes,
              sha256: hash.digest("hex"),
            };
            if (bytes <= KEEP_BELOW) reply.body = new Uint8Array(Buffer.concat(kept));
            ok(reply);
          });
        },
      );
      r.on("timeout", () => r.destroy(Object.assign(new Error("request timed out"), { code: "ETIMEDOUT" })));
      r.on("error", fail);
      r.end();
    });
  const fetch: EdgeFetch = async (req) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await once(req);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? "";
        if (attempt >= retries || !RETRYABLE.has(code)) {
          throw new Error(`edge ${base} did not answer ${req.host}${req.path} (got ${(e as Error).message})`);
        }
        await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  };
  // Keep-alive sockets would otherwise hold the process open until the server drops them.
  return Object.assign(fetch, { close: () => agent.destroy() });
}
