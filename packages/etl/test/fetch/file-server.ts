/**
 * A small HTTP server for download tests: serves in-memory files, honours `Range`, records
 * every request, and can be told to fail the next requests for a path (a status code, a
 * body cut off after some bytes, or one that stops sending).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Fault = { status: number } | { cutAfter: number } | { stallAfter: number };

export interface RecordedRequest {
  path: string;
  range: string | undefined;
}

export interface FileServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  origin: string;
  files: Map<string, Uint8Array>;
  faults: Map<string, Fault[]>;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFileServer(options: { ignoreRange?: boolean } = {}): Promise<FileServer> {
  const files = new Map<string, Uint8Array>();
  const faults = new Map<string, Fault[]>();
  const requests: RecordedRequest[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const range = req.headers.range;
    requests.push({ path, range });
    const fault = faults.get(path)?.shift();
    const body = files.get(path);
    if (fault !== undefined && "status" in fault) {
      res.writeHead(fault.status).end("failing on purpose");
      return;
    }
    if (body === undefined) {
      res.writeHead(404).end("not found");
      return;
    }
    let start = 0;
    const m = /^bytes=(\d+)-$/.exec(range ?? "");
    if (m && !options.ignoreRange) {
      start = Number(m[1]);
      if (start >= body.length) {
        res.writeHead(416, { "content-range": `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, {
        "content-range": `bytes ${start}-${body.length - 1}/${body.length}`,
        "content-length": body.length - start,
      });
    } else res.writeHead(200, { "content-length": body.length });
    const rest = body.subarray(start);
    if (fault !== undefined && "cutAfter" in fault) {
      res.write(rest.subarray(0, fault.cutAfter), () => res.destroy());
      return;
    }
    if (fault !== undefined && "stallAfter" in fault) {
      res.write(rest.subarray(0, fault.stallAfter)); // and then nothing, until closed
      return;
    }
    res.end(rest);
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    files,
    faults,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
