import { zipSync } from "fflate";

/** Every archive member gets this modification time, so the same input gives the same bytes. */
const FIXED_MTIME = new Date("2020-01-01T00:00:00Z");

/**
 * A zip archive of the given members (text is written as UTF-8 unless given as bytes), with a
 * fixed modification time so a rerun writes byte-identical archives.
 */
export function zipArchive(members: Readonly<Record<string, Uint8Array | string>>): Uint8Array {
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [name, data] of Object.entries(members))
    files[name] = [typeof data === "string" ? new TextEncoder().encode(data) : data, { mtime: FIXED_MTIME }];
  return zipSync(files, { level: 6, mtime: FIXED_MTIME });
}
