import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "@cejst/schema";
import { FsStore } from "./fs-store.ts";
import { S3Store, type S3StoreConfig } from "./s3-store.ts";
import type { Store } from "./store.ts";

/** What `openStore` needs besides the URL; the CLI fills it from flags and the environment. */
export interface OpenStoreOptions {
  /** Folder that relative paths are resolved against. */
  cwd: string;
  /** S3 credentials; omitted means the SDK's default provider chain. */
  credentials?: S3StoreConfig["credentials"];
}

/**
 * Opens a store from a URL:
 * - `file:///abs/path`, or a plain path (relative to `cwd`) → `FsStore`;
 * - `s3://bucket[/prefix][?endpoint=http://127.0.0.1:7480&region=us-east-1]` → `S3Store`.
 */
export function openStore(url: string, opts: OpenStoreOptions): Store {
  if (url.startsWith("s3://")) return new S3Store(parseS3Url(url, opts.credentials));
  if (url.startsWith("file://")) return new FsStore(fileURLToPath(url));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new UsageError(`store URL scheme is not supported; use a path, file:// or s3:// (got ${url})`);
  }
  if (url === "") throw new UsageError('store URL is empty (got "")');
  return new FsStore(isAbsolute(url) ? url : resolve(opts.cwd, url));
}

/** Parses `s3://bucket[/prefix][?endpoint=…&region=…]` into a config. */
export function parseS3Url(url: string, credentials?: S3StoreConfig["credentials"]): S3StoreConfig {
  let u: URL;
  try {
    u = new URL(url);
  } catch (cause) {
    throw new UsageError(`store URL is malformed (got ${url}): ${(cause as Error).message}`);
  }
  const bucket = u.hostname;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new UsageError(`store URL bucket name is not a valid S3 bucket name (got ${bucket || "nothing"})`);
  }
  const config: S3StoreConfig = { bucket };
  const prefix = decodeURIComponent(u.pathname).replace(/^\/+|\/+$/g, "");
  if (prefix !== "") config.prefix = prefix;
  for (const [name, value] of u.searchParams) {
    if (name === "endpoint") config.endpoint = value;
    else if (name === "region") config.region = value;
    else throw new UsageError(`store URL parameter is unknown; use endpoint or region (got ${name})`);
  }
  if (credentials !== undefined) config.credentials = credentials;
  return config;
}
