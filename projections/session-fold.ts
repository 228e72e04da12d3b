/**
 * The sessions projection's logic, independent of storage: what a run of
 * events (in log order) says about each gateway session, as a delta that a
 * store merges into the row it already has.
 *
 * Merge rules (the same inside a batch and between a row and a delta, so the
 * result does not depend on where batches start and end):
 * - identity (actor, resource, gateway, start time and position) comes from
 *   the session's first event in log order;
 * - the first session_opened wins; the last session_closed wins;
 * - counts add up; the last position and latest event time move forward.
 * Ledger-internal payloads (checkpoint_signed, ...) belong to no gateway
 * session and are ignored.
 */
import { isInternalPayloadType } from '../ledger/events/index.js';
import type { ProjectedEvent, SessionIdentity } from './view-store.js';

/** session_opened facts. */
export interface SessionOpenedFacts {
  readonly at: number;
  readonly position: number;
  readonly protocol: string;
  readonly accessMode: string;
  readonly grantId: string;
  readonly expiresAt: number | null;
  readonly mfa: boolean;
  readonly privileged: boolean;
}

/** session_closed facts. */
export interface SessionClosedFacts {
  readonly at: number;
  readonly position: number;
  readonly status: string;
  readonly exitCode: number;
  readonly durationMs: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly recordingUri: string | null;
  readonly recordingSha256: string | null;
}

/** What a run of events says about one session. */
export interface SessionDelta extends SessionIdentity {
  lastPosition: number;
  lastEventAt: number;
  opened: SessionOpenedFacts | null;
  closed: SessionClosedFacts | null;
  events: number;
  commands: number;
  blocks: number;
  masks: number;
  maskedValues: number;
  approvalsRequested: number;
  approvalsGranted: number;
  approvalsDenied: number;
}

function timestampMs(
  t: { readonly seconds: number; readonly nanos: number } | undefined,
): number | null {
  return t === undefined ? null : t.seconds * 1000 + Math.floor(t.nanos / 1_000_000);
}

function newDelta(p: ProjectedEvent): SessionDelta {
  const e = p.event;
  const a = e.actor;
  const agent = a.kind === 'AGENT' ? a.agent : undefined;
  return {
    tenantId: e.tenantId,
    sessionId: e.sessionId,
    gatewayId: e.gatewayId,
    startedAt: e.occurredAtMs,
    firstPosition: p.position,
    lastPosition: p.position,
    lastEventAt: e.occurredAtMs,
    actorSubject: a.subject,
    actorKind: a.kind,
    actorEmail: a.email,
    actorDisplayName: a.displayName,
    identityProvider: a.identityProvider,
    actorGroups: a.groups,
    agentName: agent?.name ?? null,
    onBehalfOfSubject: agent?.onBehalfOf.subject ?? null,
    onBehalfOfEmail: agent?.onBehalfOf.email ?? null,
    resourceName: e.resource.name,
    resourceType: e.resource.type,
    resourceHost: e.resource.host,
    resourceDatabase: e.resource.database,
    opened: null,
    closed: null,
    events: 0,
    commands: 0,
    blocks: 0,
    masks: 0,
    maskedValues: 0,
    approvalsRequested: 0,
    approvalsGranted: 0,
    approvalsDenied: 0,
  };
}

/** Adds one event (later in log order than everything already in `d`) to a delta. */
function foldInto(d: SessionDelta, p: ProjectedEvent): void {
  const e = p.event;
  d.lastPosition = p.position;
  if (e.occurredAtMs > d.lastEventAt) d.lastEventAt = e.occurredAtMs;
  d.events++;
  switch (e.type) {
    case 'session_opened':
      d.opened ??= {
        at: e.occurredAtMs,
        position: p.position,
        protocol: e.sessionOpened.protocol,
        accessMode: e.sessionOpened.accessMode,
        grantId: e.sessionOpened.grantId,
        expiresAt: timestampMs(e.sessionOpened.expiresAt),
        mfa: e.sessionOpened.mfa,
        privileged: e.sessionOpened.privileged,
      };
      break;
    case 'session_closed': {
      const c = e.sessionClosed;
      d.closed = {
        at: e.occurredAtMs,
        position: p.position,
        status: c.status,
        exitCode: c.exitCode,
        durationMs: c.durationMs,
        bytesSent: c.bytesSent,
        bytesReceived: c.bytesReceived,
        recordingUri: c.recording?.uri ?? null,
        recordingSha256:
          c.recording === undefined || c.recording.sha256 === '' ? null : c.recording.sha256,
      };
      break;
    }
    case 'command_executed':
      d.commands++;
      break;
    case 'command_blocked':
      d.blocks++;
      break;
    case 'field_masked':
      d.masks++;
      d.maskedValues += e.fieldMasked.count;
      break;
    case 'approval_requested':
      d.approvalsRequested++;
      break;
    case 'approval_granted':
      d.approvalsGranted++;
      break;
    case 'approval_denied':
      d.approvalsDenied++;
      break;
    default:
      break;
  }
}

/**
 * Folds `events[from..]` into one delta per (tenant, session), in the order
 * each session first appears. Internal payloads are skipped.
 */
export function foldSessionDeltas(events: readonly ProjectedEvent[], from = 0): SessionDelta[] {
  const out: SessionDelta[] = [];
  // tenant → session id → delta; nearly every event of a batch shares the previous one's tenant
  const byTenant = new Map<string, Map<string, SessionDelta>>();
  let lastTenant: string | undefined;
  let sessions = new Map<string, SessionDelta>();
  for (let i = from; i < events.length; i++) {
    const p = events[i] as ProjectedEvent;
    const e = p.event;
    if (isInternalPayloadType(e.type)) continue;
    if (e.tenantId !== lastTenant) {
      lastTenant = e.tenantId;
      let m = byTenant.get(lastTenant);
      if (m === undefined) {
        m = new Map();
        byTenant.set(lastTenant, m);
      }
      sessions = m;
    }
    let d = sessions.get(e.sessionId);
    if (d === undefined) {
      d = newDelta(p);
      sessions.set(e.sessionId, d);
      out.push(d);
    }
    foldInto(d, p);
  }
  return out;
}

/**
 * The same deltas keyed by tenant and session id (`${tenantId}\u0000${sessionId}`:
 * tenant ids cannot contain a NUL, so the pair is unambiguous).
 */
export function foldSessions(
  events: readonly ProjectedEvent[],
  from = 0,
): Map<string, SessionDelta> {
  return new Map(
    foldSessionDeltas(events, from).map((d) => [`${d.tenantId}\u0000${d.sessionId}`, d]),
  );
}
