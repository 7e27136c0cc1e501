import { mapEn, mapEs } from "./messages/map.ts";
import { pagesEn, pagesEs } from "./messages/pages.ts";
import { panelEn, panelEs } from "./messages/panel.ts";
import { searchEn, searchEs } from "./messages/search.ts";
import { selectionEn, selectionEs } from "./messages/selection.ts";
import { sheetEn, sheetEs } from "./messages/sheet.ts";
import { shellEn, shellEs } from "./messages/shell.ts";

/** UI languages. */
export type Lang = "en" | "es";

const core = {
  siteName: "Climate and Economic Justice Screening Tool",
  skip: "Skip to main content",
  version: "Version {v}",
  language: "Language",
  synthetic: "Synthetic sample: this data is generated for testing and describes no real place.",
  preview: "Preview: this site is not the public release.",
  loading: "Loading…",
  misconfigured: "This site is misconfigured.",
  misconfiguredField: "Problem: {field}",
  retry: "Retry",
  versionUnavailable: "Version {v} is not available here; showing version {d}.",
  versionLoadFailed: "Version {v} could not be loaded ({why}).",
  mapLabel: "Map of census tracts. Click a tract to see why it is or is not identified.",
  mapError: "Some map data could not be loaded.",
  legend: "Legend",
  legendIdentified: "Identified as disadvantaged",
  legendGrandfathered: "Identified (grandfathered from 1.0)",
  legendNotIdentified: "Not identified",
  legendSelected: "Selected tract",
  legendOverview: "Simplified view at this zoom; zoom in to see and select exact tracts.",
  zoomedIn: "Zoomed in: tracts can now be selected.",
  searchLabel: "Search for a tract, county, state or place",
  searchPlaceholder: "Town, county, state, tract id or lat, lon",
  searchButton: "Search",
  searchNoMatch: "No tract has the id {id} in this version.",
  searchInvalid: "Type a census tract id of 10 or 11 digits.",
  searchSuggestions: "Tracts starting with {prefix}",
  introTitle: "Explore the map",
  introText:
    "Find a tract by searching its 11-digit id or by zooming in and clicking it. The panel then explains whether the tract is identified as disadvantaged and why: every burden, its percentile and the threshold it is compared with.",
  introColours: "Blue tracts are identified as disadvantaged; see the legend on the map.",
  downloads: "Downloads",
  file: "File",
  size: "Size",
  checksum: "SHA-256",
  close: "Close",
  panelActions: "Actions",
  copyLink: "Copy link",
  linkCopied: "Link copied.",
  copyFailed: "The link could not be copied; copy it from the address bar.",
  printReport: "Print report",
  tractRecord: "This tract's data (JSON)",
  tract: "Census tract {id}",
  county: "County",
  state: "State",
  territory: "Territory",
  population: "Population",
  missing: "missing data",
  question: "Identified as disadvantaged?",
  yes: "Yes",
  no: "No",
  partially: "Partially",
  reasons: "Why",
  reasonCategories:
    "It meets {n} burden thresholds in {m} categories together with their socioeconomic test: {names}.",
  reasonWithoutGate:
    "It meets burden thresholds in {names}, but not the socioeconomic test those categories need, so it is not identified through them.",
  reasonNothing: "It meets no burden threshold.",
  reasonLowIncomeMet: "It meets the low-income test.",
  reasonLowIncomeNotMet: "It does not meet the low-income test.",
  reasonSurrounded:
    "It is completely surrounded by identified tracts ({k} of {k}) and its adjusted low income is at or above the 50th percentile.",
  reasonNotSurrounded:
    "It is not identified by the surrounded rule: {a} of {k} neighbouring tracts are identified.",
  reasonTerritory:
    "It is in an Island Area, where the national burden data does not exist, and meets the low-income test.",
  reasonTribal:
    "{share} of its area is inside lands of Federally Recognized Tribes, above 99.5%, so the tract is identified.",
  reasonTribalPart:
    "{share} of its area is inside lands of Federally Recognized Tribes; those lands are identified.",
  reasonGrandfathered:
    "It was identified in version 1.0 and keeps that status, although the 2.0 rules alone do not identify it.",
  socioeconomic: "Socioeconomic tests",
  lowIncome: "Low income",
  adjustedLowIncome: "Adjusted low income",
  highSchool: "High school education (share without a diploma)",
  categories: "Categories and indicators",
  expandAll: "Expand all",
  met: "Met",
  notMet: "Not met",
  percentileOf: "{p}th percentile",
  threshold: "threshold: at or above the {t}th percentile",
  shareThreshold: "threshold: at or above {t}",
  pointsBelow: "{d} points below",
  pointsAbove: "{d} points above",
  atThreshold: "at the threshold",
  houseValue: "and median home value at or below the {t}th percentile",
  andTest: "and {test}",
  loadingTrace: "Loading the full explanation…",
  traceFailed: "The full explanation could not be loaded.",
  notDrawn: "This tract has no land and is not drawn on the map.",
  selectedAnnounce: "Tract {id}, {county}, {state}: {answer}",
  methodology: "Methodology {v}",
} as const;

// Each area of the app keeps its messages in `src/messages/` (or beside its module) and is
// merged here, so both catalogues stay one flat key space.
const en = { ...core, ...mapEn, ...shellEn, ...pagesEn, ...searchEn, ...selectionEn, ...panelEn, ...sheetEn };

/** A message key; both catalogues have exactly these keys. */
export type MessageKey = keyof typeof en;

const coreEs: Record<keyof typeof core, string> = {
  siteName: "Herramienta de Evaluación de la Justicia Climática y Económica",
  skip: "Saltar al contenido principal",
  version: "Versión {v}",
  language: "Idioma",
  synthetic: "Muestra sintética: estos datos se generaron para pruebas y no describen ningún lugar real.",
  preview: "Vista previa: este sitio no es la publicación oficial.",
  loading: "Cargando…",
  misconfigured: "Este sitio está mal configurado.",
  misconfiguredField: "Problema: {field}",
  retry: "Reintentar",
  versionUnavailable: "La versión {v} no está disponible aquí; se muestra la versión {d}.",
  versionLoadFailed: "No se pudo cargar la versión {v} ({why}).",
  mapLabel: "Mapa de distritos censales. Haga clic en un distrito para ver por qué se identifica o no.",
  mapError: "No se pudieron cargar algunos datos del mapa.",
  legend: "Leyenda",
  legendIdentified: "Identificado como desfavorecido",
  legendGrandfathered: "Identificado (conservado de la versión 1.0)",
  legendNotIdentified: "No identificado",
  legendSelected: "Distrito seleccionado",
  legendOverview:
    "Vista simplificada a este nivel de zoom; acerque el mapa para ver y seleccionar los distritos.",
  zoomedIn: "Mapa acercado: ya se pueden seleccionar distritos.",
  searchLabel: "Buscar un distrito, condado, estado o lugar",
  searchPlaceholder: "Localidad, condado, estado, identificador de distrito o lat, lon",
  searchButton: "Buscar",
  searchNoMatch: "Ningún distrito tiene el identificador {id} en esta versión.",
  searchInvalid: "Escriba un identificador de distrito censal de 10 u 11 dígitos.",
  searchSuggestions: "Distritos que empiezan por {prefix}",
  introTitle: "Explorar el mapa",
  introText:
    "Busque un distrito por su identificador de 11 dígitos o acerque el mapa y haga clic en él. El panel explica entonces si el distrito se identifica como desfavorecido y por qué: cada carga, su percentil y el umbral con el que se compara.",
  introColours: "Los distritos en azul se identifican como desfavorecidos; consulte la leyenda del mapa.",
  downloads: "Descargas",
  file: "Archivo",
  size: "Tamaño",
  checksum: "SHA-256",
  close: "Cerrar",
  panelActions: "Acciones",
  copyLink: "Copiar enlace",
  linkCopied: "Enlace copiado.",
  copyFailed: "No se pudo copiar el enlace; cópielo de la barra de direcciones.",
  printReport: "Imprimir informe",
  tractRecord: "Datos de este distrito (JSON)",
  tract: "Distrito censal {id}",
  county: "Condado",
  state: "Estado",
  territory: "Territorio",
  population: "Población",
  missing: "faltan datos",
  question: "¿Identificado como desfavorecido?",
  yes: "Sí",
  no: "No",
  partially: "Parcialmente",
  reasons: "Por qué",
  reasonCategories:
    "Cumple {n} umbrales de carga en {m} categorías junto con su prueba socioeconómica: {names}.",
  reasonWithoutGate:
    "Cumple umbrales de carga en {names}, pero no la prueba socioeconómica que exigen esas categorías, por lo que no se identifica por ellas.",
  reasonNothing: "No cumple ningún umbral de carga.",
  reasonLowIncomeMet: "Cumple la prueba de bajos ingresos.",
  reasonLowIncomeNotMet: "No cumple la prueba de bajos ingresos.",
  reasonSurrounded:
    "Está completamente rodeado de distritos identificados ({k} de {k}) y sus ingresos bajos ajustados están en el percentil 50 o por encima.",
  reasonNotSurrounded:
    "No se identifica por la regla de distritos rodeados: {a} de {k} distritos vecinos están identificados.",
  reasonTerritory:
    "Está en un Área Insular, donde no existen los datos nacionales de cargas, y cumple la prueba de bajos ingresos.",
  reasonTribal:
    "El {share} de su superficie está en tierras de Tribus con Reconocimiento Federal, más del 99,5 %, por lo que el distrito se identifica.",
  reasonTribalPart:
    "El {share} de su superficie está en tierras de Tribus con Reconocimiento Federal; esas tierras se identifican.",
  reasonGrandfathered:
    "Se identificó en la versión 1.0 y conserva esa condición, aunque las reglas de la 2.0 por sí solas no lo identifican.",
  socioeconomic: "Pruebas socioeconómicas",
  lowIncome: "Bajos ingresos",
  adjustedLowIncome: "Bajos ingresos ajustados",
  highSchool: "Educación secundaria (proporción sin diploma)",
  categories: "Categorías e indicadores",
  expandAll: "Expandir todo",
  met: "Cumple",
  notMet: "No cumple",
  percentileOf: "percentil {p}",
  threshold: "umbral: percentil {t} o superior",
  shareThreshold: "umbral: {t} o más",
  pointsBelow: "{d} puntos por debajo",
  pointsAbove: "{d} puntos por encima",
  atThreshold: "en el umbral",
  houseValue: "y valor medio de la vivienda en el percentil {t} o inferior",
  andTest: "y {test}",
  loadingTrace: "Cargando la explicación completa…",
  traceFailed: "No se pudo cargar la explicación completa.",
  notDrawn: "Este distrito no tiene tierra y no se dibuja en el mapa.",
  selectedAnnounce: "Distrito {id}, {county}, {state}: {answer}",
  methodology: "Metodología {v}",
};

const es: Record<MessageKey, string> = {
  ...coreEs,
  ...mapEs,
  ...shellEs,
  ...pagesEs,
  ...searchEs,
  ...selectionEs,
  ...panelEs,
  ...sheetEs,
};

/** Both catalogues, exported for the parity test. */
export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en, es };

/** The message for `key` in `lang`, with `{name}` placeholders replaced. */
export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return CATALOGUES[lang][key].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in vars ? String(vars[name]) : m,
  );
}

/** The `Intl` locale of a UI language (web.md §2.8). */
export const locale = (lang: Lang): string => (lang === "es" ? "es-US" : "en-US");

/** Stored choice, else the first `es*`/`en*` browser language, else English. */
export function preferredLanguage(stored: string | null, languages: readonly string[]): Lang {
  if (stored === "en" || stored === "es") return stored;
  for (const l of languages) {
    const p = l.toLowerCase();
    if (p.startsWith("es")) return "es";
    if (p.startsWith("en")) return "en";
  }
  return "en";
}
