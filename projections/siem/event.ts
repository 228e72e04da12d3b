/**
 * The view of one stored event that every SIEM formatter works on: the
 * store's own facts (position, tenant, recorded-at) and the decoded message.
 * Decoding never throws here: bytes that fail to decode still become an event
 * (with `decodeError` set) so a formatter exports them generically instead of
 * dropping them.
 */
import { ledger } from '../../proto/generated/ledger.js';
import { decodeAuditEventView, payloadType } from '../../ledger/events/index.js';
import type { AuditEventMessage } from '../../ledger/events/index.js';
import type { StoredEvent } from '../../ledger/store/event-store.js';

/** One stored event, decoded for the SIEM formatters. */
export interface SiemEvent {
  /** Ledger (store) position: the resume token of every SIEM stream. */
  readonly position: number;
  readonly eventId: string;
  /** Tenant as the store recorded it (always present, even when decoding failed). */
  readonly tenantId: string;
  readonly sessionId: string;
  /**
   * Payload case (`session_opened`, `checkpoint_signed`...): the decoded
   * message's, else the store's `type` column.
   */
  readonly type: string;
  /** When the store made the event durable, unix milliseconds. */
  readonly recordedAt: number;
  /** When the gateway observed the event, unix milliseconds (recordedAt when absent). */
  readonly occurredAt: number;
  /** The exact stored bytes. */
  readonly data: Uint8Array;
  /** The decoded message; undefined when the bytes do not decode. */
  readonly message: AuditEventMessage | undefined;
  /** Why decoding failed, when it did. */
  readonly decodeError: string | undefined;
}

/** A 64-bit protobuf value (number, or a Long-like for values beyond 2^49) as a number. */
export function int64(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return Number(v);
  // protobufjs Long: exact decimal through its own toString()
  if (typeof v === 'object' && v !== null && 'low' in v && 'high' in v) {
    return Number((v as { toString(): string }).toString());
  }
  return 0;
}

/** Unix milliseconds of a google.protobuf.Timestamp, or undefined when absent. */
export function timestampMs(
  ts: { readonly seconds?: unknown; readonly nanos?: number | null } | null | undefined,
): number | undefined {
  if (ts === null || ts === undefined) return undefined;
  return int64(ts.seconds) * 1000 + Math.floor((ts.nanos ?? 0) / 1_000_000);
}

/**
 * Decodes a stored event for formatting. Never throws: a decoding failure is
 * kept in `decodeError` and the store's metadata still identifies the event.
 *
 * The event and session ids are the decoded message's (the store's columns
 * were taken from the same message when the ledger appended it), so a reader
 * that fetches those columns only on demand, such as a raw page reader, is
 * not asked for them; the store's are used only when the bytes do not decode
 * or the message lacks them. The bytes are decoded in place, not copied.
 */
export function toSiemEvent(stored: StoredEvent): SiemEvent {
  let message: AuditEventMessage | undefined;
  let decodeError: string | undefined;
  try {
    message = decodeAuditEventView(stored.data);
  } catch {
    // decoded again only to say where: the error names the position
    try {
      decodeAuditEventView(stored.data, `position ${stored.position}`);
    } catch (e) {
      decodeError = e instanceof Error ? e.message : String(e);
    }
  }
  const type = (message && payloadType(message)) ?? stored.type;
  const occurredAt = (message && timestampMs(message.occurredAt)) ?? stored.recordedAt;
  return {
    position: stored.position,
    eventId: message?.eventId || stored.eventId,
    tenantId: stored.tenantId,
    sessionId: message?.sessionId || stored.sessionId,
    type,
    recordedAt: stored.recordedAt,
    occurredAt,
    data: stored.data,
    message,
    decodeError,
  };
}

type EnumTable = Readonly<Record<number, string | undefined>>;

/** Name of an enum value (`POSTGRES`), `''` for unset / zero-less tables, the number as text if unknown. */
export function enumName(table: object, value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return (table as EnumTable)[value] ?? String(value);
}

/** Enum tables of the schema (reverse-mapped by the generated code). */
export const ENUMS = {
  actorKind: ledger.v1.Actor.Kind,
  resourceType: ledger.v1.Resource.Type,
  decision: ledger.v1.PolicyDecision.Decision,
  direction: ledger.v1.Direction,
  accessMode: ledger.v1.SessionOpened.AccessMode,
  sessionStatus: ledger.v1.SessionClosed.Status,
  ruleType: ledger.v1.CommandBlocked.RuleType,
  infoType: ledger.v1.FieldMasked.InfoType,
  transformation: ledger.v1.FieldMasked.Transformation,
} as const;
