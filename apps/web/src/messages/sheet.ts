/** Messages of the panel's bottom sheet on phones (web.md §3.1) and its indicator highlight (§4.6). */
export const sheetEn = {
  sheetSize: "Panel size",
  sheetPeek: "Small",
  sheetHalf: "Half",
  sheetFull: "Full",
  sheetNow: "Panel size: {size}",
  sheetDrag: "Drag to resize the panel, or use the size buttons.",
  layerRow: "Shown on the map",
} as const;

export const sheetEs: Record<keyof typeof sheetEn, string> = {
  sheetSize: "Tamaño del panel",
  sheetPeek: "Pequeño",
  sheetHalf: "Mitad",
  sheetFull: "Completo",
  sheetNow: "Tamaño del panel: {size}",
  sheetDrag: "Arrastre para cambiar el tamaño del panel, o use los botones de tamaño.",
  layerRow: "Se muestra en el mapa",
};
