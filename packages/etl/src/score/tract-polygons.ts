/**
 * Tract boundaries packed into flat typed arrays: ~74,000 tracts with millions of vertices
 * stay compact and the adjacency loop reads them without allocation.
 */

/** Every ring of every tract, one tract after another (rows of the tract universe). */
export interface TractPolygons {
  /** Longitude/latitude pairs of every ring vertex; each ring is closed (last = first). */
  coords: Float64Array;
  /** Ring `r` spans vertices `ringOffsets[r] .. ringOffsets[r+1])`. */
  ringOffsets: Uint32Array;
  /** Tract `t` owns rings `tractRingOffsets[t] .. tractRingOffsets[t+1])` (none: no geometry). */
  tractRingOffsets: Uint32Array;
}

/** A ring as GeoJSON stores it: `[lon, lat]` positions. */
export type Ring = readonly (readonly number[])[];

/**
 * Packs rings per tract (outer rings and holes alike: both are boundary) into
 * `TractPolygons`. Rings are closed when open; rings with fewer than two distinct positions
 * carry no segment and are dropped.
 */
export function packTractPolygons(ringsPerTract: readonly (readonly Ring[])[]): TractPolygons {
  let vertexCount = 0;
  let ringCount = 0;
  for (const rings of ringsPerTract)
    for (const ring of rings) {
      if (ring.length < 2) continue;
      vertexCount += ring.length + 1;
      ringCount++;
    }
  const coords = new Float64Array(vertexCount * 2);
  const ringOffsets = new Uint32Array(ringCount + 1);
  const tractRingOffsets = new Uint32Array(ringsPerTract.length + 1);
  let v = 0;
  let r = 0;
  for (let t = 0; t < ringsPerTract.length; t++) {
    tractRingOffsets[t] = r;
    for (const ring of ringsPerTract[t] ?? []) {
      if (ring.length < 2) continue;
      ringOffsets[r++] = v;
      for (const p of ring) {
        coords[2 * v] = p[0] ?? Number.NaN;
        coords[2 * v + 1] = p[1] ?? Number.NaN;
        v++;
      }
      const first = ring[0] as readonly number[];
      const last = ring[ring.length - 1] as readonly number[];
      if (first[0] !== last[0] || first[1] !== last[1]) {
        coords[2 * v] = first[0] ?? Number.NaN;
        coords[2 * v + 1] = first[1] ?? Number.NaN;
        v++;
      }
    }
  }
  tractRingOffsets[ringsPerTract.length] = r;
  ringOffsets[r] = v;
  return { coords: coords.subarray(0, 2 * v), ringOffsets, tractRingOffsets };
}
