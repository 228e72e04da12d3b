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
import {
  formatRfc3339,
  jsonText,
  timestampFromMs,
  writeAuditEventJson,
} from '../../ledger/events/index.js';
import type { JsonObject, JsonWriter } from '../../ledger/events/index.js';
import type { SiemEvent } from './event.js';

/** Writes the JSON record of an event (see the module comment) into `w`. */
export function writeJsonRecord(w: JsonWriter, e: SiemEvent): void {
  w.open()
    .num('position', e.position)
    .str('tenant', e.tenantId)
    .str('type', e.type)
    .str('eventId', e.eventId)
    .str('recordedAt', formatRfc3339(timestampFromMs(e.recordedAt)));
  if (e.message === undefined) {
    w.str(
      'raw',
      Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength).toString('base64'),
    ).str('decodeError', e.decodeError ?? '');
  } else {
    w.key('event');
    writeAuditEventJson(w, e.message);
  }
  w.close();
}

/** The JSON record of an event as an object. */
export function toJsonRecord(e: SiemEvent): JsonObject {
  return JSON.parse(jsonText((w) => writeJsonRecord(w, e))) as JsonObject;
}
