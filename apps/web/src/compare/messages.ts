import type { Lang } from "../i18n.ts";

const en = {
  compareLabel: "Compare with",
  compareOff: "No comparison",
  compareVersion: "Version {v}",
  compareTitle: "Changes from version {old} to {new}",
  compareHelp: "Tracts are coloured by how their status changed between the two versions.",
  inBoth: "Identified in both versions",
  added: "Newly identified in {new}",
  keptByGrandfathering: "Kept by grandfathering from {old}",
  removed: "No longer identified in {new}",
  inNeither: "Identified in neither version",
  notComparable: "Not comparable",
  tractCount: "{n} tracts",
  compareZoomIn: "Zoom in to see the changes tract by tract.",
  compareUnavailable: "A comparison with version {v} is not available here.",
  compareNoData: "Version {new} publishes no change data for version {old}.",
  versionsTitle: "Status in each version",
  statusIdentified: "identified",
  statusGrandfathered: "identified (kept from {old})",
  statusNotIdentified: "not identified",
  statusUnknown: "unknown",
  changeLabel: "Change",
  viewIn: "View in {v}",
  historyTitle: "This tract in {old} and {new}",
  historyRow: "Item",
  historyCategories: "Categories met",
  historyBurdens: "Burdens met",
  historyChanged: "changed",
  historyChangedRows: "{n} rows changed",
  historyNoChange: "Nothing changed between the two versions.",
  historyShowUnchanged: "Show unchanged ({n})",
  historyUnchangedRows: "{n} rows unchanged",
  historyFailed: "The other version of this tract could not be loaded.",
} as const;

/** A comparison-mode message key. */
export type CompareKey = keyof typeof en;

const es: Record<CompareKey, string> = {
  compareLabel: "Comparar con",
  compareOff: "Sin comparación",
  compareVersion: "Versión {v}",
  compareTitle: "Cambios de la versión {old} a la {new}",
  compareHelp: "Los distritos se colorean según cómo cambió su condición entre las dos versiones.",
  inBoth: "Identificado en ambas versiones",
  added: "Identificado por primera vez en la {new}",
  keptByGrandfathering: "Conservado de la {old}",
  removed: "Ya no identificado en la {new}",
  inNeither: "No identificado en ninguna versión",
  notComparable: "No comparable",
  tractCount: "{n} distritos",
  compareZoomIn: "Acerque el mapa para ver los cambios distrito por distrito.",
  compareUnavailable: "La comparación con la versión {v} no está disponible aquí.",
  compareNoData: "La versión {new} no publica datos de cambios respecto de la versión {old}.",
  versionsTitle: "Condición en cada versión",
  statusIdentified: "identificado",
  statusGrandfathered: "identificado (conservado de la {old})",
  statusNotIdentified: "no identificado",
  statusUnknown: "desconocido",
  changeLabel: "Cambio",
  viewIn: "Ver en la {v}",
  historyTitle: "Este distrito en la {old} y la {new}",
  historyRow: "Elemento",
  historyCategories: "Categorías cumplidas",
  historyBurdens: "Cargas cumplidas",
  historyChanged: "cambió",
  historyChangedRows: "{n} filas cambiaron",
  historyNoChange: "Nada cambió entre las dos versiones.",
  historyShowUnchanged: "Mostrar sin cambios ({n})",
  historyUnchangedRows: "{n} filas sin cambios",
  historyFailed: "No se pudo cargar la otra versión de este distrito.",
};

/** Both catalogues, for the parity test. */
export const COMPARE_MESSAGES: Record<Lang, Record<CompareKey, string>> = { en, es };

/** The comparison-mode message for `key` in `lang`, with `{name}` placeholders replaced. */
export function ct(lang: Lang, key: CompareKey, vars: Record<string, string | number> = {}): string {
  return COMPARE_MESSAGES[lang][key].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in vars ? String(vars[name]) : m,
  );
}
