import * as maplibregl from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import { PMTiles, Protocol } from "pmtiles";
import type { Camera } from "./camera.ts";
import { buildStyle, selectionFilter } from "./style.ts";

let protocol: Protocol | undefined;

/** Registers the `pmtiles://` protocol once per page and the same-origin worker (CSP, web.md §1.6). */
function registerOnce(): Protocol {
  if (!protocol) {
    maplibregl.setWorkerUrl(workerUrl);
    protocol = new Protocol();
    maplibregl.addProtocol("pmtiles", protocol.tile);
  }
  return protocol;
}

/** The map of one version: tract layers from its tile archives, selection by GEOID. */
export interface TractMap {
  map: maplibregl.Map;
  /** Selectable zoom, read from the detail archive's header. */
  zsel: number;
  setSelected(geoid: string | undefined): void;
  whenIdle(): Promise<void>;
  /** Places (or moves) the single search marker; `undefined` removes it. */
  setMarker(point: { lon: number; lat: number; label: string } | undefined): void;
}

/** Creates the map in `container` once the detail archive's header is read. */
export async function createTractMap(opts: {
  container: HTMLElement;
  detailUrl: string;
  overviewUrl?: string;
  camera: Camera;
  locale: Record<string, string>;
}): Promise<TractMap> {
  const proto = registerOnce();
  const detail = new PMTiles(opts.detailUrl);
  proto.add(detail);
  if (opts.overviewUrl) proto.add(new PMTiles(opts.overviewUrl));
  const header = await detail.getHeader();
  const zsel = header.minZoom;
  const map = new maplibregl.Map({
    container: opts.container,
    style: buildStyle({ detailUrl: opts.detailUrl, overviewUrl: opts.overviewUrl, zsel }),
    center: [opts.camera.lon, opts.camera.lat],
    zoom: opts.camera.zoom,
    minZoom: 3,
    maxZoom: 16,
    dragRotate: false,
    pitchWithRotate: false,
    maxPitch: 0,
    attributionControl: { compact: true },
    locale: opts.locale,
    // The test hooks and screenshots read the canvas.
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");

  const whenIdle = (): Promise<void> =>
    new Promise((resolve) => {
      if (map.loaded() && !map.isMoving() && map.areTilesLoaded()) resolve();
      else map.once("idle", () => resolve());
    });
  let marker: maplibregl.Marker | undefined;
  return {
    map,
    zsel,
    whenIdle,
    setMarker(point) {
      marker?.remove();
      marker = undefined;
      if (!point) return;
      const el = document.createElement("div");
      el.className = "search-marker";
      el.setAttribute("role", "img");
      el.setAttribute("aria-label", point.label);
      marker = new maplibregl.Marker({ element: el, anchor: "bottom" })
        .setLngLat([point.lon, point.lat])
        .addTo(map);
    },
    setSelected(geoid) {
      const f = selectionFilter(geoid ?? "");
      const apply = () => {
        map.setFilter("selected-casing", f);
        map.setFilter("selected-outline", f);
      };
      if (map.isStyleLoaded()) apply();
      else map.once("load", apply);
    },
  };
}
