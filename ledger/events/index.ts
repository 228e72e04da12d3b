/**
 * ledger/events: decoding, proto3 JSON mapping and validation of the audit
 * events gateways send, and the bytes the ledger builds around them.
 *
 * Ingest: `decodeBatchProtobuf(body)` or `decodeBatchJson(parsed)`, then
 * `validateBatch(batch, { now })`; store each result's `bytes` under its
 * `eventId`, `tenantId`, `sessionId` and `type`.
 */
export {
  EventDecodeError,
  auditEventToJson,
  auditEventToJsonText,
  decodeAuditEvent,
  decodeAuditEventView,
  decodeBatchJson,
  decodeBatchProtobuf,
  writeAuditEventJson,
  writePayloadJson,
  payloadType,
} from './decode.js';
export type { DecodedBatch, DecodedEvent } from './decode.js';
export { decodeLedgerEntry, encodeAuditEvent, encodeBatch, encodeLedgerEntry } from './encode.js';
export type { LedgerEntry, LedgerEntryInput } from './encode.js';
export {
  DEFAULT_MAX_SKEW_MS,
  LEDGER_ENTRY_MAX_OVERHEAD,
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  MAX_ENTRY_BYTES,
  MAX_EVENT_BYTES,
  MAX_ID_LENGTH,
  MAX_SESSION_ID_LENGTH,
  MAX_TIMESTAMP_SECONDS,
  MIN_OCCURRED_AT_MS,
  MIN_TIMESTAMP_SECONDS,
} from './limits.js';
export type { JsonObject, JsonValue } from './proto-json.js';
export { FragmentCache, JsonWriter, jsonText } from './json-text.js';
export type { Fragment, FragmentInput } from './json-text.js';
export { GATEWAY_PAYLOAD_TYPES, INTERNAL_PAYLOAD_TYPES, isInternalPayloadType } from './schema.js';
export type { GatewayPayloadType, InternalPayloadType, PayloadType } from './schema.js';
export { formatRfc3339, parseRfc3339, timestampFromMs, timestampToMs } from './timestamp.js';
export type * from './types.js';
export { UUID_PATTERN, isUuid, uuidv7, uuidv7Time } from './uuid.js';
export {
  ID_PATTERN,
  SHA256_HEX_PATTERN,
  TOKEN_PATTERN,
  assertAuditEvent,
  isValidAuditEvent,
  validateBatch,
  validateEvent,
} from './validate.js';
export type { ValidateBatchOptions, ValidationContext } from './validate.js';
