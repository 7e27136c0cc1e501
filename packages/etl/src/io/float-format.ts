/**
 * Number formatting that reproduces the original's files byte for byte.
 */

/**
 * Formats a float as Python's `repr` does, which is how pandas `to_csv` writes float64
 * columns: shortest round-trip digits, always a decimal point (`4781.0`), scientific
 * notation below 1e-4 and from 1e16 (`5.6328e-05`). `null`/NaN becomes the empty string.
 *
 * @example formatPythonFloat(4781) //= "4781.0"
 * @example formatPythonFloat(5.6328e-5) //= "5.6328e-05"
 */
export function formatPythonFloat(x: number | null): string {
  if (x === null || Number.isNaN(x)) return "";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === Number.NEGATIVE_INFINITY) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(x);
  // Fast path, taken by nearly every cell of a score table: in this range JavaScript and
  // Python both print plain decimal digits, and only the missing ".0" differs.
  if (abs >= 1e-4 && abs < 1e16) {
    // A non-integer in this range always prints with a point, an integer never does.
    return Number.isInteger(x) ? `${x}.0` : String(x);
  }
  const sign = x < 0 ? "-" : "";
  // JavaScript's shortest round-trip digits are the same digits Python's repr picks.
  const [mantissa = "", expText = "0"] = abs.toExponential().split("e");
  const exp = Number(expText);
  const digits = mantissa.replace(".", "");
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac === "" ? "0" : frac}`;
}

/**
 * Formats as C's `%.10f`: the exact binary value rounded half to even. `toFixed` rounds
 * exact ties up instead; a tie at 10 decimals happens exactly when `x * 2048` is an odd
 * integer, so only those values are corrected.
 */
export function formatFixed10(x: number | null): string {
  if (x === null || Number.isNaN(x)) return "";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const abs = Math.abs(x);
  let text = abs < 1e21 ? abs.toFixed(10) : `${BigInt(abs)}.0000000000`;
  const scaled = abs * 2048;
  if (Number.isInteger(scaled) && scaled % 2 === 1) {
    const lastDigit = Number(text[text.length - 1]);
    if (lastDigit % 2 === 1) {
      const units = BigInt(text.replace(".", "")) - 1n;
      const s = units.toString().padStart(11, "0");
      text = `${s.slice(0, -10)}.${s.slice(-10)}`;
    }
  }
  // C keeps the sign of negative values that round to zero ("-0.0000000000").
  return x < 0 || Object.is(x, -0) ? `-${text}` : text;
}
