/**
 * The Thrift compact protocol, as far as Parquet's page headers and footer need it:
 * structs of integers, strings, booleans, lists and nested structs.
 */

/** Compact-protocol type ids (Thrift `TCompactProtocol`). */
export const T = {
  TRUE: 1,
  FALSE: 2,
  I32: 5,
  I64: 6,
  BINARY: 8,
  LIST: 9,
  STRUCT: 12,
} as const;

/**
 * Appends compact-protocol values to a growing byte array. Fields are written in
 * increasing id order inside `struct(…)`; the writer tracks the last id per nesting level
 * for the delta encoding of field headers.
 */
export class ThriftCompactWriter {
  #bytes = new Uint8Array(256);
  #length = 0;
  #lastId: number[] = [0];

  /** The bytes written so far (a view, valid until the next write). */
  get bytes(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  #ensure(extra: number): void {
    if (this.#length + extra <= this.#bytes.length) return;
    let size = this.#bytes.length * 2;
    while (size < this.#length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = next;
  }

  #byte(b: number): void {
    this.#ensure(1);
    this.#bytes[this.#length++] = b;
  }

  /** Unsigned varint of a non-negative safe integer. */
  #varint(value: number): void {
    let v = value;
    this.#ensure(10);
    while (v >= 0x80) {
      this.#bytes[this.#length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.#bytes[this.#length++] = v;
  }

  /** Zigzag varint (i32 and i64 within the safe-integer range). */
  #zigzag(value: number): void {
    if (!Number.isSafeInteger(value)) throw new Error(`thrift integer must be a safe integer (got ${value})`);
    this.#varint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  #field(id: number, type: number): void {
    const level = this.#lastId.length - 1;
    const delta = id - (this.#lastId[level] as number);
    if (delta > 0 && delta <= 15) this.#byte((delta << 4) | type);
    else {
      this.#byte(type);
      this.#zigzag(id);
    }
    this.#lastId[level] = id;
  }

  /** An i32 field. */
  i32(id: number, value: number): this {
    this.#field(id, T.I32);
    this.#zigzag(value);
    return this;
  }

  /** An i64 field (values up to 2^53). */
  i64(id: number, value: number): this {
    this.#field(id, T.I64);
    this.#zigzag(value);
    return this;
  }

  /** A bool field. */
  bool(id: number, value: boolean): this {
    this.#field(id, value ? T.TRUE : T.FALSE);
    return this;
  }

  /** A UTF-8 string field. */
  string(id: number, value: string): this {
    this.#field(id, T.BINARY);
    this.#binary(value);
    return this;
  }

  #binary(value: string): void {
    const encoded = Buffer.from(value, "utf8");
    this.#varint(encoded.length);
    this.#ensure(encoded.length);
    this.#bytes.set(encoded, this.#length);
    this.#length += encoded.length;
  }

  #listHeader(size: number, elementType: number): void {
    if (size < 15) this.#byte((size << 4) | elementType);
    else {
      this.#byte(0xf0 | elementType);
      this.#varint(size);
    }
  }

  /** A list<i32> field. */
  i32List(id: number, values: readonly number[]): this {
    this.#field(id, T.LIST);
    this.#listHeader(values.length, T.I32);
    for (const v of values) this.#zigzag(v);
    return this;
  }

  /** A list<string> field. */
  stringList(id: number, values: readonly string[]): this {
    this.#field(id, T.LIST);
    this.#listHeader(values.length, T.BINARY);
    for (const v of values) this.#binary(v);
    return this;
  }

  /** A struct field whose fields `body` writes. */
  struct(id: number, body: (w: this) => void): this {
    this.#field(id, T.STRUCT);
    this.#inStruct(body);
    return this;
  }

  /** A list<struct> field: `body` writes the fields of element `i`. */
  structList<V>(id: number, items: readonly V[], body: (w: this, item: V) => void): this {
    this.#field(id, T.LIST);
    this.#listHeader(items.length, T.STRUCT);
    for (const item of items) this.#inStruct((w) => body(w, item));
    return this;
  }

  #inStruct(body: (w: this) => void): void {
    this.#lastId.push(0);
    body(this);
    this.#lastId.pop();
    this.#byte(0);
  }

  /** Ends the top-level struct. */
  end(): Uint8Array {
    this.#byte(0);
    return this.bytes;
  }
}
