/**
 * The ledger-internal `CheckpointSigned` event that records each signed
 * checkpoint in the log itself, so the log covers its own tree heads and a
 * verifier finds every checkpoint by reading the log.
 *
 * Its event id is derived from (origin, size) — a UUIDv8 (RFC 9562 §5.8) made
 * from SHA-256 — so announcing the same checkpoint again after a crash is an
 * idempotent retry that the store answers as a duplicate.
 */
import { createHash } from 'node:crypto';
import { ledger } from '../../proto/generated/ledger.js';
import { encodeAuditEvent } from '../events/encode.js';
import { timestampFromMs } from '../events/timestamp.js';
import type { NewEvent } from '../store/event-store.js';
import type { CheckpointRecord } from './merkle-state-store.js';

/** Tenant and gateway of the ledger's own events. */
export const LEDGER_INTERNAL_TENANT = 'ledger';
export const LEDGER_INTERNAL_GATEWAY = 'ledger';
/**
 * Session (and so, with EventStoreDB, stream) of the CheckpointSigned events:
 * one per UTC day of signing, `checkpoints-YYYY-MM-DD`, so no stream grows
 * without bound (a checkpoint a second is 86,400 a day).
 */
export function checkpointSession(signedAtMs: number): string {
  return `checkpoints-${new Date(signedAtMs).toISOString().slice(0, 10)}`;
}
/** The payload type (store routing metadata). */
export const CHECKPOINT_EVENT_TYPE = 'checkpoint_signed';

/** Protobuf field number of `AuditEvent.checkpoint_signed`. */
export const CHECKPOINT_SIGNED_FIELD = 40;

/** The event id of the CheckpointSigned event for (origin, size): a UUIDv8 from SHA-256. */
export function checkpointEventId(origin: string, size: number): string {
  const digest = createHash('sha256')
    .update(`audit-ledger checkpoint\n${origin}\n${size}\n`, 'utf8')
    .digest();
  digest[6] = ((digest[6] as number) & 0x0f) | 0x80; // version 8
  digest[8] = ((digest[8] as number) & 0x3f) | 0x80; // RFC 9562 variant
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The CheckpointSigned event for a recorded checkpoint of the log `origin`:
 * occurred_at is the signing time, the actor the ledger's sequencer (a
 * service named by the origin), the resource the log. The same record always
 * gives the same bytes.
 */
export function checkpointEvent(origin: string, checkpoint: CheckpointRecord): NewEvent {
  const eventId = checkpointEventId(origin, checkpoint.size);
  const sessionId = checkpointSession(checkpoint.signedAt);
  const data = encodeAuditEvent({
    eventId,
    tenantId: LEDGER_INTERNAL_TENANT,
    gatewayId: LEDGER_INTERNAL_GATEWAY,
    occurredAt: timestampFromMs(checkpoint.signedAt),
    sessionId,
    actor: {
      subject: origin,
      displayName: 'audit-ledger sequencer',
      kind: ledger.v1.Actor.Kind.SERVICE,
    },
    resource: { type: ledger.v1.Resource.Type.OTHER, name: origin },
    checkpointSigned: {
      origin,
      treeSize: checkpoint.size,
      rootHash: checkpoint.rootHash,
      note: checkpoint.note,
    },
  });
  return {
    eventId,
    tenantId: LEDGER_INTERNAL_TENANT,
    sessionId,
    type: CHECKPOINT_EVENT_TYPE,
    data,
  };
}
