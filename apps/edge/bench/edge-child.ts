/**
 * The edge over a directory store in its own process, so the load generator does not
 * share its event loop. Prints `{"port":N}` on stdout once listening; stops on SIGTERM.
 *
 * Usage: node --import tsx apps/edge/bench/edge-child.ts <store dir> <domain> <data host> [--log]
 */
import { FsStore } from "@cejst/release";
import { createEdgeServer } from "../src/index.ts";

const [root, domain, dataHost, logFlag] = process.argv.slice(2);
if (root === undefined || domain === undefined || dataHost === undefined) {
  throw new Error(
    `edge-child needs <store dir> <domain> <data host> (got ${process.argv.slice(2).join(" ")})`,
  );
}
const edge = createEdgeServer({
  store: new FsStore(root),
  domains: { channels: { production: [domain] }, stagingBase: `staging.${domain}`, dataHost },
  // the CLI's access log, written as it writes it, when asked for
  ...(logFlag === "--log" ? { logger: (e) => process.stderr.write(`${JSON.stringify(e)}\n`) } : {}),
});
const port = await edge.listen(0, "127.0.0.1");
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.once("SIGTERM", () => {
  edge.close(1000).then(() => process.exit(0));
});
