/**
 * Building bytes: events and batches (for the gateway simulator and tests)
 * and the LedgerEntry wrapper whose encoding is the Merkle leaf.
 */
import protobufMinimal from 'protobufjs/minimal.js';
import { ledger } from '../../proto/generated/ledger.js';
import { LedgerError } from '../errors.js';
import { MAX_ENTRY_BYTES } from './limits.js';
import { timestampFromMs } from './timestamp.js';
import type { AuditEventInit, Timestamp } from './types.js';

const { Writer } = protobufMinimal;

/** Encodes an AuditEvent given as a plain object (camelCase properties, enums as numbers). */
export function encodeAuditEvent(event: AuditEventInit): Uint8Array {
  return ledger.v1.AuditEvent.encode(event).finish();
}

/**
 * Encodes an EventBatch. Events given as bytes are framed verbatim (field 1,
 * wire type 2), so a batch can carry exact bytes, unknown fields included;
 * events given as objects are encoded first.
 */
export function encodeBatch(events: readonly (Uint8Array | AuditEventInit)[]): Uint8Array {
  const w = Writer.create();
  for (const e of events) {
    // field 1, wire type 2: tag (1 << 3) | 2 = 10, then the length-prefixed bytes
    w.uint32(10).bytes(e instanceof Uint8Array ? e : encodeAuditEvent(e));
  }
  return w.finish();
}

/** The ledger's own facts about one accepted event; encodes to the Merkle leaf. */
export interface LedgerEntryInput {
  /** The exact AuditEvent bytes as stored. */
  readonly event: Uint8Array;
  /** When the store made the event durable, unix milliseconds (a non-negative safe integer). */
  readonly recordedAtMs: number;
  /** Global store position (a non-negative safe integer). */
  readonly position: number;
  /** Index of the entry in the Merkle log (a non-negative safe integer). */
  readonly leafIndex: number;
}

/** A decoded LedgerEntry. */
export interface LedgerEntry extends LedgerEntryInput {
  readonly recordedAt: Timestamp;
}

function checkCounter(name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new LedgerError(
      'LDG_ERR_INTERNAL',
      `ledger entry: ${name} ${v} is not a non-negative safe integer`,
    );
  }
}

/**
 * Encodes a `ledger.v1.LedgerEntry`: the Merkle leaf data (RFC 9162 §2.1.1
 * hashes it as `SHA-256(0x00 ‖ entry)`).
 *
 * Deterministic: the same input gives the same bytes, and they equal what
 * protoc-generated code in any language writes for this message. The
 * generated encoder writes fields in ascending field-number order, omits
 * proto3 default values (an empty `event`, zero `position` / `leaf_index`;
 * `recorded_at` is always present), writes every varint in its shortest form
 * and the `event` bytes verbatim; LedgerEntry and Timestamp have no maps, no
 * repeated or float fields and no unknown fields, the usual sources of
 * encoding variance. decodeLedgerEntry checks that property on the way back.
 *
 * Throws LedgerError `LDG_ERR_PAYLOAD_TOO_LARGE` when the entry would exceed
 * MAX_ENTRY_BYTES (the tlog-tiles limit), `LDG_ERR_INTERNAL` for counters
 * that are not non-negative safe integers.
 */
export function encodeLedgerEntry(entry: LedgerEntryInput): Uint8Array {
  checkCounter('recordedAtMs', entry.recordedAtMs);
  checkCounter('position', entry.position);
  checkCounter('leafIndex', entry.leafIndex);
  const bytes = ledger.v1.LedgerEntry.encode({
    event: entry.event,
    recordedAt: timestampFromMs(entry.recordedAtMs),
    position: entry.position,
    leafIndex: entry.leafIndex,
  }).finish();
  if (bytes.length > MAX_ENTRY_BYTES) {
    throw new LedgerError(
      'LDG_ERR_PAYLOAD_TOO_LARGE',
      `ledger entry is ${bytes.length} bytes; at most ${MAX_ENTRY_BYTES} fit a tlog-tiles entry`,
    );
  }
  return bytes;
}

function longToSafe(v: unknown, name: string): number {
  if (typeof v === 'number') return v;
  const l = v as { low: number; high: number; unsigned: boolean };
  const n = (l.unsigned ? l.high >>> 0 : l.high | 0) * 4294967296 + (l.low >>> 0);
  if (!Number.isSafeInteger(n))
    throw new LedgerError('LDG_ERR_DECODE', `ledger entry: ${name} exceeds 2^53`);
  return n;
}

/**
 * Decodes a LedgerEntry and checks that the bytes are its canonical encoding
 * (re-encoding gives the same bytes), so two parsers can never read one leaf
 * differently. Throws LedgerError `LDG_ERR_DECODE` otherwise.
 */
export function decodeLedgerEntry(bytes: Uint8Array): LedgerEntry {
  let m: ledger.v1.LedgerEntry;
  try {
    m = ledger.v1.LedgerEntry.decode(bytes);
  } catch (e) {
    throw new LedgerError('LDG_ERR_DECODE', `malformed ledger entry: ${(e as Error).message}`, {
      cause: e,
    });
  }
  const ts = m.recordedAt;
  if (ts === null || ts === undefined)
    throw new LedgerError('LDG_ERR_DECODE', 'ledger entry: recorded_at is missing');
  const seconds = longToSafe(ts.seconds, 'recorded_at.seconds');
  const nanos = ts.nanos ?? 0;
  const recordedAt: Timestamp = { seconds, nanos };
  const recordedAtMs = seconds * 1000 + Math.floor(nanos / 1_000_000);
  const entry: LedgerEntry = {
    event: Buffer.from(m.event),
    recordedAt,
    recordedAtMs,
    position: longToSafe(m.position, 'position'),
    leafIndex: longToSafe(m.leafIndex, 'leaf_index'),
  };
  const again = ledger.v1.LedgerEntry.encode({
    event: entry.event,
    recordedAt: { seconds, nanos },
    position: entry.position,
    leafIndex: entry.leafIndex,
  }).finish();
  if (Buffer.compare(again, bytes) !== 0) {
    throw new LedgerError('LDG_ERR_DECODE', 'ledger entry is not in canonical encoding');
  }
  return entry;
}
