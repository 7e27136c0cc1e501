import type { Command } from "../command.ts";
import { abandonCommand } from "./abandon.ts";
import { approveCommand } from "./approve.ts";
import { buildCommand } from "./build.ts";
import { compareCommand } from "./compare.ts";
import { deploySiteCommand } from "./deploy-site.ts";
import { etlCommand } from "./etl.ts";
import { freezeCommand } from "./freeze.ts";
import { helpCommand } from "./help.ts";
import { inputsCommand } from "./inputs.ts";
import { logCommand } from "./log.ts";
import { mainCommand } from "./main.ts";
import { publishCommand } from "./publish.ts";
import { rejectCommand } from "./reject.ts";
import { releaseCommand } from "./release.ts";
import { rollbackCommand } from "./rollback.ts";
import { sampleCommand } from "./sample.ts";
import { scoreCommand } from "./score.ts";
import { serveCommand } from "./serve.ts";
import { statusCommand } from "./status.ts";
import { storeCommand } from "./store.ts";
import { verifyCommand } from "./verify.ts";

/**
 * Every `cejst` subcommand, in the order `cejst --help` lists them. A new command is one
 * file in this folder and one line here.
 */
export const COMMANDS: Command[] = [
  helpCommand,
  mainCommand,
  sampleCommand,
  etlCommand,
  scoreCommand,
  buildCommand,
  serveCommand,
  storeCommand,
  inputsCommand,
  freezeCommand,
  publishCommand,
  abandonCommand,
  verifyCommand,
  compareCommand,
  approveCommand,
  rejectCommand,
  deploySiteCommand,
  releaseCommand,
  rollbackCommand,
  statusCommand,
  logCommand,
];
