/** Loopback HTTP helpers: requests with an arbitrary Host header, and raw socket writes. */
import { type Agent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export function request(
  port: number,
  opts: { host: string; path: string; method?: string; headers?: Record<string, string>; agent?: Agent },
): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: opts.method ?? "GET",
        path: opts.path,
        headers: { host: opts.host, ...opts.headers },
        agent: opts.agent ?? false,
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (c: Buffer) => parts.push(c));
        res.on("end", () =>
          ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }),
        );
        res.on("error", fail);
      },
    );
    req.on("error", fail);
    req.end();
  });
}

/** Writes raw bytes to the server and returns everything it sends back before closing. */
export function raw(port: number, text: string | Buffer, opts: { timeoutMs?: number } = {}): Promise<string> {
  return new Promise((ok, fail) => {
    const socket = connect(port, "127.0.0.1");
    const parts: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      fail(new Error("raw request: no close within the time limit"));
    }, opts.timeoutMs ?? 5000);
    socket.on("data", (c: Buffer) => parts.push(c));
    socket.on("close", () => {
      clearTimeout(timer);
      ok(Buffer.concat(parts).toString("latin1"));
    });
    socket.on("error", () => undefined);
    socket.write(text);
  });
}
