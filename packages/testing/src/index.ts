export { missingFixtureMessage, repoRoot, sharedFixture } from "./shared-fixtures.ts";
