export { MemoryStore } from "./memory-store.ts";
export type { ByteRange, ByteSource, ObjectInfo, PutMeta, Store, StoredObject } from "./store.ts";
