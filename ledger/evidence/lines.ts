/**
 * The line formats of the package's data parts, shared by the builder and
 * the verifier so both agree byte for byte.
 */
import { LedgerError } from '../errors.js';
import { decodeAuditEvent } from '../events/decode.js';
import { auditEventToJsonText } from '../events/decode.js';
import { decodeLedgerEntry } from '../events/encode.js';
import type { LedgerEntry } from '../events/encode.js';
import { timestampToMs } from '../events/timestamp.js';
import type { ValidAuditEvent } from '../events/types.js';
import { validateEvent } from '../events/validate.js';

/**
 * One line of events.ndjson (without its newline): the JSON.stringify of
 * { leaf_index, position, recorded_at, controls, event }, written as a
 * template around the stringified values and the event's JSON text (the same
 * bytes, no object built per event).
 */
export function eventLine(
  leafIndex: number,
  position: number,
  recordedAtMs: number,
  controls: readonly string[],
  event: ValidAuditEvent,
): string {
  return `{"leaf_index":${JSON.stringify(leafIndex)},"position":${JSON.stringify(position)},"recorded_at":"${new Date(recordedAtMs).toISOString()}","controls":${JSON.stringify(controls)},"event":${auditEventToJsonText(event)}}`;
}

/** One line of inclusion.ndjson (without its newline). */
export function inclusionLine(leafIndex: number, proof: readonly Uint8Array[]): string {
  return JSON.stringify({
    leaf_index: leafIndex,
    hashes: proof.map((h) => Buffer.from(h).toString('base64')),
  });
}

/**
 * `inclusionLine` from the hashes as base64 text (which needs no JSON
 * escaping): the same bytes.
 */
export function inclusionLineOfTexts(leafIndex: number, texts: readonly string[]): string {
  const hashes = texts.length === 0 ? '' : `"${texts.join('","')}"`;
  return `{"leaf_index":${JSON.stringify(leafIndex)},"hashes":[${hashes}]}`;
}

/** A LedgerEntry and the validated event inside it. */
export interface OpenedEntry {
  readonly entry: LedgerEntry;
  readonly recordedAtMs: number;
  readonly event: ValidAuditEvent;
}

/**
 * Decodes LedgerEntry bytes and validates the event inside as the store
 * would have (ledger-internal payloads allowed, the recorded-at time as
 * "now"). Throws LDG_ERR_DECODE / LDG_ERR_VALIDATION.
 */
export function openEntry(bytes: Uint8Array): OpenedEntry {
  const entry = decodeLedgerEntry(bytes);
  const recordedAtMs = timestampToMs(entry.recordedAt);
  const event = validateEvent(decodeAuditEvent(entry.event), 0, {
    now: recordedAtMs,
    allowInternal: true,
  });
  return { entry, recordedAtMs, event };
}

/** Frames an entry: big-endian uint16 length, then the bytes (as tlog-tiles entry bundles). */
export function frameEntry(entry: Uint8Array): Uint8Array {
  if (entry.length > 0xffff) {
    throw new LedgerError('LDG_ERR_PAYLOAD_TOO_LARGE', `entry of ${entry.length} bytes`);
  }
  const out = new Uint8Array(2 + entry.length);
  out[0] = entry.length >>> 8;
  out[1] = entry.length & 0xff;
  out.set(entry, 2);
  return out;
}

/**
 * The entries of a stream of framed entries, a batch per chunk read. A
 * truncated frame is LDG_ERR_TAMPERED naming entries.bin and the entry number.
 */
export async function* readEntryBatches(
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array[]> {
  let buffer = new Uint8Array(0);
  let count = 0;
  for await (const chunk of chunks) {
    let joined: Uint8Array;
    if (buffer.length === 0) joined = chunk;
    else {
      joined = new Uint8Array(buffer.length + chunk.length);
      joined.set(buffer);
      joined.set(chunk, buffer.length);
    }
    let at = 0;
    const batch: Uint8Array[] = [];
    while (at + 2 <= joined.length) {
      const length = ((joined[at] as number) << 8) | (joined[at + 1] as number);
      if (at + 2 + length > joined.length) break;
      batch.push(joined.subarray(at + 2, at + 2 + length));
      count++;
      at += 2 + length;
    }
    buffer = joined.slice(at);
    if (batch.length > 0) yield batch;
  }
  if (buffer.length > 0) {
    throw new LedgerError('LDG_ERR_TAMPERED', `part entries.bin: entry ${count} is truncated`);
  }
}

/**
 * An inclusion.ndjson line exactly as `inclusionLine` writes it: leaf index
 * and the proof hashes as base64 text. Undefined for any other text (which
 * the caller then reads with JSON.parse): for the lines it accepts, this
 * gives what JSON.parse would, without building objects.
 */
const INCLUSION_LINE_RE =
  /^\{"leaf_index":(0|[1-9][0-9]{0,15}),"hashes":\[((?:"[A-Za-z0-9+/=]{44}",)*"[A-Za-z0-9+/=]{44}")?\]\}$/;

/** Parses a line written by `inclusionLine`; see INCLUSION_LINE_RE. */
export function parseInclusionLine(
  line: string,
): { readonly leafIndex: number; readonly hashes: string[] } | undefined {
  const m = INCLUSION_LINE_RE.exec(line);
  if (m === null) return undefined;
  const list = m[2];
  return {
    leafIndex: Number(m[1]),
    hashes: list === undefined ? [] : list.slice(1, -1).split('","'),
  };
}
