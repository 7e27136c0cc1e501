import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, parseConfig } from "./config.ts";

const good = {
  schemaVersion: 1,
  site: { environment: "production" },
  data: {
    baseUrl: "data-versions/",
    defaultVersion: "2.0",
    versions: [
      { id: "2.0", status: "current" },
      { id: "1.0", status: "previous", path: "v1" },
    ],
  },
  unknownField: true,
};

test("a valid config parses; path defaults to <id>/ and gains a trailing slash", () => {
  const c = parseConfig(good);
  assert.equal(c.defaultVersion, "2.0");
  assert.deepEqual(
    c.versions.map((v) => v.path),
    ["2.0/", "v1/"],
  );
});

const failing = (mutate: (c: typeof good) => unknown) => {
  try {
    parseConfig(mutate(structuredClone(good)));
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    return e.field;
  }
  assert.fail("expected a ConfigError");
};

test("the first failing field is named", () => {
  assert.equal(
    failing((c) => ({ ...c, data: { ...c.data, defaultVersion: undefined } })),
    "data.defaultVersion",
  );
  assert.equal(
    failing((c) => ({ ...c, data: { ...c.data, defaultVersion: "9.9" } })),
    "data.defaultVersion",
  );
  assert.equal(
    failing((c) => ({ ...c, schemaVersion: 2 })),
    "schemaVersion",
  );
  assert.equal(
    failing((c) => ({ ...c, site: {} })),
    "site.environment",
  );
  assert.equal(
    failing((c) => ({ ...c, data: { ...c.data, versions: [{ id: "2.0", status: "live" }] } })),
    "data.versions[0].status",
  );
  assert.equal(
    failing(() => "not an object"),
    "(root)",
  );
});

test("feedback: absent or null hides it; a tractUrl template with {geoid} is kept", () => {
  assert.equal(parseConfig(good).feedback, undefined);
  assert.equal(parseConfig({ ...good, feedback: null }).feedback, undefined);
  const tpl = "https://forms.example.org/tract?id={geoid}&lang={lang}";
  assert.deepEqual(parseConfig({ ...good, feedback: { tractUrl: tpl } }).feedback, { tractUrl: tpl });
  assert.deepEqual(parseConfig({ ...good, feedback: { tractUrl: "/feedback/{geoid}" } }).feedback, {
    tractUrl: "/feedback/{geoid}",
  });
});

test("feedback: a wrong shape, a template without {geoid} or a non-http scheme names feedback.tractUrl", () => {
  assert.equal(
    failing((c) => ({ ...c, feedback: "https://x.example/{geoid}" })),
    "feedback",
  );
  for (const tractUrl of [
    undefined,
    42,
    "https://forms.example.org/",
    "javascript:alert('{geoid}')",
    "data:text/html,{geoid}",
  ])
    assert.equal(
      failing((c) => ({ ...c, feedback: { tractUrl } })),
      "feedback.tractUrl",
      String(tractUrl),
    );
});
