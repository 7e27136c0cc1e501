import assert from "node:assert/strict";
import { test } from "node:test";
import { freezeLabel, makeBuild } from "../test/builds.ts";
import { FailingStore } from "../test/mocks/failing-store.ts";
import { abandon } from "./abandon.ts";
import { MemoryStore } from "./memory-store.ts";
import { publish } from "./publish.ts";
import { verifyVersion } from "./verify.ts";

const actor = { name: "Op" };

test("abandon tombstones a claimed, uncommitted id; publish then refuses it and readers treat it as absent", async () => {
  const store = new MemoryStore();
  const build = await makeBuild("2.0", await freezeLabel(store, "2.0"));
  await assert.rejects(publish(new FailingStore(store, 3), { version: "2.0-rc.1", buildDir: build.dir }));
  const tomb = await abandon(store, { version: "2.0-rc.1", reason: "bad inputs", actor });
  assert.equal(tomb.schema, "cejst.tombstone/1");
  await assert.rejects(publish(store, { version: "2.0-rc.1", buildDir: build.dir, resume: true }), {
    code: "RELEASE_EXISTS",
    message: /abandoned/,
  });
  await assert.rejects(verifyVersion(store, "2.0-rc.1"), /not committed/);
});

test("abandon refuses a committed id, an unclaimed id, and a second abandon", async () => {
  const store = new MemoryStore();
  const build = await makeBuild("2.0", await freezeLabel(store, "2.0"));
  await publish(store, { version: "2.0-rc.1", buildDir: build.dir });
  await assert.rejects(abandon(store, { version: "2.0-rc.1", reason: "x", actor }), /reject it instead/);
  await assert.rejects(abandon(store, { version: "2.0-rc.9", reason: "x", actor }), /never claimed/);
  await assert.rejects(publish(new FailingStore(store, 1), { version: "2.0-rc.2", buildDir: build.dir }));
  await abandon(store, { version: "2.0-rc.2", reason: "x", actor });
  await assert.rejects(abandon(store, { version: "2.0-rc.2", reason: "x", actor }), /already abandoned/);
});
