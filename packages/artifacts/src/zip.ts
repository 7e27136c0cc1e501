import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { ZipFile } from "yazl";

/** The earliest time a zip entry can hold; every member carries it so zips are reproducible. */
export const ZIP_EPOCH = new Date(1980, 0, 1, 0, 0, 0);

/** One zip member: its flat name and either a file path or the bytes. */
export type ZipMember = { name: string; path: string } | { name: string; data: Uint8Array };

/**
 * Writes a flat, deflated zip with the members in the given order, constant timestamps and
 * fixed permissions, so the same inputs always give the same bytes (artifacts.md §3.8).
 */
export async function writeZip(path: string, members: readonly ZipMember[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const zip = new ZipFile();
  const out = createWriteStream(tmp);
  zip.outputStream.pipe(out);
  const options = { mtime: ZIP_EPOCH, mode: 0o100644, compress: true, forceDosTimestamp: true };
  try {
    for (const m of members) {
      if ("path" in m) zip.addFile(m.path, m.name, options);
      else zip.addBuffer(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength), m.name, options);
    }
    zip.end();
    await once(out, "finish");
    await rename(tmp, path);
  } catch (e) {
    out.destroy();
    await rm(tmp, { force: true });
    throw e;
  }
}
