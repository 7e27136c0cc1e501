import assert from "node:assert/strict";
import { test } from "node:test";
import { formatFixed10, formatPythonFloat } from "./float-format.ts";

test("formatPythonFloat writes floats as pandas to_csv does", () => {
  const cases: [number | null, string][] = [
    [4781, "4781.0"],
    [0.2752043596730245, "0.2752043596730245"],
    [5.6328e-5, "5.6328e-05"],
    [2.8039e-6, "2.8039e-06"],
    [0.0001, "0.0001"],
    [1e16, "1e+16"],
    [123456789012345.6, "123456789012345.6"],
    [-0.5, "-0.5"],
    [0, "0.0"],
    [null, ""],
    [Number.NaN, ""],
  ];
  for (const [x, want] of cases) assert.equal(formatPythonFloat(x), want, `x=${x}`);
});

test("formatFixed10 rounds exact binary ties half to even, like C printf", () => {
  // 1/2048 = 0.00048828125 exactly: a tie at the 10th decimal; 2 is even so it rounds down.
  assert.equal(formatFixed10(1 / 2048), "0.0004882812");
  // 3/2048 = 0.00146484375: tie, last kept digit 7 is odd -> rounds up to 8.
  assert.equal(formatFixed10(3 / 2048), "0.0014648438");
  assert.equal(formatFixed10(0.1), "0.1000000000");
  assert.equal(formatFixed10(18.7674524286), "18.7674524286");
  assert.equal(formatFixed10(null), "");
});

test("formatPythonFloat's fast range agrees with the digit-by-digit rule", () => {
  // Reference: shortest round-trip digits placed by their decimal exponent, as repr does.
  const reference = (x: number) => {
    const [m = "", e = "0"] = Math.abs(x).toExponential().split("e");
    const exp = Number(e);
    const digits = m.replace(".", "");
    const sign = x < 0 ? "-" : "";
    if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
    const int = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
    const frac = digits.slice(exp + 1);
    return `${sign}${int}.${frac === "" ? "0" : frac}`;
  };
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < 20_000; i++) {
    const x = (next() < 0.5 ? -1 : 1) * 10 ** (-4 + next() * 20) * (1 + next());
    if (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e16) continue;
    assert.equal(formatPythonFloat(x), reference(x), String(x));
  }
  for (const x of [1e-4, 0.001, 1, 10, 1e15, 9999999999999998, 123.0, 0.5])
    assert.equal(formatPythonFloat(x), reference(x), String(x));
});
