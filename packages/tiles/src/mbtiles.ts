import { randomBytes } from "node:crypto";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import Database from "better-sqlite3";

/** One tile of an MBTiles file, in XYZ coordinates (y = 0 at the north). */
export interface MbtilesTile {
  z: number;
  x: number;
  y: number;
  /** The stored bytes (gzipped MVT for a `pbf` tileset). */
  data: Uint8Array;
}

/** What {@link MbtilesWriter.close} wrote. */
export interface MbtilesWriteResult {
  path: string;
  tiles: number;
  bytes: number;
}

/** An MBTiles file being written; tiles first, metadata last. */
export interface MbtilesWriter {
  /** Stores one tile; its row is flipped to the TMS scheme MBTiles uses. */
  put(tile: MbtilesTile): void;
  /** Writes the metadata rows, indexes the tiles and renames the file into place. */
  close(metadata: Readonly<Record<string, string>>): Promise<MbtilesWriteResult>;
  /** Discards the file after a failure. */
  abort(): Promise<void>;
}

/** `PRAGMA application_id` of MBTiles 1.3 ("MPBX"). */
const MBTILES_APPLICATION_ID = 0x4d504258;

/**
 * Opens an MBTiles 1.3 file for writing: the standard `metadata (name, value)` and
 * `tiles (zoom_level, tile_column, tile_row, tile_data)` tables with their unique indexes.
 * The file is built at `.<name>.<random>.tmp` beside `path` and renamed over it on close, so a
 * reader never opens half a tileset. No journal and no clock: the same tiles and metadata in
 * the same order give the same bytes with the same SQLite library.
 */
export function openMbtilesWriter(path: string): MbtilesWriter {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const db = new Database(temp);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma(`application_id = ${MBTILES_APPLICATION_ID}`);
  db.exec(`
    CREATE TABLE metadata (name text, value text);
    CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob);
  `);
  db.exec("BEGIN");
  const insert = db.prepare(
    "INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)",
  );
  let tiles = 0;
  let open = true;
  return {
    put({ z, x, y, data }) {
      if (!open) throw new Error(`MBTiles writer for ${path} is closed (got a tile ${z}/${x}/${y})`);
      const n = 2 ** z;
      if (!Number.isInteger(z) || z < 0 || !Number.isInteger(x) || !Number.isInteger(y))
        throw new Error(`tile coordinates must be integers (got ${z}/${x}/${y})`);
      if (x < 0 || y < 0 || x >= n || y >= n)
        throw new Error(`tile x/y must be within 0..${n - 1} at z${z} (got ${x}/${y})`);
      insert.run(z, x, n - 1 - y, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      tiles++;
    },
    async close(metadata) {
      if (!open) throw new Error(`MBTiles writer for ${path} is already closed (got a second close)`);
      open = false;
      try {
        const meta = db.prepare("INSERT INTO metadata (name, value) VALUES (?, ?)");
        for (const [name, value] of Object.entries(metadata)) {
          if (typeof value !== "string")
            throw new Error(`MBTiles metadata values must be strings (got ${typeof value} for ${name})`);
          meta.run(name, value);
        }
        // Indexes after the rows: one sort instead of a B-tree update per tile.
        db.exec(`
          CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
          CREATE UNIQUE INDEX name ON metadata (name);
        `);
        db.exec("COMMIT");
        const pageCount = db.pragma("page_count", { simple: true }) as number;
        const pageSize = db.pragma("page_size", { simple: true }) as number;
        db.close();
        await rename(temp, path);
        return { path, tiles, bytes: pageCount * pageSize };
      } catch (error) {
        if (db.open) db.close();
        await rm(temp, { force: true });
        throw error;
      }
    },
    async abort() {
      open = false;
      if (db.open) db.close();
      await rm(temp, { force: true });
    },
  };
}

/** An MBTiles file read back: metadata rows and every tile (XYZ), sorted by z, x, y. */
export interface MbtilesContents {
  metadata: Record<string, string>;
  tiles: MbtilesTile[];
}

/** Reads a whole MBTiles file (tests and checks; a national tileset fits in memory). */
export function readMbtiles(path: string): MbtilesContents {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const metadata: Record<string, string> = {};
    for (const row of db.prepare("SELECT name, value FROM metadata ORDER BY name").all() as Array<{
      name: string;
      value: string;
    }>)
      metadata[row.name] = row.value;
    const rows = db
      .prepare(
        "SELECT zoom_level AS z, tile_column AS x, tile_row AS row, tile_data AS data FROM tiles ORDER BY z, x, row DESC",
      )
      .all() as Array<{ z: number; x: number; row: number; data: Buffer }>;
    const tiles = rows.map(({ z, x, row, data }) => ({
      z,
      x,
      y: 2 ** z - 1 - row,
      data: new Uint8Array(data),
    }));
    return { metadata, tiles };
  } finally {
    db.close();
  }
}
