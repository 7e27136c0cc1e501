import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { publishContract } from "../test/publish-contract.ts";
import { FsStore } from "./fs-store.ts";
import { MemoryStore } from "./memory-store.ts";

const roots: string[] = [];
after(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

publishContract("memory", async () => new MemoryStore());
publishContract("fs", async () => {
  const root = await mkdtemp(join(tmpdir(), "cejst-publish-"));
  roots.push(root);
  return new FsStore(root);
});
