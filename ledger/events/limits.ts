/**
 * Limits on what a gateway may send, in one place so the ingest service, the
 * documentation and the tests agree. See the README (event schema).
 */

/**
 * Largest entry a C2SP tlog-tiles log can hold: entry bundles prefix every
 * entry with a big-endian uint16 length. Our entry is the encoded LedgerEntry.
 */
export const MAX_ENTRY_BYTES = 65_535;

/**
 * Worst-case bytes the LedgerEntry wrapper adds around the producer's event,
 * for any event of at most MAX_EVENT_BYTES and any field value the encoder
 * accepts:
 *
 * - `event` (field 1): tag 1 + length varint 3 (lengths below 2^21) = 4
 * - `recorded_at` (field 2): tag 1 + length 1 + seconds (tag 1 + int64 varint
 *   up to 10) + nanos (tag 1 + varint up to 5, since 0 <= nanos < 2^30) = 19
 * - `position` (field 3): tag 1 + uint64 varint up to 10 = 11
 * - `leaf_index` (field 4): tag 1 + uint64 varint up to 10 = 11
 *
 * 4 + 19 + 11 + 11 = 45. (With the safe-integer positions and millisecond
 * clock the encoder actually takes, it is at most 38.)
 */
export const LEDGER_ENTRY_MAX_OVERHEAD = 45;

/**
 * Largest AuditEvent a producer may send, in encoded bytes: 64 KiB minus 256
 * (0xFF00). The 255 bytes left under MAX_ENTRY_BYTES cover the wrapper's 45
 * with room for a few more LedgerEntry fields without ever changing this
 * producer-facing number.
 */
export const MAX_EVENT_BYTES = 65_280;

/** Most events in one batch. */
export const MAX_BATCH_EVENTS = 1000;

/** Largest batch body, in bytes (4 MiB): the protobuf EventBatch, or the JSON text. */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** `occurred_at` may not be earlier than 2000-01-01T00:00:00Z (unix milliseconds). */
export const MIN_OCCURRED_AT_MS = Date.UTC(2000, 0, 1);

/** Default tolerance for gateway clocks running ahead of the ledger's: 5 minutes. */
export const DEFAULT_MAX_SKEW_MS = 5 * 60 * 1000;

/** Longest `tenant_id` / `gateway_id`, in characters (ASCII). */
export const MAX_ID_LENGTH = 128;

/** Longest `session_id` / `correlation_id`, in characters (ASCII). */
export const MAX_SESSION_ID_LENGTH = 256;

/** Earliest instant a google.protobuf.Timestamp may hold: 0001-01-01T00:00:00Z, in seconds. */
export const MIN_TIMESTAMP_SECONDS = -62_135_596_800;

/** Latest instant a google.protobuf.Timestamp may hold: 9999-12-31T23:59:59Z, in seconds. */
export const MAX_TIMESTAMP_SECONDS = 253_402_300_799;
