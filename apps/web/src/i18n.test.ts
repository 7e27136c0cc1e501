import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { CATALOGUES, preferredLanguage, t } from "./i18n.ts";

// Values that are the same word in both languages (reviewed).
const SAME_IN_BOTH = new Set(["no", "checksum", "areaAK", "areaPR", "areaGU"]);

test("en and es catalogues have the same keys", () => {
  assert.deepEqual(Object.keys(CATALOGUES.es).sort(), Object.keys(CATALOGUES.en).sort());
});

test("no Spanish value equals its English value unless allowlisted", () => {
  const same = Object.keys(CATALOGUES.en).filter(
    (k) => CATALOGUES.en[k as keyof typeof CATALOGUES.en] === CATALOGUES.es[k as keyof typeof CATALOGUES.es],
  );
  assert.deepEqual(
    same.filter((k) => !SAME_IN_BOTH.has(k)),
    [],
  );
});

test("every key is used by the app's sources", () => {
  const dir = import.meta.dirname;
  const sources = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "i18n.ts")
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("\n");
  const unused = Object.keys(CATALOGUES.en).filter((k) => !sources.includes(`"${k}"`));
  assert.deepEqual(unused, []);
});

test("placeholders are filled and Spanish percentiles have no English suffix", () => {
  assert.equal(t("en", "percentileOf", { p: 95 }), "95th percentile");
  assert.equal(t("es", "percentileOf", { p: 95 }), "percentil 95");
});

test("preferred language: stored choice, then browser languages, then English", () => {
  assert.equal(preferredLanguage("es", ["en-US"]), "es");
  assert.equal(preferredLanguage(null, ["fr", "es-ES", "en"]), "es");
  assert.equal(preferredLanguage(null, ["fr"]), "en");
});
