/** The structured access-log entry and the raw answers to malformed connections. */
import type { EdgeRequest } from "../core/resolve.ts";
import type { EdgeLogEntry } from "../state/state-keeper.ts";
import type { EdgeResponse } from "./handle.ts";

/** One access-log line. Query strings are dropped: staging tokens travel in them. */
export function accessEntry(req: EdgeRequest, r: EdgeResponse, ms: number, completed: boolean): EdgeLogEntry {
  const scope = r.scope;
  const streamed = r.stream !== undefined && completed ? Number(r.headers["content-length"]) : 0;
  return {
    type: "access",
    time: new Date().toISOString(),
    method: req.method,
    // staging labels are secrets; the distribution id identifies the host instead
    host: scope.kind === "staging" ? "<staging>" : (req.host ?? ""),
    path: req.target.split("?")[0]?.slice(0, 512),
    status: r.status,
    bytes: r.body?.byteLength ?? streamed,
    range: req.headers.range,
    ms,
    distribution: "distribution" in scope ? scope.distribution : undefined,
    gen: scope.kind === "channel" ? scope.gen : undefined,
    completed,
  };
}

/**
 * The raw HTTP/1.1 answer to a request the parser refused: 431 for an oversized head, 408
 * for a head that took too long, 400 otherwise.
 */
export function clientErrorResponse(code: string | undefined): { status: number; text: string } {
  const line =
    code === "HPE_HEADER_OVERFLOW"
      ? "431 Request Header Fields Too Large"
      : code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? "408 Request Timeout"
        : "400 Bad Request";
  return {
    status: Number(line.slice(0, 3)),
    text: `HTTP/1.1 ${line}\r\nConnection: close\r\nContent-Length: 0\r\nX-Content-Type-Options: nosniff\r\n\r\n`,
  };
}
