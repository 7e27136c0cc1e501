/** Content types by file name, for objects whose manifest entry names none. */

const BY_EXTENSION: Readonly<Record<string, string>> = {
  pmtiles: "application/vnd.pmtiles",
  json: "application/json",
  geojson: "application/geo+json",
  csv: "text/csv; charset=utf-8",
  zip: "application/zip",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  parquet: "application/vnd.apache.parquet",
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  map: "application/json",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  ico: "image/x-icon",
  woff2: "font/woff2",
  woff: "font/woff",
  pbf: "application/x-protobuf",
  txt: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  pdf: "application/pdf",
  xml: "application/xml",
  webmanifest: "application/manifest+json",
};

/**
 * The content type for a path: by extension, `text/plain` for `SHA256SUMS`, and
 * `application/octet-stream` otherwise.
 *
 * @example contentTypeFor("data/tiles/high.pmtiles") //= "application/vnd.pmtiles"
 */
export function contentTypeFor(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (name === "SHA256SUMS") return "text/plain; charset=utf-8";
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return "application/octet-stream";
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? "application/octet-stream";
}

/** True for types worth compressing on the way out (text, JSON, JS, SVG). */
export function isCompressible(contentType: string): boolean {
  const t = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return (
    t.startsWith("text/") ||
    t === "application/json" ||
    t === "application/geo+json" ||
    t === "application/manifest+json" ||
    t === "application/xml" ||
    t === "image/svg+xml"
  );
}
