/**
 * JSON shapes of the auditor API. Envelope fields are snake_case, like the
 * ingest API; each event itself is printed in the proto3 JSON mapping
 * (lowerCamelCase) by the events module, exactly as the gateway's bytes say.
 * Every event reference carries `position` and `leaf_index` so it can be
 * proven against a signed checkpoint.
 */
import {
  auditEventToJson,
  decodeAuditEvent,
  formatRfc3339,
  timestampFromMs,
} from '../../ledger/events/index.js';
import type { JsonObject } from '../../ledger/events/index.js';
import type { StoredEvent } from '../../ledger/store/event-store.js';
import type {
  ApprovalDecisionRow,
  ApprovalRow,
  EventRef,
  EventRow,
  SessionRow,
} from '../../projections/index.js';

/** RFC 3339 (UTC, milliseconds) of a unix-millisecond time. */
export function iso(ms: number): string {
  return formatRfc3339(timestampFromMs(ms));
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}

/** An event of the log: where it is, what it is evidence for, and the event itself. */
export interface EventJson {
  position: number;
  leaf_index: number | null;
  event_id: string | null;
  type: string;
  occurred_at: string;
  recorded_at: string;
  controls: readonly string[];
  /** The event in the proto3 JSON mapping; null if the store no longer returns it. */
  event: JsonObject | null;
}

/** Builds an event item from its index row and the stored bytes. */
export function presentEvent(row: EventRow, stored: StoredEvent | undefined): EventJson {
  let event: JsonObject | null = null;
  if (stored !== undefined) event = auditEventToJson(decodeAuditEvent(stored.data).message);
  return {
    position: row.position,
    leaf_index: row.leafIndex,
    event_id: stored?.eventId ?? null,
    type: row.type,
    occurred_at: iso(row.occurredAt),
    recorded_at: iso(row.recordedAt),
    controls: row.controls,
    event,
  };
}

function ref(
  r: EventRef | null,
): { at: string; position: number; leaf_index: number | null } | null {
  return r === null ? null : { at: iso(r.at), position: r.position, leaf_index: r.leafIndex };
}

/** One decision on an approval request. */
export function presentDecision(d: ApprovalDecisionRow): JsonObject {
  return {
    decision: d.decision,
    at: iso(d.at),
    position: d.position,
    leaf_index: d.leafIndex,
    approver: {
      subject: d.approverSubject,
      email: d.approverEmail,
      display_name: d.approverDisplayName,
    },
    approver_group: d.approverGroup,
    reason: d.reason,
    valid_from: isoOrNull(d.validFrom),
    valid_until: isoOrNull(d.validUntil),
  };
}

/** One approval request with its decisions. */
export function presentApproval(a: ApprovalRow): JsonObject {
  return {
    request_id: a.requestId,
    session_id: a.sessionId,
    status: a.status,
    started_at: iso(a.startedAt),
    requested: ref(a.requested),
    requester: { subject: a.requesterSubject, on_behalf_of: a.requesterOnBehalfOf },
    resource: a.resourceName,
    reason: a.reason,
    approver_group: a.approverGroup,
    scope: a.scope,
    statement_digest: a.statementDigest,
    decisions: a.decisions.map(presentDecision),
  };
}

/** One session: who, what, when, how it ended, and what happened in it (counts). */
export function presentSession(s: SessionRow): JsonObject {
  const opened = ref(s.opened);
  const closed = ref(s.closed);
  return {
    session_id: s.sessionId,
    tenant_id: s.tenantId,
    gateway_id: s.gatewayId,
    status: s.status,
    started_at: iso(s.startedAt),
    last_event_at: iso(s.lastEventAt),
    duration_ms: s.durationMs,
    privileged: s.privileged,
    mfa: s.mfa,
    actor: {
      subject: s.actorSubject,
      kind: s.actorKind,
      email: s.actorEmail,
      display_name: s.actorDisplayName,
      identity_provider: s.identityProvider,
      groups: [...s.actorGroups],
      agent:
        s.agentName === null
          ? null
          : {
              name: s.agentName,
              on_behalf_of: { subject: s.onBehalfOfSubject, email: s.onBehalfOfEmail },
            },
    },
    resource: {
      name: s.resourceName,
      type: s.resourceType,
      host: s.resourceHost,
      database: s.resourceDatabase,
    },
    opened:
      opened === null
        ? null
        : {
            ...opened,
            protocol: s.protocol,
            access_mode: s.accessMode,
            grant_id: s.grantId === '' ? null : s.grantId,
            expires_at: isoOrNull(s.expiresAt),
          },
    closed:
      closed === null
        ? null
        : {
            ...closed,
            status: s.status,
            exit_code: s.exitCode,
            bytes_sent: s.bytesSent,
            bytes_received: s.bytesReceived,
            recording:
              s.recordingUri === null ? null : { uri: s.recordingUri, sha256: s.recordingSha256 },
          },
    counts: {
      events: s.events,
      commands: s.commands,
      blocks: s.blocks,
      masks: s.masks,
      masked_values: s.maskedValues,
      approvals_requested: s.approvalsRequested,
      approvals_granted: s.approvalsGranted,
      approvals_denied: s.approvalsDenied,
    },
    first_position: s.firstPosition,
    last_position: s.lastPosition,
  };
}
