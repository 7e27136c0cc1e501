import { PMTiles } from "pmtiles";

const archives = new Map<string, PMTiles>();

/**
 * The tile archive at `url`, one reader per URL for the page, with its header and root
 * directory requested at once. This module is small and apart from MapLibre, so the shell can
 * ask for the first view's archive headers as soon as the manifest names them, while MapLibre's
 * code is still being evaluated; the map then finds them in memory.
 */
export function tileArchive(url: string): PMTiles {
  let archive = archives.get(url);
  if (!archive) {
    archive = new PMTiles(url);
    archives.set(url, archive);
  }
  archive.getHeader().catch(() => undefined);
  return archive;
}

/** Forgets every archive reader, so the next request reads headers again (the map's *Retry*). */
export function forgetArchives(): void {
  archives.clear();
}
