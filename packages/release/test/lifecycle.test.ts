import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { FsStore } from "../src/fs-store.ts";
import { MemoryStore } from "../src/memory-store.ts";
import { lifecycleContract } from "./lifecycle-contract.ts";

const roots: string[] = [];
after(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

lifecycleContract("memory", async () => new MemoryStore());
lifecycleContract("fs", async () => {
  const root = await mkdtemp(join(tmpdir(), "cejst-lifecycle-"));
  roots.push(root);
  return new FsStore(root);
});
