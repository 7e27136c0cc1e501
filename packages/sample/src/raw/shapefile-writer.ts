/** One dBASE field: character (`C`) or numeric (`N`, with `decimals` places). */
export interface DbfField {
  name: string;
  type: "C" | "N";
  width: number;
  decimals?: number;
}

/** A dBASE III table: each record's values as the text to store (padded to the field width). */
export function dbfTable(fields: readonly DbfField[], records: readonly (readonly string[])[]): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.width, 0);
  const out = new Uint8Array(headerLength + recordLength * records.length + 1);
  const view = new DataView(out.buffer);
  out[0] = 0x03;
  // Last update 2020-01-01: fixed, so the same table is the same bytes.
  out.set([120, 1, 1], 1);
  view.setUint32(4, records.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    if (f.name.length > 10) throw new Error(`dBASE field name is longer than 10 characters (got ${f.name})`);
    for (let k = 0; k < f.name.length; k++) out[at + k] = f.name.charCodeAt(k);
    out[at + 11] = f.type.charCodeAt(0);
    out[at + 16] = f.width;
    out[at + 17] = f.decimals ?? 0;
  });
  out[headerLength - 1] = 0x0d;
  let at = headerLength;
  for (const rec of records) {
    out[at++] = 0x20;
    fields.forEach((f, i) => {
      const text = rec[i] ?? "";
      if (text.length > f.width)
        throw new Error(
          `dBASE value is wider than field ${f.name} (${f.width}) (got ${JSON.stringify(text)})`,
        );
      // Numbers are right-aligned, text left-aligned, both padded with spaces (Latin-1 bytes).
      const padded = f.type === "N" ? text.padStart(f.width, " ") : text.padEnd(f.width, " ");
      for (let k = 0; k < f.width; k++) out[at + k] = padded.charCodeAt(k) & 0xff;
      at += f.width;
    });
  }
  out[at] = 0x1a;
  return out;
}

/** The `.shp` and `.shx` of a polygon layer (shape type 5), one ring per record. */
export function polygonShapes(rings: readonly (readonly (readonly [number, number])[])[]): {
  shp: Uint8Array;
  shx: Uint8Array;
} {
  const sizes = rings.map((r) => 4 + 32 + 4 + 4 + 4 + 16 * r.length);
  const shpLength = 100 + sizes.reduce((s, n) => s + 8 + n, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * rings.length);
  const sv = new DataView(shp.buffer);
  const xv = new DataView(shx.buffer);
  const all = bounds(rings.flat());
  for (const [buf, view, length] of [
    [shp, sv, shpLength],
    [shx, xv, shx.length],
  ] as const) {
    view.setInt32(0, 9994);
    view.setInt32(24, length / 2);
    view.setInt32(28, 1000, true);
    view.setInt32(32, 5, true);
    all.forEach((v, k) => {
      view.setFloat64(36 + 8 * k, v, true);
    });
    void buf;
  }
  let at = 100;
  rings.forEach((ring, i) => {
    const size = sizes[i]!;
    xv.setInt32(100 + 8 * i, at / 2);
    xv.setInt32(104 + 8 * i, size / 2);
    sv.setInt32(at, i + 1);
    sv.setInt32(at + 4, size / 2);
    sv.setInt32(at + 8, 5, true);
    bounds(ring).forEach((v, k) => {
      sv.setFloat64(at + 12 + 8 * k, v, true);
    });
    sv.setInt32(at + 44, 1, true);
    sv.setInt32(at + 48, ring.length, true);
    sv.setInt32(at + 52, 0, true);
    let p = at + 56;
    for (const [x, y] of ring) {
      sv.setFloat64(p, x, true);
      sv.setFloat64(p + 8, y, true);
      p += 16;
    }
    at += 8 + size;
  });
  return { shp, shx };
}

/** The `.prj` of TIGER/Line 2010 (NAD83 geographic). */
export const NAD83_PRJ =
  'GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]';

function bounds(points: readonly (readonly [number, number])[]): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}
