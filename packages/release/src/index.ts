export { abandon } from "./abandon.ts";
export { type ApprovalRecord, type ApproveOptions, approve, listApprovals, ulid } from "./approve.ts";
export {
  type Actor,
  type AuditEvent,
  type AuditEventInput,
  appendAudit,
  readAudit,
  verifyAuditChain,
} from "./audit-log.ts";
export { createBuildManifest, hashFile, MANIFEST_NAME, SUMS_NAME } from "./build-manifest.ts";
export { canonicalJson } from "./canonical-json.ts";
export {
  type ChannelState,
  type DistributionRecord,
  type GenerationRecord,
  type ReleaseOptions,
  type RollbackOptions,
  readChannel,
  readDistribution,
  releaseChannel,
  rollbackChannel,
} from "./channels.ts";
export {
  type CompareOptions,
  type CompareResult,
  compareVersions,
  SCORE_TABLE_PATH,
} from "./compare/compare-versions.ts";
export {
  computeReport,
  REPORT_KEYS,
  type Report,
  type ReportConfig,
  type ReportSide,
} from "./compare/compute-report.ts";
export { renderReportHtml } from "./compare/report-html.ts";
export {
  type DeploySiteOptions,
  type DeploySiteResult,
  deploySite,
  type SiteDeclaration,
  type SiteFile,
  stagingLabel,
} from "./deploy-site.ts";
export {
  type EdgeFetch,
  type EdgeReply,
  type EdgeRequestSpec,
  httpEdgeFetch,
} from "./edge-fetch.ts";
export { Conflict, LifecyclePrecondition, type ReleaseExitName, VerifyFailed } from "./errors.ts";
export { createFreeze, type FreezeRecord, freezeKey } from "./freeze.ts";
export { FsStore } from "./fs-store.ts";
export {
  type InputItem,
  type InputSetRecord,
  type InputToStore,
  inputKey,
  inputSetKey,
  snapshotInputs,
} from "./inputs-snapshot.ts";
export {
  contentTypeFor,
  isCandidateId,
  isTombstone,
  labelOf,
  type ManifestContent,
  type ManifestContentFields,
  type ManifestFile,
  type ManifestFreezeRef,
  type ManifestPublication,
  manifestDigest,
  manifestPathProblem,
  parseManifest,
  type ReleaseManifest,
  type Tombstone,
  VERSION_ID,
} from "./manifest.ts";
export { MemoryStore } from "./memory-store.ts";
export { type OpenStoreOptions, openStore, parseS3Url } from "./open-store.ts";
export { type PromoteOptions, promote } from "./promote.ts";
export { listChannels, type PublicOffer, publicOffers } from "./public-set.ts";
export {
  claimKey,
  IMMUTABLE,
  latestFreeze,
  type PublishClaim,
  type PublishOptions,
  type PublishResult,
  publish,
  readManifest,
  versionKey,
} from "./publish.ts";
export { recordRefusal } from "./refusal.ts";
export { S3Store, type S3StoreConfig } from "./s3-store.ts";
export type { ByteRange, ByteSource, ObjectInfo, PutMeta, Store, StoredObject } from "./store.ts";
export {
  type EdgeFailure,
  latestVerification,
  type VerificationRecord,
  type VerificationTarget,
  verificationFolder,
} from "./verification-record.ts";
export { type VerifyFailure, type VerifyReport, verifyVersion } from "./verify.ts";
export {
  type EdgeVerifyOptions,
  type EdgeVerifyResult,
  verifyChannel,
  verifyDistribution,
  verifyVersionServed,
} from "./verify-edge.ts";
