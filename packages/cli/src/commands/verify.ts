import { VerifyFailed, verifyVersion } from "@cejst/release";
import { UsageError } from "@cejst/schema";
import type { Command } from "../command.ts";
import { optionalInt } from "../errors.ts";
import { STORE_OPTION, storeFromArgs } from "./store.ts";

export const verifyCommand: Command = {
  name: "verify",
  summary: "Re-hash every stored file of a published version against its manifest",
  help: [
    "Usage: cejst verify V [--store URL] [--concurrency N] [--json]",
    "",
    "Reads data-versions/V/manifest.json and every file it lists from the store, checking size",
    "and sha256 (and the stored content type where the store keeps one), and lists the folder",
    "for keys the manifest does not name. Every failure is listed; nothing is sampled.",
    "",
    "Exit codes: 0 every file matches; 110 VERIFY_FAILED (each failing path is printed);",
    "111 the version is not committed; 106 a store failure; 2 bad flags.",
  ].join("\n"),
  options: { ...STORE_OPTION, concurrency: { type: "string" } },
  async run(args, ctx) {
    const version = args.positionals[0];
    if (version === undefined) throw new UsageError("verify needs a version id (got nothing)");
    const { store } = storeFromArgs(args, ctx);
    const concurrency = optionalInt(args, "concurrency");
    const r = await verifyVersion(store, version, {
      progress: ctx.progress,
      ...(concurrency === undefined ? {} : { concurrency }),
    });
    if (ctx.json) ctx.out(`${JSON.stringify({ type: "result", ...r })}\n`);
    else {
      for (const f of r.failures) ctx.out(`FAIL ${f.path}: ${f.problem}\n`);
      for (const s of r.strays) ctx.out(`STRAY ${s}: not listed in the manifest\n`);
      ctx.out(`${r.ok ? "ok" : "FAILED"} ${version} ${r.digest}: ${r.files} files, ${r.bytes} bytes\n`);
    }
    if (!r.ok) {
      throw new VerifyFailed(
        `version ${version} has ${r.failures.length} failing files and ${r.strays.length} stray keys (got ${[...r.failures.map((f) => f.path), ...r.strays].slice(0, 5).join(", ")})`,
      );
    }
  },
};
