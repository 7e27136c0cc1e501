export { FsStore } from "./fs-store.ts";
export { MemoryStore } from "./memory-store.ts";
export { type OpenStoreOptions, openStore, parseS3Url } from "./open-store.ts";
export { S3Store, type S3StoreConfig } from "./s3-store.ts";
export type { ByteRange, ByteSource, ObjectInfo, PutMeta, Store, StoredObject } from "./store.ts";
