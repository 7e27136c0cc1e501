/** The compatibility tile trees served from PMTiles archives, on the fs and memory stores. */
import { STORE_KINDS } from "./helpers/edge.ts";
import { tileSuite } from "./tile-suite.ts";

for (const kind of STORE_KINDS) tileSuite(kind);
