#!/usr/bin/env node
// The workspace runs TypeScript sources through tsx's loader, so the binary needs no build
// step after `npm ci`; the same entry is used by `npx cejst` and by the tests.
import { register } from "tsx/esm/api";

register();
await import("../src/bin.ts");
