import type { MethodologyVersion } from "@cejst/methodology";
import type { JsonSchema } from "./json-schema.ts";
import { type TileFieldKind, tileFields } from "./tile-field.ts";
import { TRACT_SCHEMA_VERSION } from "./tract-documents.ts";

const nullable = (type: string): JsonSchema => ({ type: [type, "null"] });
const KIND_TYPE: Record<TileFieldKind, string> = {
  text: "string",
  float: "number",
  int: "integer",
  bool: "boolean",
  flag: "boolean",
};

const BBOX: JsonSchema = {
  type: ["array", "null"],
  description:
    "[west, south, east, north], 5 decimals rounded outwards; west may be below -180 across the antimeridian; null when the tract is not drawn",
  prefixItems: [{ type: "number" }, { type: "number" }, { type: "number" }, { type: "number" }],
  items: false,
  minItems: 4,
  maxItems: 4,
};

function tileSchema(version: MethodologyVersion): JsonSchema {
  const fields = tileFields(version).filter((f) => f.code !== "GTF");
  const properties: Record<string, JsonSchema> = {};
  for (const f of fields) properties[f.code] = { ...nullable(KIND_TYPE[f.kind]), description: f.source };
  properties.UI_EXP = {
    type: "string",
    enum: ["Nation", "Puerto Rico", "Island Areas"],
    description: "Side-panel layout",
  };
  properties.THRHLD = {
    type: "integer",
    enum: [21, 10, 3],
    description: "Number of indicators the side panel shows",
  };
  return {
    type: "object",
    description:
      'Every high-tile property except GEOID10, keyed by code, with the published (floored to 2 dp) values; the four "1"/"0" tile columns are booleans here and missing values are null. Keys follow artifacts.md §2.3.',
    properties,
    required: Object.keys(properties),
  };
}

function valuesSchema(version: MethodologyVersion): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const f of tileFields(version))
    if (f.kind === "float" || f.kind === "int")
      properties[f.code] = { ...nullable("number"), description: `${f.source}, full precision` };
  return {
    type: "object",
    description: "Full-precision score value of every numeric tile code (unfloored), or null",
    properties,
    required: Object.keys(properties),
  };
}

/** The JSON Schema of a tract document, for a methodology version. */
export function tractDocumentSchema(version: MethodologyVersion): JsonSchema {
  return {
    type: "object",
    additionalProperties: false,
    required: [
      "schemaVersion",
      "geoid",
      "label",
      "methodology",
      "mapped",
      "interiorPoint",
      "bbox",
      "state",
      "county",
      "tile",
      "values",
      "trace",
    ],
    properties: {
      schemaVersion: { type: "integer", const: TRACT_SCHEMA_VERSION },
      geoid: { type: "string", pattern: "^[0-9]{11}$" },
      label: { type: "string" },
      methodology: { type: "string", enum: ["1.0", "2.0"] },
      mapped: {
        type: "boolean",
        description: "True exactly when the tract is drawn in the high tiles (ALAND10 > 0 and a geometry)",
      },
      interiorPoint: {
        type: ["object", "null"],
        additionalProperties: false,
        required: ["lat", "lon"],
        properties: { lat: { type: "number" }, lon: { type: "number" } },
        description: "TIGER internal point; null for a tract absent from TIGER",
      },
      bbox: BBOX,
      state: {
        type: "object",
        additionalProperties: false,
        required: ["fips", "name", "abbreviation"],
        properties: {
          fips: { type: "string", pattern: "^[0-9]{2}$" },
          name: { type: "string" },
          abbreviation: { type: "string" },
        },
      },
      county: {
        type: "object",
        additionalProperties: false,
        required: ["fips", "name"],
        properties: { fips: { type: "string", pattern: "^[0-9]{5}$" }, name: nullable("string") },
      },
      tile: tileSchema(version),
      values: valuesSchema(version),
      trace: {
        type: ["object", "null"],
        description:
          "Decision trace of the methodology's explain for this tract (schema owned by the methodology); null when the score stage wrote none",
      },
    },
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/**
 * `api/openapi.json` (artifacts.md §4.6): OpenAPI 3.1 describing the static JSON files of a
 * release, generated from the same definitions that write them. The server URL is relative
 * (`..`), so the same bytes work on any host and in any version folder.
 */
export function openApiDocument(label: string, version: MethodologyVersion): JsonSchema {
  const strict = (properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema => ({
    type: "object",
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
    ...extra,
  });
  const bboxed = (props: Record<string, JsonSchema>) => strict({ ...props, bbox: BBOX });
  return {
    openapi: "3.1.0",
    info: {
      title: `CEJST release data (${label})`,
      version: String(TRACT_SCHEMA_VERSION),
      description: `Static JSON files of the CEJST release labelled ${label} (methodology ${version}). Tract documents are stored in one shard per county (api/tracts/<county FIPS>.json, an object keyed by GEOID, schema TractShard); the edge answers api/tracts/<GEOID>.json from the shard.`,
    },
    servers: [{ url: "..", description: "The version root, relative to this document" }],
    paths: {
      "/api/tracts/{geoid}.json": {
        get: {
          summary: "One tract document",
          parameters: [
            { name: "geoid", in: "path", required: true, schema: { type: "string", pattern: "^[0-9]{11}$" } },
          ],
          responses: {
            "200": json(ref("TractDocument"), "The tract document"),
            "404": { description: "Unknown tract" },
          },
        },
      },
      "/api/search/tracts.json": {
        get: {
          summary: "Tract search index",
          responses: { "200": json(ref("SearchTracts"), "Every score tract") },
        },
      },
      "/api/search/names.json": {
        get: {
          summary: "States and counties",
          responses: { "200": json(ref("SearchNames"), "Names with bounds") },
        },
      },
      "/api/table/index.json": {
        get: {
          summary: "Tract table shards",
          responses: { "200": json(ref("TableIndex"), "One entry per state") },
        },
      },
      "/api/table/{state}.json": {
        get: {
          summary: "Tract table of one state",
          parameters: [
            { name: "state", in: "path", required: true, schema: { type: "string", pattern: "^[0-9]{2}$" } },
          ],
          responses: {
            "200": json(ref("TableShard"), "Rows sorted by geoid"),
            "404": { description: "Unknown state" },
          },
        },
      },
      "/api/changes/{version}.json": {
        get: {
          summary: "Change totals against an earlier version",
          parameters: [{ name: "version", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": json(ref("Changes"), "Totals per transition class"),
            "404": { description: "No comparison" },
          },
        },
      },
      "/data/score/search/tracts.json": {
        get: {
          summary: "Compatibility tract search index",
          responses: { "200": json(ref("CompatSearchIndex"), "Every TIGER tract") },
        },
      },
      "/manifest.json": {
        get: { summary: "Release manifest", responses: { "200": json(ref("Manifest"), "rollout.md §1.4") } },
      },
    },
    components: {
      schemas: {
        TractDocument: tractDocumentSchema(version),
        TractShard: {
          type: "object",
          description: "api/tracts/<county FIPS>.json: the documents of one county keyed by GEOID",
          additionalProperties: ref("TractDocument"),
        },
        SearchTracts: strict({
          label: { type: "string" },
          columns: {
            type: "array",
            prefixItems: [
              { const: "geoid" },
              { const: "lat" },
              { const: "lon" },
              { const: "bbox" },
              { const: "mapped" },
            ],
            items: false,
          },
          rows: {
            type: "array",
            items: {
              type: "array",
              prefixItems: [
                { type: "string", pattern: "^[0-9]{11}$" },
                nullable("number"),
                nullable("number"),
                BBOX,
                { type: "boolean" },
              ],
              items: false,
              minItems: 5,
            },
          },
        }),
        SearchNames: strict({
          label: { type: "string" },
          states: {
            type: "array",
            items: bboxed({
              fips: { type: "string" },
              name: { type: "string" },
              abbreviation: { type: "string" },
            }),
          },
          counties: {
            type: "array",
            items: bboxed({ fips: { type: "string" }, name: { type: "string" }, state: { type: "string" } }),
          },
          places: {
            type: "array",
            items: bboxed({ geoid: { type: "string" }, name: { type: "string" }, state: { type: "string" } }),
          },
        }),
        TableIndex: strict({
          label: { type: "string" },
          shards: {
            type: "array",
            items: strict({
              state: { type: "string" },
              name: { type: "string" },
              abbreviation: { type: "string" },
              tracts: { type: "integer" },
              path: { type: "string" },
            }),
          },
        }),
        TableShard: strict({
          label: { type: "string" },
          state: { type: "string" },
          columns: { type: "array", items: { type: "string" } },
          rows: { type: "array", items: { type: "array" } },
        }),
        Changes: strict({
          from: { type: "string" },
          to: { type: "string" },
          totals: strict({
            inBoth: { type: "integer" },
            keptByGrandfathering: { type: "integer" },
            added: { type: "integer" },
            removed: { type: "integer" },
            inNeither: { type: "integer" },
            notComparable: { type: "integer" },
          }),
        }),
        CompatSearchIndex: {
          type: "array",
          items: strict({
            GEOID10: { type: "string", pattern: "^[0-9]{11}$" },
            INTPTLAT10: { type: "string" },
            INTPTLON10: { type: "string" },
          }),
        },
        Manifest: {
          type: "object",
          description: "The release manifest; its structure is defined in rollout.md §1.4",
        },
      },
    },
  };
}
