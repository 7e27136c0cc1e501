/** Messages of the map's own states, keyboard use and geolocation (web.md §3.5, §3.9, §3.11, §4.6). */
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
  geolocate: "Find my location",
  geolocateUnavailable: "Your location is not available: this site may not use it",
  geolocateDenied:
    "Your location is not available because this site was not allowed to use it. Allow location access for this site in your browser, or search for an address or place instead.",
  geolocateFailed: "Your location could not be found. Try again, or search for an address or place instead.",
  geolocateNoTract: "There is no census tract at your location on this map.",
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
  geolocate: "Buscar mi ubicación",
  geolocateUnavailable: "Su ubicación no está disponible: este sitio no puede usarla",
  geolocateDenied:
    "Su ubicación no está disponible porque no se permitió a este sitio usarla. Permita el acceso a la ubicación para este sitio en su navegador, o busque una dirección o un lugar.",
  geolocateFailed:
    "No se pudo encontrar su ubicación. Vuelva a intentarlo, o busque una dirección o un lugar.",
  geolocateNoTract: "No hay ningún distrito censal en su ubicación en este mapa.",
};
