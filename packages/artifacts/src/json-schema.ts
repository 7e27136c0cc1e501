/**
 * A small validator for the JSON Schema subset the OpenAPI document uses: `type` (one or a
 * list), `enum`, `const`, `pattern`, `minimum`/`maximum`, `minLength`/`maxLength`,
 * `properties`, `required`, `additionalProperties` (boolean or schema), `items`,
 * `prefixItems`, `minItems`/`maxItems`, `oneOf`, `anyOf` and local `$ref`s
 * (`#/components/schemas/<name>`). Unknown keywords are ignored, as JSON Schema says.
 */

/** A JSON Schema object (the subset above). */
export type JsonSchema = { [keyword: string]: unknown };

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function typeMatches(actual: string, wanted: string): boolean {
  return actual === wanted || (wanted === "number" && actual === "integer");
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  if (!ref.startsWith("#/")) throw new Error(`schema $ref must be local (got ${ref})`);
  let node: unknown = root;
  for (const part of ref.slice(2).split("/")) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== "object" || node === null) throw new Error(`schema $ref does not resolve (got ${ref})`);
  return node as JsonSchema;
}

/**
 * Validates `value` against `schema`; returns the list of problems, each with a JSON
 * pointer (`/tile/SN_C: expected boolean, got string`). Empty means valid.
 */
export function validateJson(
  value: unknown,
  schema: JsonSchema,
  root: JsonSchema = schema,
  path = "",
): string[] {
  const errors: string[] = [];
  const at = path === "" ? "/" : path;
  if (typeof schema.$ref === "string") return validateJson(value, resolveRef(root, schema.$ref), root, path);
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => typeMatches(actual, t)))
      return [`${at}: expected ${types.join(" or ")}, got ${actual}`];
  }
  if (schema.const !== undefined && value !== schema.const)
    errors.push(`${at}: expected ${JSON.stringify(schema.const)}, got ${JSON.stringify(value)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    errors.push(`${at}: expected one of ${JSON.stringify(schema.enum)}, got ${JSON.stringify(value)}`);
  if (typeof value === "string") {
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value))
      errors.push(`${at}: does not match ${schema.pattern} (got ${JSON.stringify(value)})`);
    if (typeof schema.minLength === "number" && value.length < schema.minLength)
      errors.push(`${at}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength)
      errors.push(`${at}: longer than ${schema.maxLength}`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum)
      errors.push(`${at}: below ${schema.minimum} (got ${value})`);
    if (typeof schema.maximum === "number" && value > schema.maximum)
      errors.push(`${at}: above ${schema.maximum} (got ${value})`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems)
      errors.push(`${at}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems)
      errors.push(`${at}: more than ${schema.maxItems} items`);
    const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as JsonSchema[]) : [];
    value.forEach((item, i) => {
      const s = prefix[i] ?? (typeof schema.items === "object" ? (schema.items as JsonSchema) : undefined);
      if (s) errors.push(...validateJson(item, s, root, `${path}/${i}`));
      else if (schema.items === false && i >= prefix.length)
        errors.push(`${path}/${i}: no item allowed here`);
    });
  }
  if (actual === "object") {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required ?? []) as string[])
      if (!(key in obj)) errors.push(`${at}: missing required property ${JSON.stringify(key)}`);
    for (const [key, v] of Object.entries(obj)) {
      const p = props[key];
      if (p) errors.push(...validateJson(v, p, root, `${path}/${key}`));
      else if (schema.additionalProperties === false)
        errors.push(`${at}: unexpected property ${JSON.stringify(key)}`);
      else if (typeof schema.additionalProperties === "object" && schema.additionalProperties !== null)
        errors.push(...validateJson(v, schema.additionalProperties as JsonSchema, root, `${path}/${key}`));
    }
  }
  if (Array.isArray(schema.anyOf)) {
    const ok = (schema.anyOf as JsonSchema[]).some((s) => validateJson(value, s, root, path).length === 0);
    if (!ok) errors.push(`${at}: matches none of anyOf`);
  }
  if (Array.isArray(schema.oneOf)) {
    const n = (schema.oneOf as JsonSchema[]).filter(
      (s) => validateJson(value, s, root, path).length === 0,
    ).length;
    if (n !== 1) errors.push(`${at}: matches ${n} of oneOf, expected exactly 1`);
  }
  return errors;
}
