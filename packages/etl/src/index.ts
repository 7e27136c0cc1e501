export { csvField, csvLine, writeFileAtomic } from "./io/atomic-write.ts";
export {
  type CsvTable,
  parseBoolCell,
  parseCsvText,
  parseNumberCell,
  readCsvFile,
  requireColumn,
} from "./io/csv-table.ts";
export { formatFixed10, formatPythonFloat } from "./io/float-format.ts";
