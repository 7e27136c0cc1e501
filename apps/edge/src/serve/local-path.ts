/**
 * Where a directory store keeps a key on disk, for the two hot paths that bypass the
 * `Store` interface: positioned reads of tile ranges and the existence check of a channel's
 * next generation. Other stores answer `undefined` and are used through the interface.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { FsStore, type Store } from "@cejst/release";

/** The file path of `key` in a directory store; `undefined` for any other store. */
export function localPathOf(store: Store): ((key: string) => string) | undefined {
  if (!(store instanceof FsStore)) return undefined;
  const root = store.root;
  return (key) => join(root, ...key.split("/"));
}

/**
 * A synchronous existence check for a directory store. A missing generation is the common
 * answer on every request; `existsSync` gives it without building an ENOENT error or a
 * trip through the thread pool.
 */
export function localExists(store: Store): ((key: string) => boolean) | undefined {
  const path = localPathOf(store);
  if (path === undefined) return undefined;
  // The key asked about is the same on every request until a generation lands: its path
  // is joined once, not per request.
  let lastKey = "";
  let lastPath = "";
  return (key) => {
    if (key !== lastKey) {
      lastPath = path(key);
      lastKey = key;
    }
    return existsSync(lastPath);
  };
}
