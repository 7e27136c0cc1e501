import { randomBytes } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";

/** Writes a local (non-store) file via temp file + fsync + rename, so readers never see half of it. */
export async function writeFileAtomicLocal(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fh = await open(tmp, "w");
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
}
