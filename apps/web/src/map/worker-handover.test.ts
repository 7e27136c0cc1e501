import assert from "node:assert/strict";
import { test } from "node:test";
import { handOverWorker } from "./worker-handover.ts";

/** A stand-in for the browser's Worker: records what was started and terminated. */
class FakeWorker {
  static started: string[] = [];
  terminated = false;
  readonly url: string;
  constructor(url: string | URL) {
    this.url = String(url);
    FakeWorker.started.push(this.url);
  }
  terminate() {
    this.terminated = true;
  }
}

function withFakeWorker(f: () => void): void {
  const g = globalThis as { Worker?: unknown };
  const before = g.Worker;
  g.Worker = FakeWorker;
  FakeWorker.started = [];
  try {
    f();
  } finally {
    g.Worker = before;
  }
}

test("the early worker is the first one created for its URL, later ones are new", () => {
  withFakeWorker(() => {
    const early = new FakeWorker("w.mjs") as unknown as Worker;
    const made: Worker[] = [];
    handOverWorker(early, "w.mjs", () => {
      made.push(new Worker("w.mjs", { type: "module" }), new Worker("w.mjs", { type: "module" }));
    });
    assert.equal(made[0], early);
    assert.notEqual(made[1], early);
    assert.deepEqual(FakeWorker.started, ["w.mjs", "w.mjs"], "one early, one made by the second call");
    assert.equal((early as unknown as FakeWorker).terminated, false);
    assert.equal(globalThis.Worker, FakeWorker, "the constructor is restored after the call");
  });
});

test("a worker for another URL is not handed the early one, which is then terminated", () => {
  withFakeWorker(() => {
    const early = new FakeWorker("w.mjs") as unknown as Worker;
    let other: Worker | undefined;
    handOverWorker(early, "w.mjs", () => {
      other = new Worker("other.mjs");
    });
    assert.notEqual(other, early);
    assert.equal((early as unknown as FakeWorker).terminated, true);
  });
});

test("the constructor is restored when create throws", () => {
  withFakeWorker(() => {
    const early = new FakeWorker("w.mjs") as unknown as Worker;
    assert.throws(
      () =>
        handOverWorker(early, "w.mjs", () => {
          throw new Error("boom");
        }),
      /boom/,
    );
    assert.equal(globalThis.Worker, FakeWorker);
  });
});
