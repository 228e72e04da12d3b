/**
 * Stored events for the SIEM tests and the benchmark: realistic gateway
 * traffic (the simulator's generator) appended straight to a store, for one
 * tenant at a time.
 */
import { decodeAuditEvent, encodeAuditEvent, payloadType } from '../../ledger/events/index.js';
import type { EventStore, NewEvent } from '../../ledger/store/event-store.js';
import { TrafficGenerator } from '../../services/simulate/traffic.js';

/** `n` new events of `tenantId` from gateway `gatewayId`, ready to append. */
export function trafficEvents(
  tenantId: string,
  n: number,
  seed = 1,
  gatewayId = `gw-${tenantId}`,
): NewEvent[] {
  const gen = new TrafficGenerator({ gatewayId, tenantId, seed, concurrentSessions: 5 });
  return Array.from({ length: n }, () => {
    const data = encodeAuditEvent(gen.next());
    const { message } = decodeAuditEvent(data);
    return {
      eventId: message.eventId,
      tenantId,
      sessionId: message.sessionId,
      type: payloadType(message) ?? 'unknown',
      data,
    };
  });
}

/** Appends `events` in batches of at most 1000; returns their positions in order. */
export async function appendAll(store: EventStore, events: readonly NewEvent[]): Promise<number[]> {
  const positions: number[] = [];
  for (let i = 0; i < events.length; i += 1000) {
    const results = await store.append(events.slice(i, i + 1000));
    for (const r of results) positions.push(r.position);
  }
  return positions;
}
