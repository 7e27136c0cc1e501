import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Writes a file under a temporary name beside its target and renames it into place, so an
 * interrupted run never leaves a half-written file that looks complete.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Quotes a CSV field when it needs it (RFC 4180, as Python's csv module does). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (no terminator) from fields. */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(",");
}
