import { createReadStream } from "node:fs";

/**
 * Yields the members of the top-level `features` array of a GeoJSON FeatureCollection file
 * one at a time, parsing each with `JSON.parse`. A national tract file is larger than the
 * longest string V8 allows, so it cannot be parsed whole. The scanner tracks only string and
 * nesting state, so it reads any valid JSON layout (whitespace, key order).
 */
export async function* streamFeatures(path: string): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  let depth = 0;
  let inString = false;
  let escaped = false;
  let inFeatures = false;
  /** Text of the top-level string being read (keys of the collection are short). */
  let topString = "";
  let lastTopString = "";
  /** Start of the feature being read in `buffer`, or -1. */
  let start = -1;
  let buffer = "";
  let scanned = 0;
  for await (const chunk of createReadStream(path)) {
    buffer += decoder.decode(chunk as Buffer, { stream: true });
    for (let i = scanned; i < buffer.length; i++) {
      const c = buffer[i] as string;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') {
          inString = false;
          if (depth === 1) lastTopString = topString;
        } else if (depth === 1) topString += c;
        continue;
      }
      if (c === '"') {
        inString = true;
        topString = "";
      } else if (c === "{" || c === "[") {
        depth++;
        if (depth === 2 && c === "[" && lastTopString === "features") inFeatures = true;
        else if (inFeatures && depth === 3) start = i;
      } else if (c === "}" || c === "]") {
        if (inFeatures && depth === 3 && start >= 0) {
          yield JSON.parse(buffer.slice(start, i + 1));
          start = -1;
        } else if (inFeatures && depth === 2) inFeatures = false;
        depth--;
      }
    }
    // Keep only the unfinished feature for the next chunk.
    if (start >= 0) {
      buffer = buffer.slice(start);
      start = 0;
    } else buffer = "";
    scanned = buffer.length;
  }
  if (depth !== 0 || inString)
    throw new Error(`GeoJSON file ${path} ends inside a value (got nesting depth ${depth})`);
}
