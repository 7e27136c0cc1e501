/** Messages of the map's own states and keyboard use (web.md §3.5, §3.11, §4.6). */
export const mapEn = {
  mapLoadingData: "Loading map data…",
  mapStillLoading: "The map is still loading.",
  mapNoWebgl:
    "The map cannot be drawn on this device because WebGL is not available. The table below lists the same tracts; search and the tract details still work.",
  mapKeyboardLabel:
    "Map. Arrow keys pan, plus and minus zoom, Enter or Space selects the tract under the crosshair, Escape clears the selection.",
  mapRetried: "Loading the map again.",
  layerPicker: "Map layer",
  layerDefault: "Identified communities",
  layerClass: "{from}–{to}",
  layerThreshold: "(threshold: {p}th percentile)",
  layerMissing: "Missing data",
  layerZoomIn: "Zoom in to see this layer: the simplified view has no indicator values.",
  layerUnavailable: "Map layer {layer} is not available; showing identified communities.",
} as const;

export const mapEs: Record<keyof typeof mapEn, string> = {
  mapLoadingData: "Cargando datos del mapa…",
  mapStillLoading: "El mapa todavía se está cargando.",
  mapNoWebgl:
    "El mapa no se puede dibujar en este dispositivo porque WebGL no está disponible. La tabla de abajo muestra los mismos distritos; la búsqueda y los detalles del distrito siguen funcionando.",
  mapKeyboardLabel:
    "Mapa. Las flechas desplazan, más y menos acercan y alejan, Intro o Espacio selecciona el distrito bajo la cruz, Escape borra la selección.",
  mapRetried: "Cargando el mapa de nuevo.",
  layerPicker: "Capa del mapa",
  layerDefault: "Comunidades identificadas",
  layerClass: "{from} a {to}",
  layerThreshold: "(umbral: percentil {p})",
  layerMissing: "Sin datos",
  layerZoomIn: "Acerque el mapa para ver esta capa: la vista simplificada no tiene valores de indicadores.",
  layerUnavailable: "La capa {layer} no está disponible; se muestran las comunidades identificadas.",
};
