/**
 * Writes small polygon shapefiles (.shp + dBASE III .dbf) for tests, so the census adapter can
 * be tested on hand-made tracts, including broken ones, without the TIGER files.
 */

export interface TinyTract {
  /** dBASE fields, written as character fields (strings) or numeric fields (numbers). */
  fields: Record<string, string | number>;
  /** One ring per part, clockwise outer rings as shapefiles store them. */
  rings: [number, number][][];
}

export function tinyShp(tracts: readonly TinyTract[]): Uint8Array {
  const records = tracts.map((t, i) => {
    const points = t.rings.flat();
    const size = 4 + 32 + 4 + 4 + 4 * t.rings.length + 16 * points.length;
    const b = new DataView(new ArrayBuffer(8 + size));
    b.setInt32(0, i + 1);
    b.setInt32(4, size / 2);
    b.setInt32(8, 5, true);
    const [xmin, ymin, xmax, ymax] = bbox(points);
    for (const [k, v] of [xmin, ymin, xmax, ymax].entries()) b.setFloat64(12 + 8 * k, v, true);
    b.setInt32(44, t.rings.length, true);
    b.setInt32(48, points.length, true);
    let at = 52;
    let start = 0;
    for (const r of t.rings) {
      b.setInt32(at, start, true);
      at += 4;
      start += r.length;
    }
    for (const [x, y] of points) {
      b.setFloat64(at, x, true);
      b.setFloat64(at + 8, y, true);
      at += 16;
    }
    return new Uint8Array(b.buffer);
  });
  const length = 100 + records.reduce((s, r) => s + r.length, 0);
  const head = new DataView(new ArrayBuffer(100));
  head.setInt32(0, 9994);
  head.setInt32(24, length / 2);
  head.setInt32(28, 1000, true);
  head.setInt32(32, 5, true);
  for (const [k, v] of bbox(tracts.flatMap((t) => t.rings.flat())).entries())
    head.setFloat64(36 + 8 * k, v, true);
  const out = new Uint8Array(length);
  out.set(new Uint8Array(head.buffer));
  let at = 100;
  for (const r of records) {
    out.set(r, at);
    at += r.length;
  }
  return out;
}

export function tinyDbf(tracts: readonly TinyTract[]): Uint8Array {
  const names = Object.keys(tracts[0]?.fields ?? {});
  const fields = names.map((name) => {
    const numeric = typeof tracts[0]?.fields[name] === "number";
    const width = Math.max(numeric ? 14 : 1, ...tracts.map((t) => String(t.fields[name] ?? "").length));
    return { name, numeric, width };
  });
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.width, 0);
  const out = new Uint8Array(headerLength + recordLength * tracts.length + 1);
  const v = new DataView(out.buffer);
  out[0] = 0x03;
  out.set([110, 11, 14], 1);
  v.setUint32(4, tracts.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    out.set(new TextEncoder().encode(f.name.slice(0, 10)), at);
    out[at + 11] = (f.numeric ? "N" : "C").charCodeAt(0);
    out[at + 16] = f.width;
  });
  out[headerLength - 1] = 0x0d;
  tracts.forEach((t, r) => {
    let at = headerLength + r * recordLength;
    out[at++] = 0x20;
    for (const f of fields) {
      const text = String(t.fields[f.name] ?? "");
      const cell = f.numeric ? text.padStart(f.width) : text.padEnd(f.width);
      out.set(new TextEncoder().encode(cell), at);
      at += f.width;
    }
  });
  out[out.length - 1] = 0x1a;
  return out;
}

function bbox(points: [number, number][]): [number, number, number, number] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
