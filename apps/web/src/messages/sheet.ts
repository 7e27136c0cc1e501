/**
 * Messages of the panel's bottom sheet on phones (web.md §3.1), its indicator highlight (§4.6)
 * and the English ordinal endings of percentiles (21st, 92nd, 93rd; §3.7.8).
 */
export const sheetEn = {
  sheetSize: "Panel size",
  sheetPeek: "Small",
  sheetHalf: "Half",
  sheetFull: "Full",
  sheetNow: "Panel size: {size}",
  sheetDrag: "Drag to resize the panel, or use the size buttons.",
  layerRow: "Shown on the map",
  percentileSt: "{p}st percentile",
  percentileNd: "{p}nd percentile",
  percentileRd: "{p}rd percentile",
} as const;

export const sheetEs: Record<keyof typeof sheetEn, string> = {
  sheetSize: "Tamaño del panel",
  sheetPeek: "Pequeño",
  sheetHalf: "Mitad",
  sheetFull: "Completo",
  sheetNow: "Tamaño del panel: {size}",
  sheetDrag: "Arrastre para cambiar el tamaño del panel, o use los botones de tamaño.",
  layerRow: "Se muestra en el mapa",
  // Spanish writes the number after "percentil", with no ordinal ending.
  percentileSt: "percentil {p}",
  percentileNd: "percentil {p}",
  percentileRd: "percentil {p}",
};
