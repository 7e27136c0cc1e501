import type { NeighbourGraph } from "@cejst/methodology";
import { noProgress, type ProgressSink } from "@cejst/schema";
import Flatbush from "flatbush";
import { segmentsIntersect } from "./orient2d.ts";
import type { TractPolygons } from "./tract-polygons.ts";

/** Above this many segment pairs a pair of tracts is tested through a segment index. */
const BRUTE_FORCE_PAIRS = 256;

/** A growable list of segments `x1, y1, x2, y2`, reused across tract pairs. */
class SegmentBuffer {
  data = new Float64Array(4 * 1024);
  length = 0;
  push(x1: number, y1: number, x2: number, y2: number): void {
    if (4 * this.length + 4 > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const o = 4 * this.length++;
    this.data[o] = x1;
    this.data[o + 1] = y1;
    this.data[o + 2] = x2;
    this.data[o + 3] = y2;
  }
}

/**
 * The touching-neighbour graph of methodology.md §11.2: two tracts are neighbours when
 * their boundaries share at least one point — a common edge, a single common corner, or a
 * vertex of one lying on an edge of the other — evaluated exactly on the stored lon/lat
 * coordinates. Multi-part tracts touch through any part. Tracts without geometry have no
 * neighbours.
 *
 * Candidate pairs come from a Flatbush index of tract bounding boxes (closed boxes, so
 * corner contact is found); each pair is then decided on the segments that fall inside
 * the intersection of the two boxes, since any common point must lie there.
 *
 * For tracts that do not overlap (TIGER tracts never do) this equals the DE-9IM `touches`
 * predicate; overlapping interiors are not checked.
 */
export function computeTouchingNeighbours(
  polygons: TractPolygons,
  progress: ProgressSink = noProgress,
): NeighbourGraph {
  const { coords, ringOffsets, tractRingOffsets } = polygons;
  const tractCount = tractRingOffsets.length - 1;
  const boxes = new Float64Array(4 * tractCount);
  const withGeometry: number[] = [];
  for (let t = 0; t < tractCount; t++) {
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    const v0 = ringOffsets[tractRingOffsets[t] as number] as number;
    const v1 = ringOffsets[tractRingOffsets[t + 1] as number] as number;
    for (let v = v0; v < v1; v++) {
      const x = coords[2 * v] as number;
      const y = coords[2 * v + 1] as number;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    boxes.set([minX, minY, maxX, maxY], 4 * t);
    if (v1 > v0) withGeometry.push(t);
  }

  const lists: number[][] = Array.from({ length: tractCount }, () => []);
  if (withGeometry.length > 0) {
    const index = new Flatbush(withGeometry.length);
    for (const t of withGeometry)
      index.add(
        boxes[4 * t] as number,
        boxes[4 * t + 1] as number,
        boxes[4 * t + 2] as number,
        boxes[4 * t + 3] as number,
      );
    index.finish();
    const a = new SegmentBuffer();
    const b = new SegmentBuffer();
    let done = 0;
    for (const t of withGeometry) {
      const o = 4 * t;
      const hits = index.search(
        boxes[o] as number,
        boxes[o + 1] as number,
        boxes[o + 2] as number,
        boxes[o + 3] as number,
      );
      for (const h of hits) {
        const u = withGeometry[h] as number;
        if (u <= t) continue;
        if (touches(polygons, boxes, t, u, a, b)) {
          (lists[t] as number[]).push(u);
          (lists[u] as number[]).push(t);
        }
      }
      if (++done % 4096 === 0)
        progress({ stage: "adjacency", done, total: withGeometry.length, unit: "tracts" });
    }
    progress({ stage: "adjacency", done, total: withGeometry.length, unit: "tracts" });
  }

  const offsets = new Uint32Array(tractCount + 1);
  let total = 0;
  for (let t = 0; t < tractCount; t++) {
    offsets[t] = total;
    total += (lists[t] as number[]).length;
  }
  offsets[tractCount] = total;
  const indices = new Uint32Array(total);
  for (let t = 0; t < tractCount; t++) {
    const list = (lists[t] as number[]).sort((x, y) => x - y);
    indices.set(list, offsets[t] as number);
  }
  return { offsets, indices };
}

/** Collects tract `t`'s segments that meet the closed box into `out`. */
function collectSegments(
  polygons: TractPolygons,
  t: number,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
  out: SegmentBuffer,
): void {
  const { coords, ringOffsets, tractRingOffsets } = polygons;
  out.length = 0;
  const r1 = tractRingOffsets[t + 1] as number;
  for (let r = tractRingOffsets[t] as number; r < r1; r++) {
    const end = (ringOffsets[r + 1] as number) - 1;
    for (let v = ringOffsets[r] as number; v < end; v++) {
      const x1 = coords[2 * v] as number;
      const y1 = coords[2 * v + 1] as number;
      const x2 = coords[2 * v + 2] as number;
      const y2 = coords[2 * v + 3] as number;
      if ((x1 < minX && x2 < minX) || (x1 > maxX && x2 > maxX)) continue;
      if ((y1 < minY && y2 < minY) || (y1 > maxY && y2 > maxY)) continue;
      out.push(x1, y1, x2, y2);
    }
  }
}

function touches(
  polygons: TractPolygons,
  boxes: Float64Array,
  t: number,
  u: number,
  a: SegmentBuffer,
  b: SegmentBuffer,
): boolean {
  const minX = Math.max(boxes[4 * t] as number, boxes[4 * u] as number);
  const minY = Math.max(boxes[4 * t + 1] as number, boxes[4 * u + 1] as number);
  const maxX = Math.min(boxes[4 * t + 2] as number, boxes[4 * u + 2] as number);
  const maxY = Math.min(boxes[4 * t + 3] as number, boxes[4 * u + 3] as number);
  collectSegments(polygons, t, minX, minY, maxX, maxY, a);
  if (a.length === 0) return false;
  collectSegments(polygons, u, minX, minY, maxX, maxY, b);
  if (b.length === 0) return false;
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const s = small.data;
  const l = large.data;
  if (small.length * large.length <= BRUTE_FORCE_PAIRS) {
    for (let i = 0; i < small.length; i++)
      for (let j = 0; j < large.length; j++) if (segmentPairIntersects(s, i, l, j)) return true;
    return false;
  }
  const index = new Flatbush(large.length);
  for (let j = 0; j < large.length; j++) {
    const o = 4 * j;
    const x1 = l[o] as number;
    const y1 = l[o + 1] as number;
    const x2 = l[o + 2] as number;
    const y2 = l[o + 3] as number;
    index.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
  }
  index.finish();
  for (let i = 0; i < small.length; i++) {
    const o = 4 * i;
    const x1 = s[o] as number;
    const y1 = s[o + 1] as number;
    const x2 = s[o + 2] as number;
    const y2 = s[o + 3] as number;
    let found = false;
    index.search(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2), (j) => {
      if (!found && segmentPairIntersects(s, i, l, j)) found = true;
      return false;
    });
    if (found) return true;
  }
  return false;
}

function segmentPairIntersects(s: Float64Array, i: number, l: Float64Array, j: number): boolean {
  const o = 4 * i;
  const p = 4 * j;
  return segmentsIntersect(
    s[o] as number,
    s[o + 1] as number,
    s[o + 2] as number,
    s[o + 3] as number,
    l[p] as number,
    l[p + 1] as number,
    l[p + 2] as number,
    l[p + 3] as number,
  );
}
