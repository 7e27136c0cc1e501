/**
 * A publisher process for the SIGKILL tests: `tsx publish-child.ts <storeRoot> <version> <buildDir>`.
 * It publishes slowly (one upload at a time) so that a kill lands mid-way.
 */
import { FsStore } from "../src/fs-store.ts";
import { publish } from "../src/publish.ts";

const [root, version, buildDir] = process.argv.slice(2);
if (!root || !version || !buildDir)
  throw new Error("usage: publish-child.ts <storeRoot> <version> <buildDir>");
await publish(new FsStore(root), { version, buildDir, resume: true, concurrency: 1 });
