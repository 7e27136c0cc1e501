/** Messages of the tract panel's *How close?* box, territories, demographics and actions. */
export const panelEn = {
  howClose: "How close?",
  howCloseIdentified: "It would not be identified if only one of these changed:",
  howCloseIdentifiedNone:
    "No single test is decisive: changing any one of them alone would not change the answer (for example, several categories are met).",
  howCloseNotIdentified: "It would be identified if only one of these were met:",
  howCloseNotIdentifiedNone:
    "No single test would change the answer. The nearest burden threshold and the low-income test would both have to change:",
  howCloseGrandfathered:
    "It is identified because it was identified in version 1.0. The 2.0 rules alone do not identify it.",
  howCloseGrandfatheredRoute:
    "Under the 2.0 rules alone it would be identified if only one of these were met:",
  howCloseGrandfatheredNone:
    "Under the 2.0 rules alone, no single test would identify it; the nearest burden threshold and the low-income test would both have to change:",
  howCloseMissing: "Missing, counted as not met: {names}.",
  howCloseNote:
    "Distances describe the published data and are not a forecast. Percentiles are ranks among all tracts, so a tract's percentile can move without any change in the tract.",
  howCloseInconsistent:
    "The published test results do not add up to the published answer, so no test is named as decisive.",
  traceInconsistent:
    "The explanation is inconsistent with the published result. The answer shown is the published one.",
  testIslandHighSchool: "High school education in the Island Areas (share without a diploma)",
  testTribal: "Share of the tract in lands of Federally Recognized Tribes",
  testNoMargin: "yes/no test",
  notUsedHere: "Not used in this area",
  reasonNeighboursWithoutLand: "{w} neighbouring tracts without land were not counted.",
  reasonTribalTiny:
    "Less than 1% of its area is inside lands of Federally Recognized Tribes; those lands are identified.",
  leadParts: "lead paint {lp}; median home value {hv}",
  leadHomeValue: "Not met because the median home value is above the {t}th percentile.",
  estimateMark: "Estimated",
  estimateExplain:
    "Income data was not available for this tract, so its low income was estimated from the neighbouring tracts.",
  populationUnknown: "The population is unknown and income was not estimated.",
  demographics: "Demographics",
  demographicsNote: "Information only: demographics are not used to identify communities.",
  raceEthnicity: "Race and ethnicity",
  age: "Age",
  dmWhite: "White",
  dmBlack: "Black or African American",
  dmNative: "American Indian and Alaska Native",
  dmAsian: "Asian",
  dmHawaiian: "Native Hawaiian or Pacific Islander",
  dmOther: "Other",
  dmTwoOrMore: "Two or more races",
  dmHispanic: "Hispanic or Latino",
  ageUnder10: "Under 10",
  ageMiddle: "10 to 64",
  ageOver64: "Over 64",
  sendFeedback: "Send feedback about this tract (opens in a new tab)",
} as const;

export const panelEs: Record<keyof typeof panelEn, string> = {
  howClose: "¿Qué tan cerca?",
  howCloseIdentified: "Dejaría de identificarse si solo cambiara una de estas pruebas:",
  howCloseIdentifiedNone:
    "Ninguna prueba es decisiva por sí sola: cambiar solo una de ellas no cambiaría la respuesta (por ejemplo, se cumplen varias categorías).",
  howCloseNotIdentified: "Se identificaría si solo se cumpliera una de estas pruebas:",
  howCloseNotIdentifiedNone:
    "Ninguna prueba por sí sola cambiaría la respuesta. Tendrían que cambiar tanto el umbral de carga más cercano como la prueba de bajos ingresos:",
  howCloseGrandfathered:
    "Se identifica porque se identificó en la versión 1.0. Las reglas de la 2.0 por sí solas no lo identifican.",
  howCloseGrandfatheredRoute:
    "Con las reglas de la 2.0 por sí solas se identificaría si solo se cumpliera una de estas pruebas:",
  howCloseGrandfatheredNone:
    "Con las reglas de la 2.0 por sí solas, ninguna prueba lo identificaría; tendrían que cambiar tanto el umbral de carga más cercano como la prueba de bajos ingresos:",
  howCloseMissing: "Faltan datos, se cuentan como no cumplidas: {names}.",
  howCloseNote:
    "Las distancias describen los datos publicados y no son una previsión. Los percentiles son posiciones entre todos los distritos, por lo que el percentil de un distrito puede moverse sin que el distrito cambie.",
  howCloseInconsistent:
    "Los resultados publicados de las pruebas no concuerdan con la respuesta publicada, por lo que no se señala ninguna prueba como decisiva.",
  traceInconsistent:
    "La explicación no concuerda con el resultado publicado. La respuesta mostrada es la publicada.",
  testIslandHighSchool: "Educación secundaria en las Áreas Insulares (proporción sin diploma)",
  testTribal: "Proporción del distrito en tierras de Tribus con Reconocimiento Federal",
  testNoMargin: "prueba de sí o no",
  notUsedHere: "No se usa en esta zona",
  reasonNeighboursWithoutLand: "No se contaron {w} distritos vecinos sin tierra.",
  reasonTribalTiny:
    "Menos del 1 % de su superficie está en tierras de Tribus con Reconocimiento Federal; esas tierras se identifican.",
  leadParts: "pintura con plomo {lp}; valor medio de la vivienda {hv}",
  leadHomeValue: "No se cumple porque el valor medio de la vivienda supera el percentil {t}.",
  estimateMark: "Estimado",
  estimateExplain:
    "No había datos de ingresos para este distrito, por lo que sus bajos ingresos se estimaron a partir de los distritos vecinos.",
  populationUnknown: "Se desconoce la población y los ingresos no se estimaron.",
  demographics: "Datos demográficos",
  demographicsNote: "Solo informativo: los datos demográficos no se usan para identificar comunidades.",
  raceEthnicity: "Raza y etnia",
  age: "Edad",
  dmWhite: "Blanca",
  dmBlack: "Negra o afroamericana",
  dmNative: "Indígena americana o nativa de Alaska",
  dmAsian: "Asiática",
  dmHawaiian: "Nativa de Hawái o de otras islas del Pacífico",
  dmOther: "Otra",
  dmTwoOrMore: "Dos o más razas",
  dmHispanic: "Hispana o latina",
  ageUnder10: "Menores de 10 años",
  ageMiddle: "De 10 a 64 años",
  ageOver64: "Mayores de 64 años",
  sendFeedback: "Enviar comentarios sobre este distrito (se abre en una pestaña nueva)",
};
