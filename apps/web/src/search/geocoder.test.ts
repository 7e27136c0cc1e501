import assert from "node:assert/strict";
import { test } from "node:test";
import { createGeocoder, parseGeocoderAnswer } from "./geocoder.ts";

test("the three answer formats become label, lon, lat (and box)", () => {
  assert.deepEqual(
    parseGeocoderAnswer("nominatim", [
      {
        lat: "38.9",
        lon: "-77.0",
        display_name: "12 Main St",
        boundingbox: ["38.8", "39.0", "-77.1", "-76.9"],
      },
      { lat: "x", lon: "1" },
    ]),
    [{ label: "12 Main St", lat: 38.9, lon: -77, bbox: [-77.1, 38.8, -76.9, 39] }],
  );
  assert.deepEqual(
    parseGeocoderAnswer("census", {
      result: { addressMatches: [{ matchedAddress: "12 MAIN ST", coordinates: { x: -77, y: 38.9 } }] },
    }),
    [{ label: "12 MAIN ST", lat: 38.9, lon: -77 }],
  );
  assert.deepEqual(
    parseGeocoderAnswer("geojson", {
      features: [{ geometry: { type: "Point", coordinates: [-77, 38.9] }, properties: { label: "A" } }],
    }),
    [{ label: "A", lat: 38.9, lon: -77 }],
  );
  assert.deepEqual(parseGeocoderAnswer("nominatim", { nope: 1 }), []);
});

test("queries are encoded, cached, and spaced by minIntervalMs; failures give no results", async () => {
  let clock = 0;
  const calls: { url: string; at: number }[] = [];
  const fail = new Set<string>();
  const geocode = createGeocoder(
    { url: "http://g.test/s?q={query}", format: "geojson", attribution: "G", minIntervalMs: 1000 },
    {
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
      fetch: (async (url: string) => {
        calls.push({ url, at: clock });
        const ok = !fail.has(url);
        return { ok, json: async () => ({ features: [] }) } as Response;
      }) as unknown as typeof fetch,
    },
  );
  await Promise.all([geocode("12 Main St & Elm"), geocode("12 main st  & elm")]);
  await geocode("9 Oak Ave");
  assert.deepEqual(
    calls.map((c) => c.url),
    ["http://g.test/s?q=12%20Main%20St%20%26%20Elm", "http://g.test/s?q=9%20Oak%20Ave"],
  );
  assert.ok((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0) >= 1000, "the second address waited a second");
  fail.add("http://g.test/s?q=bad");
  assert.deepEqual(await geocode("bad"), []);
});
