import type { ShapefileField } from "./codebook.ts";
import type { Cell, TableColumn } from "./score-table.ts";

/** A GeoJSON Polygon or MultiPolygon geometry (other types are not tract shapes). */
export interface PolygonGeometry {
  type: string;
  coordinates: unknown;
}

/** The five shapefile parts. */
export interface ShapefileParts {
  shp: Uint8Array;
  shx: Uint8Array;
  dbf: Uint8Array;
  prj: string;
  cpg: string;
}

/** WGS 84 geographic coordinates, as ESRI writes the definition. */
export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

type Ring = [number, number][];

/** Twice the signed area; positive when counter-clockwise (x right, y up). */
function signedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as [number, number];
    const b = ring[i] as [number, number];
    s += (a[0] - b[0]) * (a[1] + b[1]);
  }
  return s;
}

/**
 * The rings of a polygon shape in shapefile order and orientation: each outer ring
 * clockwise, followed by its holes counter-clockwise (the reverse of GeoJSON's RFC 7946 rule).
 */
export function shapeRings(geometry: PolygonGeometry): Ring[] {
  const polygons =
    geometry.type === "Polygon"
      ? [geometry.coordinates as Ring[]]
      : geometry.type === "MultiPolygon"
        ? (geometry.coordinates as Ring[][])
        : null;
  if (polygons === null)
    throw new Error(`tract geometry must be a Polygon or MultiPolygon (got ${geometry.type})`);
  const rings: Ring[] = [];
  for (const poly of polygons)
    poly.forEach((ring, k) => {
      if (ring.length < 4) return;
      const ccw = signedArea(ring) > 0;
      const wantCcw = k > 0;
      rings.push(ccw === wantCcw ? ring : [...ring].reverse());
    });
  return rings;
}

/** Shortest decimal text of a number without exponent, for measuring DBF decimals. */
function decimalsOf(v: number): number {
  const s = String(v);
  if (s.includes("e")) return Math.min(15, Math.max(0, -Math.floor(Math.log10(Math.abs(v))) + 1));
  const dot = s.indexOf(".");
  return dot === -1 ? 0 : s.length - dot - 1;
}

interface DbfField {
  name: string;
  type: "C" | "L" | "N";
  width: number;
  decimals: number;
  format(v: Cell): string;
}

const encoder = new TextEncoder();

function dbfFields(fields: readonly ShapefileField[], columns: ReadonlyMap<string, TableColumn>): DbfField[] {
  return fields.map((f) => {
    const values = columns.get(f.code)?.values ?? [];
    if (f.kind === "bool")
      return {
        name: f.name,
        type: "L",
        width: 1,
        decimals: 0,
        format: (v) => (v === true ? "T" : v === false ? "F" : "?"),
      };
    if (f.kind === "flag")
      return {
        name: f.name,
        type: "C",
        width: 1,
        decimals: 0,
        format: (v) => (v === true ? "1" : v === false ? "0" : " "),
      };
    if (f.kind === "text") {
      let width = 1;
      for (const v of values) if (typeof v === "string") width = Math.max(width, encoder.encode(v).length);
      width = Math.min(width, 254);
      return { name: f.name, type: "C", width, decimals: 0, format: (v) => (typeof v === "string" ? v : "") };
    }
    let decimals = 0;
    for (const v of values)
      if (typeof v === "number" && Number.isFinite(v)) decimals = Math.max(decimals, decimalsOf(v));
    decimals = Math.min(decimals, 15);
    let width = 1;
    for (const v of values)
      if (typeof v === "number" && Number.isFinite(v)) width = Math.max(width, v.toFixed(decimals).length);
    width = Math.min(Math.max(width, decimals + 2), 254);
    return {
      name: f.name,
      type: "N",
      width,
      decimals,
      format: (v) => (typeof v === "number" && Number.isFinite(v) ? v.toFixed(decimals) : ""),
    };
  });
}

function writeDbf(
  fields: DbfField[],
  columns: ReadonlyMap<string, TableColumn>,
  codes: string[],
  rows: number,
): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.width, 0);
  const buf = new Uint8Array(headerLength + recordLength * rows + 1);
  const view = new DataView(buf.buffer);
  buf[0] = 0x03;
  // Constant "last update" date (1980-01-01) so the file depends on the data only.
  buf[1] = 80;
  buf[2] = 1;
  buf[3] = 1;
  view.setUint32(4, rows, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  fields.forEach((f, i) => {
    const at = 32 + i * 32;
    buf.set(encoder.encode(f.name).subarray(0, 10), at);
    buf[at + 11] = f.type.charCodeAt(0);
    buf[at + 16] = f.width;
    buf[at + 17] = f.decimals;
  });
  buf[headerLength - 1] = 0x0d;
  const cols = codes.map((c) => columns.get(c)?.values ?? []);
  // Every byte a record does not set is a space: the deletion flag and each field's padding.
  buf.fill(0x20, headerLength, headerLength + recordLength * rows);
  // Column by column: one field's formatter and width stay in hand for every row, and ASCII
  // text (every number, flag and nearly every name) is copied without an encoder.
  let fieldAt = headerLength + 1;
  fields.forEach((f, i) => {
    const values = cols[i] ?? [];
    const right = f.type === "N";
    for (let r = 0, at = fieldAt; r < rows; r++, at += recordLength) {
      const text = f.format(values[r] ?? null);
      const n = text.length;
      let ascii = n <= f.width;
      for (let k = 0; k < n && ascii; k++) if (text.charCodeAt(k) > 0x7f) ascii = false;
      if (ascii) {
        // Numbers are right-aligned, text left-aligned, as dBase readers expect.
        const start = right ? at + f.width - n : at;
        for (let k = 0; k < n; k++) buf[start + k] = text.charCodeAt(k);
        continue;
      }
      let bytes = encoder.encode(text);
      if (bytes.length > f.width) bytes = bytes.subarray(0, f.width);
      buf.set(bytes, right ? at + f.width - bytes.length : at);
    }
    fieldAt += f.width;
  });
  const at = headerLength + recordLength * rows;
  buf[at] = 0x1a;
  return buf;
}

/**
 * Encodes the tract shapefile (artifacts.md §3.7): one Polygon record per tract in table
 * order, a null shape for tracts that are not drawn, and a DBF with the given fields
 * (character for text and the four "1"/"0" columns, logical for booleans, numeric for
 * numbers). Everything is computed from the data, so equal input gives equal bytes.
 */
export function encodeShapefile(
  fields: readonly ShapefileField[],
  columns: readonly TableColumn[],
  geoids: readonly string[],
  geometryOf: (geoid: string) => PolygonGeometry | null,
): ShapefileParts {
  const byCode = new Map(columns.map((c) => [c.name, c]));
  const geoidColumn: TableColumn = { name: "GTF", kind: "text", values: [...geoids] };
  byCode.set("GTF", geoidColumn);
  const records: Uint8Array[] = [];
  let box: [number, number, number, number] | null = null;
  for (const g of geoids) {
    const geometry = geometryOf(g);
    const rings = geometry ? shapeRings(geometry) : [];
    if (rings.length === 0) {
      const rec = new Uint8Array(4);
      new DataView(rec.buffer).setInt32(0, 0, true);
      records.push(rec);
      continue;
    }
    const points = rings.reduce((s, r) => s + r.length, 0);
    const rec = new Uint8Array(44 + 4 * rings.length + 16 * points);
    const v = new DataView(rec.buffer);
    let xmin = Number.POSITIVE_INFINITY;
    let ymin = Number.POSITIVE_INFINITY;
    let xmax = Number.NEGATIVE_INFINITY;
    let ymax = Number.NEGATIVE_INFINITY;
    for (const r of rings)
      for (const [x, y] of r) {
        if (x < xmin) xmin = x;
        if (x > xmax) xmax = x;
        if (y < ymin) ymin = y;
        if (y > ymax) ymax = y;
      }
    v.setInt32(0, 5, true);
    v.setFloat64(4, xmin, true);
    v.setFloat64(12, ymin, true);
    v.setFloat64(20, xmax, true);
    v.setFloat64(28, ymax, true);
    v.setInt32(36, rings.length, true);
    v.setInt32(40, points, true);
    let p = 0;
    rings.forEach((r, i) => {
      v.setInt32(44 + 4 * i, p, true);
      p += r.length;
    });
    let at = 44 + 4 * rings.length;
    for (const r of rings)
      for (const [x, y] of r) {
        v.setFloat64(at, x, true);
        v.setFloat64(at + 8, y, true);
        at += 16;
      }
    box =
      box === null
        ? [xmin, ymin, xmax, ymax]
        : [Math.min(box[0], xmin), Math.min(box[1], ymin), Math.max(box[2], xmax), Math.max(box[3], ymax)];
    records.push(rec);
  }
  const header = (fileBytes: number) => {
    const h = new Uint8Array(100);
    const v = new DataView(h.buffer);
    v.setInt32(0, 9994, false);
    v.setInt32(24, fileBytes / 2, false);
    v.setInt32(28, 1000, true);
    v.setInt32(32, 5, true);
    const b = box ?? [0, 0, 0, 0];
    b.forEach((x, i) => {
      v.setFloat64(36 + 8 * i, x, true);
    });
    return h;
  };
  const shpBytes = 100 + records.reduce((s, r) => s + 8 + r.length, 0);
  const shp = new Uint8Array(shpBytes);
  const shx = new Uint8Array(100 + 8 * records.length);
  shp.set(header(shpBytes), 0);
  shx.set(header(shx.length), 0);
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  let offset = 100;
  records.forEach((rec, i) => {
    shpView.setInt32(offset, i + 1, false);
    shpView.setInt32(offset + 4, rec.length / 2, false);
    shp.set(rec, offset + 8);
    shxView.setInt32(100 + 8 * i, offset / 2, false);
    shxView.setInt32(104 + 8 * i, rec.length / 2, false);
    offset += 8 + rec.length;
  });
  const dbf = writeDbf(
    dbfFields(fields, byCode),
    byCode,
    fields.map((f) => f.code),
    geoids.length,
  );
  return { shp, shx, dbf, prj: WGS84_PRJ, cpg: "UTF-8" };
}
