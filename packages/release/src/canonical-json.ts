/**
 * RFC 8785 (JSON Canonicalization Scheme): object keys sorted by UTF-16 code units, no
 * whitespace, numbers and strings serialised as ECMAScript's `JSON.stringify` does (which
 * is what the RFC specifies). Every digest of a JSON object is taken over this form.
 */
export function canonicalJson(value: unknown): string {
  return write(value, "$");
}

function write(value: unknown, where: string): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value))
        throw new Error(`canonical JSON value at ${where} is not finite (got ${value})`);
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v, i) => write(v, `${where}[${i}]`)).join(",")}]`;
      const entries = Object.entries(value as Record<string, unknown>);
      // Default sort compares UTF-16 code units, which is exactly what RFC 8785 asks for.
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const parts: string[] = [];
      for (const [k, v] of entries) {
        if (v === undefined)
          throw new Error(`canonical JSON value at ${where}.${k} is undefined (got undefined)`);
        parts.push(`${JSON.stringify(k)}:${write(v, `${where}.${k}`)}`);
      }
      return `{${parts.join(",")}}`;
    }
    default:
      throw new Error(`canonical JSON value at ${where} has an unsupported type (got ${typeof value})`);
  }
}
