import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalJson } from "./canonical-json.ts";

test("keys are sorted by UTF-16 code units, recursively, with no whitespace", () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }),
    '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
  );
  // RFC 8785 §3.2.3 example: "\u20ac" (€) sorts after "\r" and "1", and U+1F600 (surrogates D83D…) before U+FB33.
  const obj = {
    "\u20ac": "Euro Sign",
    "\r": "Carriage Return",
    "\ufb33": "Hebrew Letter Dalet With Dagesh",
    "1": "One",
    "\u{1f600}": "Emoji: Grinning Face",
    "\u0080": "Control",
    "\u00f6": "Latin Small Letter O With Diaeresis",
  };
  // Read the order from the text: JSON.parse would put the integer-like key "1" first.
  const text = canonicalJson(obj);
  const order = ["\\r", "1", "\u0080", "\u00f6", "\u20ac", "\u{1f600}", "\ufb33"].map((k) =>
    text.indexOf(`"${k}":`),
  );
  assert.ok(
    order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!)),
    `order in ${text}`,
  );
});

test("numbers use the ECMAScript shortest form (RFC 8785 §3.2.2.3)", () => {
  assert.equal(
    canonicalJson([1e21, 1e-7, 0.000001, -0, 4.5, Number.parseFloat("333333333.33333329"), 1e23]),
    "[1e+21,1e-7,0.000001,0,4.5,333333333.3333333,1e+23]",
  );
});

test("strings escape only what JSON requires", () => {
  assert.equal(canonicalJson('\u20ac$\u000f\nA\'B"\\\\"/'), '"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"');
});

test("non-finite numbers and undefined values are refused with their location", () => {
  assert.throws(() => canonicalJson({ a: [1, Number.NaN] }), /\$\.a\[1\] is not finite/);
  assert.throws(() => canonicalJson({ a: undefined }), /\$\.a is undefined/);
});
