/**
 * The plain JSON record: the event in the proto3 JSON mapping (as
 * `ledger/events` prints it) wrapped with the ledger's own facts, so a
 * consumer can resume (`position`) and route (`tenant`) without parsing the
 * event itself:
 *
 *   {"position":12,"tenant":"acme","type":"command_executed",
 *    "recordedAt":"2025-05-01T12:00:00.123Z","event":{...proto3 JSON...}}
 *
 * Bytes that do not decode keep their place: `event` is absent and `raw`
 * (base64) and `decodeError` say what was stored.
 */
import { formatRfc3339, timestampFromMs } from '../../ledger/events/index.js';
import type { JsonObject } from '../../ledger/events/index.js';
import { eventJson } from './event.js';
import type { SiemEvent } from './event.js';

/** The JSON record of an event (see the module comment). */
export function toJsonRecord(e: SiemEvent): JsonObject {
  const record: JsonObject = {
    position: e.position,
    tenant: e.tenantId,
    type: e.type,
    eventId: e.eventId,
    recordedAt: formatRfc3339(timestampFromMs(e.recordedAt)),
  };
  if (e.message === undefined) {
    record['raw'] = Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength).toString(
      'base64',
    );
    record['decodeError'] = e.decodeError ?? '';
  } else {
    record['event'] = eventJson(e);
  }
  return record;
}
