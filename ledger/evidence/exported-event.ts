/**
 * The ledger-internal `EvidenceExported` event: every export is recorded in
 * the log itself (who asked, the query, the package's SHA-256, how many
 * events), so the evidence trail includes who looked.
 *
 * It is written in the tenant the evidence was about, so that tenant's own
 * evidence trail shows it; the actor is the requester.
 */
import { ledger } from '../../proto/generated/ledger.js';
import { decodeAuditEvent } from '../events/decode.js';
import { encodeAuditEvent } from '../events/encode.js';
import { timestampFromMs } from '../events/timestamp.js';
import { uuidv7 } from '../events/uuid.js';
import { validateEvent } from '../events/validate.js';
import type { AppendResult, NewEvent } from '../store/event-store.js';

/** The payload type under which the store keeps these events. */
export const EVIDENCE_EXPORTED_TYPE = 'evidence_exported';
/** Gateway id of EvidenceExported events. */
export const EVIDENCE_GATEWAY = 'ledger';
/** Session id of EvidenceExported events (one session per tenant holds all its exports). */
export const EVIDENCE_SESSION = 'evidence-exports';

/** The facts of one export. */
export interface EvidenceExport {
  readonly tenant: string;
  readonly requester: string;
  /** the query JSON as recorded in the manifest */
  readonly queryJson: string;
  /** lower-case hex SHA-256 of the package file */
  readonly packageSha256: string;
  readonly eventCount: number;
  /** export time, unix ms (default: now) */
  readonly at?: number;
}

/**
 * The `EvidenceExported` event for an export, validated as a ledger-internal
 * event (LDG_ERR_VALIDATION listing every bad field, e.g. a malformed
 * requester). Its event id is a fresh UUIDv7: two exports of the same query
 * are two facts.
 */
export function buildEvidenceExportedEvent(x: EvidenceExport): NewEvent {
  const at = x.at ?? Date.now();
  const eventId = uuidv7(at);
  const data = encodeAuditEvent({
    eventId,
    tenantId: x.tenant,
    gatewayId: EVIDENCE_GATEWAY,
    occurredAt: timestampFromMs(at),
    sessionId: EVIDENCE_SESSION,
    actor: { subject: x.requester, kind: ledger.v1.Actor.Kind.HUMAN },
    resource: { type: ledger.v1.Resource.Type.OTHER, name: 'audit-ledger/evidence' },
    evidenceExported: {
      requester: x.requester,
      queryJson: x.queryJson,
      packageSha256: x.packageSha256,
      eventCount: x.eventCount,
    },
  });
  validateEvent(decodeAuditEvent(data), 0, { now: at, allowInternal: true });
  return {
    eventId,
    tenantId: x.tenant,
    sessionId: EVIDENCE_SESSION,
    type: EVIDENCE_EXPORTED_TYPE,
    data,
  };
}

/** Anything that appends events (the EventStore). */
export interface EventAppender {
  append(events: readonly NewEvent[]): Promise<AppendResult[]>;
}

/** Builds the EvidenceExported event and appends it; returns where it was stored. */
export async function recordEvidenceExported(
  store: EventAppender,
  x: EvidenceExport,
): Promise<AppendResult> {
  const [result] = await store.append([buildEvidenceExportedEvent(x)]);
  return result as AppendResult;
}
