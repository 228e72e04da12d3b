/**
 * The `BundleArchived` ledger-internal event: written by the archiver once a
 * bundle is stored and its lock confirmed, so the archive is anchored in the
 * log itself (the event becomes a leaf, sealed into a later bundle).
 *
 * Its event_id is derived from the archive location and the bundle key
 * (a UUIDv8 over SHA-256), so recording the same bundle again after a crash
 * is a duplicate the store ignores. Its bytes are deterministic too: every
 * field, occurred_at included (the seal time), comes from the archived record.
 */

import { createHash } from 'node:crypto';
import { ledger } from '../../proto/generated/ledger.js';
import { decodeAuditEvent } from '../events/decode.js';
import { encodeAuditEvent } from '../events/encode.js';
import { timestampFromMs } from '../events/timestamp.js';
import { validateEvent } from '../events/validate.js';
import type { NewEvent } from '../store/event-store.js';
import type { ArchivedBundleRecord } from './archive-progress.js';

/** Who the ledger's own events say acted; the archiver's defaults are below. */
export interface InternalEventIdentity {
  readonly tenantId: string;
  readonly gatewayId: string;
  readonly sessionId: string;
  /** Actor subject (kind SERVICE). */
  readonly actorSubject: string;
}

/** The identity `BundleArchived` events carry unless configured otherwise. */
export const DEFAULT_ARCHIVER_IDENTITY: InternalEventIdentity = Object.freeze({
  tenantId: 'ledger',
  gatewayId: 'ledger',
  sessionId: 'archiver',
  actorSubject: 'audit-ledger/archiver',
});

/** The event type (payload case) under which the store keeps these events. */
export const BUNDLE_ARCHIVED_TYPE = 'bundle_archived';

/** Where a bundle was archived, for the event: the target's location and, for S3, its bucket. */
export interface ArchiveLocation {
  /** e.g. `s3://audit-archive` or `file:///var/lib/audit-ledger/archive` */
  readonly location: string;
  /** The S3 bucket; empty for a directory. */
  readonly bucket: string;
}

/**
 * The deterministic event_id of the `BundleArchived` event for `key` at
 * `location`: a UUIDv8 (RFC 9562 §5.8) made of the first 128 bits of
 * SHA-256("audit-ledger/bundle-archived/v1\n" location "\n" key).
 */
export function bundleArchivedEventId(location: string, key: string): string {
  const d = createHash('sha256')
    .update(`audit-ledger/bundle-archived/v1\n${location}\n${key}`, 'utf8')
    .digest();
  d[6] = ((d[6] as number) & 0x0f) | 0x80;
  d[8] = ((d[8] as number) & 0x3f) | 0x80;
  const h = d.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * Builds the `BundleArchived` event for an archived bundle, validated as a
 * ledger-internal event (throws `LDG_ERR_VALIDATION` if any field is not
 * acceptable, e.g. a malformed identity).
 */
export function buildBundleArchivedEvent(
  bundle: ArchivedBundleRecord,
  where: ArchiveLocation,
  identity: InternalEventIdentity = DEFAULT_ARCHIVER_IDENTITY,
): NewEvent {
  const eventId = bundleArchivedEventId(where.location, bundle.key);
  const sealedAtMs = bundle.sealedAt.getTime();
  const data = encodeAuditEvent({
    eventId,
    tenantId: identity.tenantId,
    gatewayId: identity.gatewayId,
    occurredAt: timestampFromMs(sealedAtMs),
    sessionId: identity.sessionId,
    actor: { subject: identity.actorSubject, kind: ledger.v1.Actor.Kind.SERVICE },
    resource: { type: ledger.v1.Resource.Type.OTHER, name: where.location },
    bundleArchived: {
      target: where.location,
      bucket: where.bucket,
      key: bundle.key,
      versionId: bundle.versionId ?? '',
      sha256: bundle.sha256,
      firstLeaf: bundle.first,
      endLeaf: bundle.end,
      retainUntil: timestampFromMs(bundle.retainUntil.getTime()),
      lockMode: bundle.lockMode,
    },
  });
  // the same rules as every stored event; the seal time is its own clock
  validateEvent(decodeAuditEvent(data), 0, { now: sealedAtMs, allowInternal: true });
  return {
    eventId,
    tenantId: identity.tenantId,
    sessionId: identity.sessionId,
    type: BUNDLE_ARCHIVED_TYPE,
    data,
  };
}
