import assert from "node:assert/strict";
import { test } from "node:test";
import { feedbackHref } from "./feedback.ts";

test("the feedback URL fills in the tract id and language, URL-encoded", () => {
  assert.equal(
    feedbackHref("https://f.example/form?tract={geoid}&lang={lang}", "01073001100", "es"),
    "https://f.example/form?tract=01073001100&lang=es",
  );
  // Placeholders in a path segment and repeated ones are all filled, and encoded.
  assert.equal(feedbackHref("/fb/{geoid}/{geoid}?l={lang}", "a b&c", "en"), "/fb/a%20b%26c/a%20b%26c?l=en");
});
