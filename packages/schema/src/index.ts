export {
  CejstError,
  ChecksumMismatch,
  DiffExceeds,
  type ErrorCode,
  GateFailed,
  type InputLocation,
  InputMissingError,
  InputSchemaError,
  NotApproved,
  PreconditionFailed,
  ReleaseExists,
  StoreError,
  UsageError,
} from "./errors.ts";
export { noProgress, type ProgressEvent, type ProgressSink } from "./progress.ts";
