/** Messages of the explore page's frame, the search box and the content pages. */
export const pagesEn = {
  introDownloads: "Download the data of version {v}",
  introMethodology: "How tracts are identified",
  archivedNoMap: "Version {v} is archived: it has no map, only downloads.",
  viewSwitch: "View",
  viewMap: "Map",
  compareWith: "Compare with",
  compareNone: "No comparison",
  compareUnavailable: "A comparison with version {v} is not available.",
  zoomIn: "Zoom in",
  zoomOut: "Zoom out",
  backToTop: "Back to top",
  // Downloads
  downloadsHeading: "Downloads: version {v}",
  downloadsVersionPicker: "Version",
  downloadsShow: "Show",
  downloadsIntro:
    "Files of version {v} of the data. Links point to the published release, which never changes.",
  downloadsFormat: "Format",
  downloadsFile: "File name",
  downloadsLanguage: "Language",
  downloadsChecksumHelp:
    "To check a file, compute its SHA-256 checksum (for example `sha256sum file` on Linux, `shasum -a 256 file` on macOS, `Get-FileHash file` in PowerShell) and compare it with the value shown.",
  copy: "Copy",
  copyChecksum: "Copy the SHA-256 checksum of {file}",
  copied: "Copied",
  fullChecksum: "SHA-256 checksum {sha}",
  codebookLink: "Codebook: what every column means",
  notesToggle: "Release notes",
  notesEnglishOnly: "These notes are only available in English.",
  notesFailed: "The release notes could not be loaded.",
  developers: "For developers",
  developersManifest: "Release manifest (every file with its size and SHA-256)",
  developersOpenapi: "OpenAPI description of the JSON files",
  developersTract: "One tract's record: {pattern}",
  cite: "How to cite",
  citeText: "Climate and Economic Justice Screening Tool, data version {v}{date}. {url}",
  citeDate: ", released {date}",
  noDownloads: "This version lists no downloads.",
  kind_full_score_csv: "Full score table (CSV)",
  kind_full_score_parquet: "Full score table (Parquet)",
  kind_counties_parquet: "Full score table with county names (Parquet)",
  kind_tile_table_parquet: "Map tile table (Parquet)",
  kind_codebook: "Codebook",
  kind_communities_csv: "Communities list (CSV)",
  kind_communities_csv_zip: "Communities list with codebook (CSV, zipped)",
  kind_communities_xlsx: "Communities list (Excel)",
  kind_communities_xls_zip: "Communities list with codebook (Excel, zipped)",
  kind_communities_parquet: "Communities list (Parquet)",
  kind_shapefile_codebook_zip: "Shapefile codebook (zipped)",
  kind_shapefile: "Shapefile (zipped)",
  kind_release_notes: "Release notes",
  kind_other: "Other file",
  // Previous versions
  previousIntro: "Versions of the data other than the current one ({v}), newest first.",
  previousNone: "There are no other versions on this site.",
  previousVersion: "Version {v}",
  previousStatus_previous: "Superseded: map and downloads still available.",
  previousStatus_archived: "Archived: downloads only.",
  previousStatus_candidate: "Candidate: not yet approved.",
  previousReleased: "Released {date}",
  previousMethodology: "Methodology {m}",
  previousTracts: "{n} tracts, {k} identified",
  previousUnavailable: "Version {v} could not be loaded; it is unavailable for now.",
  viewOnMap: "View version {v} on the map",
  downloadsOf: "Downloads of version {v}",
  compareWithCurrent: "Compare version {v} with the current version",
  // Methodology
  methodologyHeading: "Methodology: version {v}",
  methodologyUnknown:
    "This app does not know methodology {m}; the published results are shown on the map, without explanations.",
  routesHeading: "How a tract is identified",
  routeCategories:
    "It meets at least one category: at least one burden at or above its threshold, together with the category's socioeconomic test.",
  routeTribal:
    "Lands of Federally Recognized Tribes are identified. A tract more than {share} inside such lands is identified; a tract partly inside is shown as partially identified.",
  routeSurrounded:
    "It is completely surrounded by identified tracts and meets an adjusted low-income test (at or above the {p}th percentile).",
  routeIsland: "It is in an Island Area and meets the low-income test.",
  routeGrandfathered:
    "It was identified in version 1.0 (grandfathered), even when the 2.0 rules alone do not identify it.",
  categoriesHeading: "The eight categories",
  categoryRule: "Identified through this category when any of these burdens is met AND {test}.",
  anyOf: "Any of these burdens",
  andThis: "And this socioeconomic test",
  indicatorsHeading: "Indicators and data sources",
  indicatorUsedIn: "Used in",
  indicatorThreshold: "Threshold",
  indicatorSource: "Source",
  indicatorYear: "Years of the data",
  indicatorColumn: "Column in the downloads",
  indicatorWhere: "Where it applies",
  whereNation: "States and the District of Columbia",
  wherePr: "Puerto Rico",
  whereIslands: "Island Areas",
  thresholdPercentile: "at or above the {p}th percentile",
  thresholdFlag: "yes",
  socioLowIncome:
    "low income: at or above the {p}th percentile of people in households below twice the federal poverty level",
  socioHighSchool: "high school education: at least {p} of adults 25 and over without a diploma",
  territoriesHeading: "Territories and Tribal Nations",
  territoriesText:
    "Puerto Rico is scored with the indicators whose data exists there; the others are marked as not used in that area. The Island Areas (American Samoa, Guam, the Northern Mariana Islands, the U.S. Virgin Islands) lack most national data: {islands}",
  islandsV2:
    "in version 2.0 they are identified when they meet the low-income test, or through workforce development indicators from the decennial census.",
  islandsV1:
    "in version 1.0 they are identified through workforce development indicators from the decennial census.",
  tribalText:
    "Lands of Federally Recognized Tribes, including Alaska Native Villages, are identified as disadvantaged. The map shows them as their own layer; a tract's panel gives the share of its area inside them.",
  tractsHeading: "Census tracts",
  tractsText:
    "The tool uses 2010 census tracts, which usually have between 1,200 and 8,000 people (about 4,000 on average). Tracts with no land, only water, are scored but not drawn on the map; search finds them by id.",
  documentsHeading: "Documents",
  documentsNone: "This version lists no technical documents.",
  // About
  aboutHeading: "About the screening tool",
  aboutWhat:
    "The Climate and Economic Justice Screening Tool identifies census tracts that are overburdened and underserved, using public data on climate, energy, health, housing, legacy pollution, transportation, water and workforce. Programs use it to find communities that may benefit from their investments.",
  aboutHowHeading: "How to use it",
  aboutHow:
    "Search for a tract id, a county, a state or coordinates, or zoom in and select a tract. The side panel says whether the tract is identified and why, with each indicator's value, threshold and distance to it. Every version's data can be downloaded with checksums.",
  aboutCurrent: "The current version is {v}.",
  aboutSyntheticHeading: "Synthetic data",
  aboutSynthetic:
    "The data shown here is a synthetic sample generated for testing. It describes no real place and must not be used for decisions.",
  aboutAccessibilityHeading: "Accessibility",
  aboutAccessibility:
    "The site aims to meet WCAG 2.2 level AA. The map can be used with a keyboard (arrow keys to pan, + and − to zoom, Enter to select the tract under the crosshair), and every tract's answer and explanation is available as text in the side panel. A map cannot convey everything to every reader: the table view and the downloads carry the same data.",
  aboutLicenceHeading: "Licence",
  aboutLicence: "The data is dedicated to the public domain under CC0 1.0 Universal.",
  aboutCiteHeading: "How to cite",
  aboutContactHeading: "Contact",
  aboutContactNone: "This site has no contact address configured.",
  // FAQ
  faqIntro: "Select a question to show its answer; several can be open at once.",
  faqQ1: "What does the map identify, and for what?",
  faqA1:
    "It identifies census tracts as disadvantaged when they are overburdened and underserved, so that programs can direct benefits to them.",
  faqQ2: "How are communities identified?",
  faqA2:
    "A tract is identified when it meets a burden threshold in a category together with that category's socioeconomic test, when it is on lands of Federally Recognized Tribes, or when it is surrounded by identified tracts and has a low-income level close to the threshold. The methodology page lists every rule.",
  faqQ3: "Are race and ethnicity used?",
  faqA3: "No. Demographics are shown for information only and are not used to identify communities.",
  faqQ4: "How are territories handled?",
  faqA4:
    "Puerto Rico uses the indicators for which data exists there. The Island Areas use the decennial census indicators and, in 2.0, the low-income test.",
  faqQ5: "How are Tribal Nations' lands handled?",
  faqA5:
    "Lands of Federally Recognized Tribes are identified. Tracts partly inside them are shown as partially identified.",
  faqQ6: "What do the map colours mean?",
  faqA6:
    "Blue tracts are identified, orange hatched tracts are identified because of their 1.0 status, and tracts without fill are not identified. The legend on the map lists every class.",
  faqQ7: "What does “partially” mean?",
  faqA7:
    "Part of the tract is on lands of Federally Recognized Tribes, which are identified; the rest of the tract is not.",
  faqQ8: "What is grandfathering?",
  faqA8:
    "In version 2.0, a tract identified in version 1.0 keeps that status even when the 2.0 rules alone would not identify it.",
  faqQ9: "What changed between versions?",
  faqA9: "Each version's release notes, linked from the downloads page, say what changed.",
  faqQ10: "Which files exist and how do I use them?",
  faqA10:
    "The downloads page lists every file of a version: the communities list, the full score table, the codebook and more, each with its size and SHA-256 checksum.",
  faqQ11: "Why 2010 census tracts?",
  faqA11:
    "The methodology was built on 2010 tract boundaries, and keeping them lets versions be compared tract by tract.",
  faqQ12: "How does this map relate to other screening maps?",
  faqA12:
    "Other tools use other indicators, thresholds and geographies; their results can differ. This tool publishes every decision with its reasons so they can be compared.",
  // Privacy
  privacyText1: "This site sets no cookies and has no accounts or analytics.",
  privacyText2:
    "It stores your language choice and a few display preferences (such as dismissed notices) in your browser's local storage.",
  privacyText3:
    "It requests files only from its own address and from the data host that publishes the versions.",
  privacyGeocoderOn: "Address search is on: the address you type is sent to {provider}.",
  privacyGeocoderOff: "Address search is off on this site, so nothing you type leaves it.",
  // Printable report
  pageReport: "Report",
  pageReportDescription: "A printable report of chosen census tracts: summary, table, answers and reasons.",
  reportHeading: "Report on census tracts, version {v}",
  reportEmpty:
    "No tracts were chosen for this report. Select a tract on the map and print its report, or list tract ids in the address, for example ?tracts=24001000100,24001000200.",
  reportOpenMap: "Open the map",
  reportPrint: "Print or save as PDF",
  reportVersion: "Data version {v}",
  reportReleaseId: "Release id {id}",
  reportGenerated: "Generated on {date}",
  reportSummary: "Summary",
  reportTractCount: "Tracts in this report: {n}",
  reportIdentified: "Identified as disadvantaged: {k} of {n} ({p})",
  reportGrandfathered: "Grandfathered from version 1.0: {k}",
  reportTribal: "Overlapping tribal lands or Alaska Native Villages: {k}",
  reportPopulation: "Population: {total}, of whom {k} ({p}) live in identified tracts",
  reportPopulationUnknown: "Tracts whose population is not published (not counted above): {ids}",
  reportTable: "Tracts in this report",
  reportColTract: "Tract",
  reportColCounty: "County",
  reportColState: "State or territory",
  reportColAnswer: "Identified as disadvantaged?",
  reportNotFound: "Not tracts of version {v}, left out: {ids}",
  reportTooMany: "A report lists at most {max} tracts; the first {max} are shown.",
  reportTableOnly:
    "Answers and reasons are shown tract by tract for up to {n} tracts; this report has the table only.",
} as const;

/** Spanish messages of the explore frame, search box and content pages. */
export const pagesEs: Record<keyof typeof pagesEn, string> = {
  introDownloads: "Descargue los datos de la versión {v}",
  introMethodology: "Cómo se identifican los distritos",
  archivedNoMap: "La versión {v} está archivada: no tiene mapa, solo descargas.",
  viewSwitch: "Vista",
  viewMap: "Mapa",
  compareWith: "Comparar con",
  compareNone: "Sin comparación",
  compareUnavailable: "No hay una comparación disponible con la versión {v}.",
  zoomIn: "Acercar",
  zoomOut: "Alejar",
  backToTop: "Volver arriba",
  downloadsHeading: "Descargas: versión {v}",
  downloadsVersionPicker: "Versión",
  downloadsShow: "Mostrar",
  downloadsIntro:
    "Archivos de la versión {v} de los datos. Los enlaces apuntan a la publicación, que nunca cambia.",
  downloadsFormat: "Formato",
  downloadsFile: "Nombre del archivo",
  downloadsLanguage: "Idioma",
  downloadsChecksumHelp:
    "Para comprobar un archivo, calcule su suma SHA-256 (por ejemplo `sha256sum archivo` en Linux, `shasum -a 256 archivo` en macOS, `Get-FileHash archivo` en PowerShell) y compárela con el valor mostrado.",
  copy: "Copiar",
  copyChecksum: "Copiar la suma SHA-256 de {file}",
  copied: "Copiado",
  fullChecksum: "Suma de verificación SHA-256 {sha}",
  codebookLink: "Libro de códigos: qué significa cada columna",
  notesToggle: "Notas de la versión",
  notesEnglishOnly: "Estas notas solo están disponibles en inglés.",
  notesFailed: "No se pudieron cargar las notas de la versión.",
  developers: "Para desarrolladores",
  developersManifest: "Manifiesto de la publicación (cada archivo con su tamaño y SHA-256)",
  developersOpenapi: "Descripción OpenAPI de los archivos JSON",
  developersTract: "Registro de un distrito: {pattern}",
  cite: "Cómo citar",
  citeText:
    "Herramienta de Evaluación de la Justicia Climática y Económica, versión de datos {v}{date}. {url}",
  citeDate: ", publicada el {date}",
  noDownloads: "Esta versión no tiene descargas.",
  kind_full_score_csv: "Tabla completa de puntuaciones (CSV)",
  kind_full_score_parquet: "Tabla completa de puntuaciones (Parquet)",
  kind_counties_parquet: "Tabla completa de puntuaciones con nombres de condados (Parquet)",
  kind_tile_table_parquet: "Tabla de las teselas del mapa (Parquet)",
  kind_codebook: "Libro de códigos",
  kind_communities_csv: "Lista de comunidades (CSV)",
  kind_communities_csv_zip: "Lista de comunidades con libro de códigos (CSV, comprimido)",
  kind_communities_xlsx: "Lista de comunidades (Excel)",
  kind_communities_xls_zip: "Lista de comunidades con libro de códigos (Excel, comprimido)",
  kind_communities_parquet: "Lista de comunidades (Parquet)",
  kind_shapefile_codebook_zip: "Libro de códigos del shapefile (comprimido)",
  kind_shapefile: "Shapefile (comprimido)",
  kind_release_notes: "Notas de la versión",
  kind_other: "Otro archivo",
  previousIntro: "Versiones de los datos distintas de la vigente ({v}), de la más reciente a la más antigua.",
  previousNone: "No hay otras versiones en este sitio.",
  previousVersion: "Versión {v}",
  previousStatus_previous: "Reemplazada: el mapa y las descargas siguen disponibles.",
  previousStatus_archived: "Archivada: solo descargas.",
  previousStatus_candidate: "Candidata: aún no aprobada.",
  previousReleased: "Publicada el {date}",
  previousMethodology: "Metodología {m}",
  previousTracts: "{n} distritos, {k} identificados",
  previousUnavailable: "No se pudo cargar la versión {v}; por ahora no está disponible.",
  viewOnMap: "Ver la versión {v} en el mapa",
  downloadsOf: "Descargas de la versión {v}",
  compareWithCurrent: "Comparar la versión {v} con la vigente",
  methodologyHeading: "Metodología: versión {v}",
  methodologyUnknown:
    "Esta aplicación no conoce la metodología {m}; el mapa muestra los resultados publicados, sin explicaciones.",
  routesHeading: "Cómo se identifica un distrito",
  routeCategories:
    "Cumple al menos una categoría: al menos una carga en su umbral o por encima, junto con la prueba socioeconómica de la categoría.",
  routeTribal:
    "Las tierras de Tribus con Reconocimiento Federal se identifican. Un distrito con más del {share} dentro de esas tierras se identifica; uno que está en parte dentro se muestra como parcialmente identificado.",
  routeSurrounded:
    "Está completamente rodeado de distritos identificados y cumple una prueba de bajos ingresos ajustada (percentil {p} o superior).",
  routeIsland: "Está en un Área Insular y cumple la prueba de bajos ingresos.",
  routeGrandfathered:
    "Se identificó en la versión 1.0 (condición conservada), aunque las reglas de la 2.0 por sí solas no lo identifiquen.",
  categoriesHeading: "Las ocho categorías",
  categoryRule: "Se identifica por esta categoría cuando se cumple cualquiera de estas cargas Y {test}.",
  anyOf: "Cualquiera de estas cargas",
  andThis: "Y esta prueba socioeconómica",
  indicatorsHeading: "Indicadores y fuentes de datos",
  indicatorUsedIn: "Se usa en",
  indicatorThreshold: "Umbral",
  indicatorSource: "Fuente",
  indicatorYear: "Años de los datos",
  indicatorColumn: "Columna en las descargas",
  indicatorWhere: "Dónde se aplica",
  whereNation: "Estados y el Distrito de Columbia",
  wherePr: "Puerto Rico (territorio)",
  whereIslands: "Áreas Insulares",
  thresholdPercentile: "percentil {p} o superior",
  thresholdFlag: "sí",
  socioLowIncome:
    "bajos ingresos: percentil {p} o superior de personas en hogares por debajo del doble del nivel federal de pobreza",
  socioHighSchool: "educación secundaria: al menos {p} de los adultos de 25 años o más sin diploma",
  territoriesHeading: "Territorios y Naciones Tribales",
  territoriesText:
    "Puerto Rico se evalúa con los indicadores cuyos datos existen allí; los demás se marcan como no usados en esa zona. Las Áreas Insulares (Samoa Estadounidense, Guam, las Islas Marianas del Norte, las Islas Vírgenes de EE. UU.) carecen de la mayoría de los datos nacionales: {islands}",
  islandsV2:
    "en la versión 2.0 se identifican cuando cumplen la prueba de bajos ingresos, o por los indicadores de desarrollo de la fuerza laboral del censo decenal.",
  islandsV1:
    "en la versión 1.0 se identifican por los indicadores de desarrollo de la fuerza laboral del censo decenal.",
  tribalText:
    "Las tierras de Tribus con Reconocimiento Federal, incluidas las Aldeas Nativas de Alaska, se identifican como desfavorecidas. El mapa las muestra en su propia capa; el panel de un distrito indica qué parte de su superficie está dentro de ellas.",
  tractsHeading: "Distritos censales",
  tractsText:
    "La herramienta usa los distritos censales de 2010, que suelen tener entre 1.200 y 8.000 personas (unas 4.000 de media). Los distritos sin tierra, solo agua, se evalúan pero no se dibujan en el mapa; la búsqueda los encuentra por identificador.",
  documentsHeading: "Documentos",
  documentsNone: "Esta versión no incluye documentos técnicos.",
  aboutHeading: "Acerca de la herramienta",
  aboutWhat:
    "La Herramienta de Evaluación de la Justicia Climática y Económica identifica los distritos censales sobrecargados y desatendidos, con datos públicos sobre clima, energía, salud, vivienda, contaminación heredada, transporte, agua y fuerza laboral. Los programas la usan para encontrar comunidades que pueden beneficiarse de sus inversiones.",
  aboutHowHeading: "Cómo usarla",
  aboutHow:
    "Busque un identificador de distrito, un condado, un estado o unas coordenadas, o acerque el mapa y seleccione un distrito. El panel lateral indica si el distrito se identifica y por qué, con el valor de cada indicador, su umbral y la distancia a él. Los datos de cada versión se pueden descargar con sumas de verificación.",
  aboutCurrent: "La versión vigente es la {v}.",
  aboutSyntheticHeading: "Datos sintéticos",
  aboutSynthetic:
    "Los datos que se muestran aquí son una muestra sintética generada para pruebas. No describen ningún lugar real y no deben usarse para tomar decisiones.",
  aboutAccessibilityHeading: "Accesibilidad",
  aboutAccessibility:
    "El sitio aspira a cumplir el nivel AA de las WCAG 2.2. El mapa se puede usar con el teclado (flechas para desplazarse, + y − para acercar o alejar, Intro para seleccionar el distrito bajo la cruz), y la respuesta y la explicación de cada distrito están disponibles como texto en el panel lateral. Un mapa no puede transmitirlo todo a todas las personas: la vista de tabla y las descargas contienen los mismos datos.",
  aboutLicenceHeading: "Licencia",
  aboutLicence: "Los datos se dedican al dominio público con la licencia CC0 1.0 Universal.",
  aboutCiteHeading: "Cómo citar",
  aboutContactHeading: "Contacto",
  aboutContactNone: "Este sitio no tiene configurada una dirección de contacto.",
  faqIntro: "Seleccione una pregunta para ver su respuesta; puede abrir varias a la vez.",
  faqQ1: "¿Qué identifica el mapa y para qué?",
  faqA1:
    "Identifica distritos censales como desfavorecidos cuando están sobrecargados y desatendidos, para que los programas puedan dirigirles beneficios.",
  faqQ2: "¿Cómo se identifican las comunidades?",
  faqA2:
    "Un distrito se identifica cuando cumple un umbral de carga en una categoría junto con la prueba socioeconómica de esa categoría, cuando está en tierras de Tribus con Reconocimiento Federal, o cuando está rodeado de distritos identificados y tiene un nivel de bajos ingresos cercano al umbral. La página de metodología enumera todas las reglas.",
  faqQ3: "¿Se usan la raza y el origen étnico?",
  faqA3:
    "No. Los datos demográficos se muestran solo como información y no se usan para identificar comunidades.",
  faqQ4: "¿Cómo se tratan los territorios?",
  faqA4:
    "Puerto Rico usa los indicadores para los que hay datos allí. Las Áreas Insulares usan los indicadores del censo decenal y, en la 2.0, la prueba de bajos ingresos.",
  faqQ5: "¿Cómo se tratan las tierras de las Naciones Tribales?",
  faqA5:
    "Las tierras de Tribus con Reconocimiento Federal se identifican. Los distritos que están en parte dentro de ellas se muestran como parcialmente identificados.",
  faqQ6: "¿Qué significan los colores del mapa?",
  faqA6:
    "Los distritos en azul están identificados, los naranjas con rayas están identificados por su condición en la 1.0 y los que no tienen relleno no están identificados. La leyenda del mapa enumera cada clase.",
  faqQ7: "¿Qué significa «parcialmente»?",
  faqA7:
    "Parte del distrito está en tierras de Tribus con Reconocimiento Federal, que se identifican; el resto del distrito no.",
  faqQ8: "¿Qué es la condición conservada?",
  faqA8:
    "En la versión 2.0, un distrito identificado en la versión 1.0 conserva esa condición aunque las reglas de la 2.0 por sí solas no lo identifiquen.",
  faqQ9: "¿Qué cambió entre versiones?",
  faqA9: "Las notas de cada versión, enlazadas desde la página de descargas, explican qué cambió.",
  faqQ10: "¿Qué archivos hay y cómo se usan?",
  faqA10:
    "La página de descargas enumera cada archivo de una versión: la lista de comunidades, la tabla completa de puntuaciones, el libro de códigos y más, cada uno con su tamaño y su suma SHA-256.",
  faqQ11: "¿Por qué los distritos censales de 2010?",
  faqA11:
    "La metodología se construyó sobre los límites de 2010, y mantenerlos permite comparar las versiones distrito por distrito.",
  faqQ12: "¿Qué relación tiene este mapa con otros mapas de evaluación?",
  faqA12:
    "Otras herramientas usan otros indicadores, umbrales y geografías; sus resultados pueden ser distintos. Esta herramienta publica cada decisión con sus motivos para que se puedan comparar.",
  privacyText1: "Este sitio no usa cookies y no tiene cuentas ni analítica.",
  privacyText2:
    "Guarda su elección de idioma y algunas preferencias de presentación (como los avisos cerrados) en el almacenamiento local del navegador.",
  privacyText3:
    "Solo solicita archivos a su propia dirección y al servidor de datos que publica las versiones.",
  privacyGeocoderOn:
    "La búsqueda de direcciones está activada: la dirección que escriba se envía a {provider}.",
  privacyGeocoderOff:
    "La búsqueda de direcciones está desactivada en este sitio, así que nada de lo que escriba sale de él.",
  // Informe imprimible
  pageReport: "Informe",
  pageReportDescription:
    "Un informe imprimible de los distritos censales elegidos: resumen, tabla, respuestas y motivos.",
  reportHeading: "Informe sobre distritos censales, versión {v}",
  reportEmpty:
    "No se eligió ningún distrito para este informe. Seleccione un distrito en el mapa e imprima su informe, o indique los identificadores en la dirección, por ejemplo ?tracts=24001000100,24001000200.",
  reportOpenMap: "Abrir el mapa",
  reportPrint: "Imprimir o guardar como PDF",
  reportVersion: "Versión de los datos {v}",
  reportReleaseId: "Identificador de la publicación {id}",
  reportGenerated: "Generado el {date}",
  reportSummary: "Resumen",
  reportTractCount: "Distritos en este informe: {n}",
  reportIdentified: "Identificados como desfavorecidos: {k} de {n} ({p})",
  reportGrandfathered: "Mantenidos de la versión 1.0: {k}",
  reportTribal: "Con tierras tribales o aldeas nativas de Alaska: {k}",
  reportPopulation: "Población: {total}, de la cual {k} ({p}) vive en distritos identificados",
  reportPopulationUnknown: "Distritos cuya población no se publica (no contados arriba): {ids}",
  reportTable: "Distritos en este informe",
  reportColTract: "Distrito",
  reportColCounty: "Condado",
  reportColState: "Estado o territorio",
  reportColAnswer: "¿Identificado como desfavorecido?",
  reportNotFound: "No son distritos de la versión {v} y se omiten: {ids}",
  reportTooMany: "Un informe lista como máximo {max} distritos; se muestran los primeros {max}.",
  reportTableOnly:
    "Las respuestas y los motivos se muestran distrito por distrito hasta {n} distritos; este informe solo tiene la tabla.",
};
