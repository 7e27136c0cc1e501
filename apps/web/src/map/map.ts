import * as maplibregl from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import { type PMTiles, Protocol } from "pmtiles";
import { forgetArchives, tileArchive } from "./archives.ts";
import type { Camera } from "./camera.ts";
import {
  buildStyle,
  hatchImage,
  MISSING_HATCH,
  MISSING_HATCH_LAYER,
  selectionFilter,
  TRIBAL_LAYERS,
} from "./style.ts";
import { MAP_WORKER_URL, withEarlyMapWorker } from "./worker.ts";

let protocol: Protocol | undefined;

/**
 * Registers the `pmtiles://` protocol and the same-origin worker (CSP, web.md §1.6) once per
 * page, and starts the worker pool now, with the worker the shell started at boot when there is
 * one (`worker.ts`): its start-up otherwise waits for the first map to be constructed.
 */
export function prepareMap(): Protocol {
  if (!protocol) {
    maplibregl.setWorkerUrl(MAP_WORKER_URL);
    protocol = new Protocol();
    maplibregl.addProtocol("pmtiles", protocol.tile);
    withEarlyMapWorker(() => maplibregl.prewarm());
  }
  return protocol;
}

/**
 * The archive at `url`, registered with the protocol, with its header and root directory
 * requested now, so the style's sources find them in memory instead of asking in turn.
 */
export function openArchive(url: string): PMTiles {
  const proto = prepareMap();
  const archive = tileArchive(url);
  if (proto.get(url) !== archive) proto.add(archive);
  return archive;
}

/**
 * Drops the archive readers of `urls` and registers fresh ones. A reader keeps a failed header
 * or directory request as its answer, so retrying after a failure needs new readers.
 */
export function resetArchives(urls: readonly string[]): void {
  forgetArchives();
  for (const url of urls) openArchive(url);
}

/** The map of one version: tract layers from its tile archives, selection by GEOID. */
export interface TractMap {
  map: maplibregl.Map;
  /** Selectable zoom, read from the detail archive's header. */
  zsel: number;
  /** Whether the release has a tribal archive (its layers exist in the style). */
  hasTribal: boolean;
  setSelected(geoid: string | undefined): void;
  /** Shows or hides the tribal land and village layers. */
  setTribalVisible(visible: boolean): void;
  /** Shows or hides the style's layers of these ids (absent ids are skipped). */
  setLayerVisible(ids: readonly string[], visible: boolean): void;
  whenIdle(): Promise<void>;
  /** Runs `f` now if the style's layers exist, else once they do. */
  whenStyle(f: () => void): void;
  /** Reads the archives again and reloads every tile (after a failure, the notice's *Retry*). */
  retry(): void;
  /**
   * Draws the missing-data hatch over the tracts `missing` matches (an indicator layer's
   * `missingValue`), or, with `undefined`, nowhere (the default layer).
   */
  setMissingHatch(missing: maplibregl.ExpressionSpecification | undefined): void;
  /** Places (or moves) the single search marker; `undefined` removes it. */
  setMarker(point: { lon: number; lat: number; label: string } | undefined): void;
}

/** Creates the map in `container` once the detail archive's header is read. */
export async function createTractMap(opts: {
  container: HTMLElement;
  detailUrl: string;
  overviewUrl?: string;
  tribalUrl?: string;
  camera: Camera;
  locale: Record<string, string>;
  /**
   * Adds MapLibre's geolocate control (web.md §3.9), in secure contexts with a geolocation API
   * only. The control moves the camera to the position; `onPosition` is then told where it is,
   * and `onError` why there is none (`denied`: the site may not read the location).
   */
  geolocate?: {
    onPosition(lon: number, lat: number): void;
    onError(denied: boolean): void;
  };
}): Promise<TractMap> {
  const urls = [opts.detailUrl, opts.overviewUrl, opts.tribalUrl].filter((u): u is string => u !== undefined);
  // All headers at once: the overview and tribal ones are needed for the first frame too.
  const detail = openArchive(opts.detailUrl);
  if (opts.overviewUrl) openArchive(opts.overviewUrl);
  if (opts.tribalUrl) openArchive(opts.tribalUrl);
  const header = await detail.getHeader();
  performance.mark("cejst:archive-header");
  const zsel = header.minZoom;
  const map = new maplibregl.Map({
    container: opts.container,
    style: buildStyle({
      detailUrl: opts.detailUrl,
      overviewUrl: opts.overviewUrl,
      tribalUrl: opts.tribalUrl,
      zsel,
    }),
    center: [opts.camera.lon, opts.camera.lat],
    zoom: opts.camera.zoom,
    minZoom: 3,
    maxZoom: 16,
    dragRotate: false,
    pitchWithRotate: false,
    maxPitch: 0,
    attributionControl: { compact: true },
    locale: opts.locale,
    // Fading tiles in costs a dozen extra frames per load, each a full redraw on software GL.
    fadeDuration: 0,
    // The test hooks and screenshots read the canvas.
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
  });
  performance.mark("cejst:map-created");
  map.once("load", () => performance.mark("cejst:map-style"));
  const firstTile = (ev: maplibregl.MapSourceDataEvent) => {
    if (ev.tile === undefined) return;
    performance.mark("cejst:first-tile");
    map.off("sourcedata", firstTile);
  };
  map.on("sourcedata", firstTile);
  // The hatch is added when the style first needs it, so the map never draws a missing image.
  map.on("styleimagemissing", (ev: { id: string }) => {
    if (ev.id === MISSING_HATCH && !map.hasImage(MISSING_HATCH)) map.addImage(MISSING_HATCH, hatchImage());
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
  const geo = opts.geolocate;
  if (geo && window.isSecureContext && "geolocation" in navigator) {
    // One position per press: following the user would fight the camera moves of a selection.
    const control = new maplibregl.GeolocateControl({ trackUserLocation: false });
    control.on("geolocate", (pos) => geo.onPosition(pos.coords.longitude, pos.coords.latitude));
    control.on("error", (err) => geo.onError(err.code === 1));
    map.addControl(control, "top-right");
  }

  const whenIdle = (): Promise<void> =>
    new Promise((resolve) => {
      if (map.loaded() && !map.isMoving() && map.areTilesLoaded()) resolve();
      else map.once("idle", () => resolve());
    });
  // `isStyleLoaded()` is also false while a source reloads (after a data-driven paint change,
  // say), and "load" fires only once: that the style's first layer exists is the sign that its
  // layers can be changed.
  const whenStyle = (f: () => void) => {
    if (map.getLayer("background")) f();
    else map.once("load", f);
  };
  const setLayerVisible = (ids: readonly string[], visible: boolean) =>
    whenStyle(() => {
      for (const id of ids)
        if (map.getLayer(id)) map.setLayoutProperty(id, "visibility", visible ? "visible" : "none");
    });
  let marker: maplibregl.Marker | undefined;
  return {
    map,
    zsel,
    hasTribal: opts.tribalUrl !== undefined,
    whenIdle,
    whenStyle,
    retry() {
      resetArchives(urls);
      for (const id of Object.keys(map.getStyle()?.sources ?? {})) map.refreshTiles(id);
    },
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
      whenStyle(() => {
        map.setFilter("selected-casing", f);
        map.setFilter("selected-outline", f);
      });
    },
    setMissingHatch(missing) {
      whenStyle(() => map.setFilter(MISSING_HATCH_LAYER, missing ?? ["boolean", false]));
    },
    setTribalVisible: (visible) => setLayerVisible(TRIBAL_LAYERS, visible),
    setLayerVisible,
  };
}
