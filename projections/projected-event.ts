/**
 * From stored bytes to what projections consume: each stored event is decoded
 * and validated once per batch, whatever the number of projections.
 */
import { decodeAuditEvent, validateEvent } from '../ledger/events/index.js';
import type { StoredEvent } from '../ledger/store/event-store.js';
import type { LeafIndexOf, ProjectedEvent, RejectedEvent } from './view-store.js';

/**
 * Clock skew tolerated when re-validating stored events: none is judged again.
 * Ingest already applied the deployment's limit against its clock; a view must
 * index every event the log holds, whatever the limit is today.
 */
const NO_SKEW_LIMIT_MS = Number.MAX_SAFE_INTEGER;

const noLeafIndex: LeafIndexOf = () => null;

/** A decoded page: usable events and the ones that are not, both in position order. */
export interface ProjectedPage {
  readonly events: ProjectedEvent[];
  readonly rejected: RejectedEvent[];
}

/**
 * Decodes and validates stored events (ledger-internal payloads allowed). An
 * event that fails, or whose tenant or type disagree with the store's routing
 * metadata, is returned in `rejected` with the reason; projections skip it.
 */
export function projectStoredEvents(
  page: readonly StoredEvent[],
  leafIndexOf: LeafIndexOf = noLeafIndex,
): ProjectedPage {
  const events: ProjectedEvent[] = [];
  const rejected: RejectedEvent[] = [];
  for (const stored of page) {
    let reason: string;
    try {
      const event = validateEvent(decodeAuditEvent(stored.data), 0, {
        now: stored.recordedAt,
        maxSkewMs: NO_SKEW_LIMIT_MS,
        allowInternal: true,
      });
      if (event.tenantId === stored.tenantId && event.type === stored.type) {
        events.push({
          position: stored.position,
          leafIndex: leafIndexOf(stored),
          recordedAt: stored.recordedAt,
          event,
        });
        continue;
      }
      reason = `event says tenant ${event.tenantId} / ${event.type}, the store ${stored.tenantId} / ${stored.type}`;
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    rejected.push({
      position: stored.position,
      eventId: stored.eventId,
      tenantId: stored.tenantId,
      type: stored.type,
      reason: reason.slice(0, 1000),
    });
  }
  return { events, rejected };
}
