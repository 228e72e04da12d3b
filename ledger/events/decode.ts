/**
 * Decoding what gateways send: protobuf EventBatch bodies (keeping every
 * event's exact bytes) and the proto3 JSON mapping of the same schema.
 */
import { isUtf8 } from 'node:buffer';
import protobufMinimal from 'protobufjs/minimal.js';
import { ledger } from '../../proto/generated/ledger.js';
import { LedgerError, ValidationError } from '../errors.js';
import type { FieldIssue } from '../errors.js';
import { MAX_BATCH_BYTES, MAX_BATCH_EVENTS } from './limits.js';
import {
  jsonToMessage,
  messageToJson,
  messageToJsonText,
  planOf,
  writeMessageJson,
  writePropertyJson,
} from './proto-json.js';
import type { JsonWriter } from './json-text.js';
import type { JsonObject } from './proto-json.js';
import { messageType, payloadTypeOfCase } from './schema.js';
import type { PayloadType } from './schema.js';
import type { AuditEventMessage, ValidAuditEvent } from './types.js';

/** One event of a batch: the bytes the ledger will store and their decoded message. */
export interface DecodedEvent {
  /**
   * The exact AuditEvent bytes as the producer sent them (a private copy),
   * unknown fields included; for JSON input, the canonical encoding.
   */
  readonly bytes: Uint8Array;
  /** The generated message decoded from `bytes`; stays inside ledger/events. */
  readonly message: AuditEventMessage;
}

/** A decoded batch, not yet validated. */
export interface DecodedBatch {
  readonly events: readonly DecodedEvent[];
}

/**
 * Malformed protobuf. `path` names the event (`events[3]`) whose framing or
 * contents failed; `offset` is the byte offset in the input where decoding of
 * that element started.
 */
export class EventDecodeError extends LedgerError<'LDG_ERR_DECODE'> {
  readonly path: string;
  readonly offset: number;

  constructor(path: string, offset: number, reason: string, cause?: unknown) {
    super(
      'LDG_ERR_DECODE',
      `${path}: ${reason} (at byte ${offset})`,
      cause === undefined ? undefined : { cause },
    );
    this.name = 'EventDecodeError';
    this.path = path;
    this.offset = offset;
  }
}

const { BufferReader } = protobufMinimal;
const AuditEvent = ledger.v1.AuditEvent;

/**
 * Decoded events are instances of this subclass of the generated AuditEvent,
 * whose `payload` is an accessor that just records the case. The generated
 * decoder sets `message.payload = 'sessionOpened'`; on a plain AuditEvent
 * that runs protobufjs's oneof setter, which `delete`s the eleven other cases
 * on every event (a tenth of the decode time), and reading `payload` back
 * allocates (`Object.keys`). Protobuf's rule (the last payload field wins)
 * still holds for `payload`, and a second, different payload field on the
 * wire is remembered: validation refuses such events (hasConflictingPayload).
 */
class DecodedAuditEvent extends AuditEvent {
  /** The payload case last set by the decoder. */
  $case: string | undefined = undefined;
  /** True when the wire held two different payload fields. */
  $conflict = false;
}
Object.defineProperty(DecodedAuditEvent.prototype, 'payload', {
  get(this: DecodedAuditEvent): string | undefined {
    return this.$case;
  },
  set(this: DecodedAuditEvent, kase: string) {
    if (this.$case !== undefined && this.$case !== kase) this.$conflict = true;
    this.$case = kase;
  },
  enumerable: false,
  configurable: true,
});

/**
 * True when a message decoded here carried two different payload fields on
 * the wire (protobuf keeps the last; the ledger refuses the event).
 */
export function hasConflictingPayload(message: AuditEventMessage): boolean {
  return message instanceof DecodedAuditEvent && message.$conflict;
}

/** The generated decoder's full signature: the 5th argument is the message to fill. */
type DecodeInto = (
  reader: InstanceType<typeof BufferReader>,
  length: number,
  end: undefined,
  depth: number,
  target: AuditEventMessage,
) => AuditEventMessage;
const decodeInto = AuditEvent.decode.bind(AuditEvent) as unknown as DecodeInto;

function decodeEvent(reader: LedgerReader, start: number, end: number): AuditEventMessage {
  return decodeInto(reader.frame(start, end), end - start, undefined, 0, new DecodedAuditEvent());
}

/**
 * The reader the generated decoders run on. It is a BufferReader (the
 * generated code checks `instanceof Reader`) with hot methods replaced for
 * this reader only; protobufjs itself is not reconfigured:
 *
 * - `stringVerify`: most strings in an event are short ASCII (ids, names,
 *   hosts). The event's bytes are turned into one latin1 string up front
 *   (`text`, one native call), and an ASCII-only field is a `substring` of
 *   it, a fraction of the cost of a native UTF-8 decode per field. A field
 *   with any byte >= 0x80 is decoded as UTF-8 by Node, and checked strictly
 *   (`isUtf8`) when the result holds U+FFFD; invalid UTF-8 still throws, as
 *   proto3 requires.
 * - `int64` / `uint64`: a plain number when the varint is at most 7 bytes
 *   (< 2^49), so the decoded message holds what the generated typings promise
 *   (`number`) and no Long is allocated; anything longer falls back to the
 *   Long protobufjs returns, which validation converts or refuses as unsafe.
 */
class LedgerReader extends BufferReader {
  /** latin1 text of `buf` from `textStart`: character i is byte textStart + i. */
  text = '';
  textStart = 0;

  /** Positions the reader on one message and prepares its text. */
  frame(start: number, end: number): this {
    this.pos = start;
    this.text = (this.buf as Buffer).toString('latin1', start, end);
    this.textStart = start;
    return this;
  }
}
type ReaderState = LedgerReader & { buf: Buffer; pos: number; len: number; size(): number };
const readerProto = LedgerReader.prototype as unknown as Record<string, unknown>;
const baseReader = BufferReader.prototype;

readerProto['stringVerify'] = function stringVerify(this: ReaderState): string {
  const length = this.size();
  const start = this.pos;
  const end = start + length;
  if (end > this.len)
    throw new RangeError(`index out of range: ${start} + ${length} > ${this.len}`);
  this.pos = end;
  const buf = this.buf;
  for (let i = start; i < end; i++) {
    if (buf[i]! > 0x7f) {
      const s = buf.toString('utf8', start, end);
      if (s.includes('\uFFFD') && !isUtf8(buf.subarray(start, end)))
        throw new Error('invalid UTF-8 in string field');
      return s;
    }
  }
  return this.text.substring(start - this.textStart, end - this.textStart);
};

function varint64(this: ReaderState, unsigned: boolean): unknown {
  const buf = this.buf;
  const start = this.pos;
  const end = Math.min(this.len, start + 8);
  let value = 0;
  let scale = 1;
  // up to 7 bytes (49 bits) always fit a safe integer; longer values take the Long path
  for (let pos = start; pos < end && pos < start + 7; pos++) {
    const b = buf[pos]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) {
      this.pos = pos + 1;
      return value;
    }
    scale *= 128;
  }
  return unsigned ? baseReader.uint64.call(this) : baseReader.int64.call(this);
}

readerProto['int64'] = function int64(this: ReaderState): unknown {
  return varint64.call(this, false);
};
readerProto['uint64'] = function uint64(this: ReaderState): unknown {
  return varint64.call(this, true);
};

function tooManyEvents(count: number): ValidationError {
  return new ValidationError([
    {
      path: 'events',
      message: `has ${count} or more events; at most ${MAX_BATCH_EVENTS} per batch`,
    },
  ]);
}

// varint reader over the raw batch: the value is returned, the next offset left in `varintEnd`
let varintEnd = 0;

/** Reads a base-128 varint (at most 10 bytes) at `pos`; -1 when truncated or over-long. */
function readVarint(buf: Uint8Array, pos: number, end: number): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= end) return -1;
    const b = buf[pos++]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) {
      varintEnd = pos;
      return value;
    }
    scale *= 128;
  }
  return -1;
}

/**
 * Decodes a protobuf `ledger.v1.EventBatch`, keeping the exact bytes of every
 * AuditEvent. The batch envelope is walked here (field 1, wire type 2, varint
 * length: https://protobuf.dev/programming-guides/encoding/) so each event is
 * sliced, not re-encoded; each slice is then decoded with the generated
 * `ledger.v1.AuditEvent.decode`. Other envelope fields are skipped, as proto3
 * does with unknown fields; groups and invalid wire types are refused.
 *
 * Throws LedgerError `LDG_ERR_PAYLOAD_TOO_LARGE` above MAX_BATCH_BYTES,
 * ValidationError (`events`) above MAX_BATCH_EVENTS (before decoding any
 * event), EventDecodeError `LDG_ERR_DECODE` (with the event's `path`) for
 * malformed input. Does not validate: see validateBatch.
 */
export function decodeBatchProtobuf(bytes: Uint8Array): DecodedBatch {
  if (bytes.length > MAX_BATCH_BYTES) {
    throw new LedgerError(
      'LDG_ERR_PAYLOAD_TOO_LARGE',
      `batch is ${bytes.length} bytes; at most ${MAX_BATCH_BYTES} allowed`,
    );
  }
  // one private copy: stored event bytes never alias the caller's buffer
  const buf = Buffer.from(bytes);
  const end = buf.length;
  const starts: number[] = [];
  const ends: number[] = [];
  let pos = 0;
  while (pos < end) {
    const at = pos;
    const path = `events[${starts.length}]`;
    const tag = readVarint(buf, pos, end);
    if (tag < 0 || tag > 0xffffffff)
      throw new EventDecodeError(path, at, 'truncated or invalid field tag');
    pos = varintEnd;
    const field = Math.floor(tag / 8);
    const wireType = tag & 7;
    if (field === 0) throw new EventDecodeError(path, at, 'invalid field number 0');
    if (field === 1 && wireType !== 2) {
      throw new EventDecodeError(
        path,
        at,
        `EventBatch.events has wire type ${wireType}; expected 2 (length-delimited)`,
      );
    }
    switch (wireType) {
      case 0:
        if (readVarint(buf, pos, end) < 0) throw new EventDecodeError(path, at, 'truncated varint');
        pos = varintEnd;
        break;
      case 1:
      case 5: {
        const size = wireType === 1 ? 8 : 4;
        if (pos + size > end) throw new EventDecodeError(path, at, 'truncated fixed-width value');
        pos += size;
        break;
      }
      case 2: {
        const length = readVarint(buf, pos, end);
        if (length < 0) throw new EventDecodeError(path, at, 'truncated length');
        pos = varintEnd;
        if (length > end - pos) {
          throw new EventDecodeError(
            path,
            at,
            `length ${length} overruns the input (${end - pos} bytes left)`,
          );
        }
        if (field === 1) {
          if (starts.length === MAX_BATCH_EVENTS) throw tooManyEvents(MAX_BATCH_EVENTS + 1);
          starts.push(pos);
          ends.push(pos + length);
        }
        pos += length;
        break;
      }
      default:
        throw new EventDecodeError(path, at, `unsupported wire type ${wireType}`);
    }
  }
  const reader = new LedgerReader(buf);
  const events: DecodedEvent[] = new Array<DecodedEvent>(starts.length);
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const stop = ends[i]!;
    let message: AuditEventMessage;
    try {
      message = decodeEvent(reader, start, stop);
    } catch (e) {
      throw new EventDecodeError(
        `events[${i}]`,
        start,
        `malformed AuditEvent: ${(e as Error).message}`,
        e,
      );
    }
    events[i] = { bytes: buf.subarray(start, stop), message };
  }
  return { events };
}

/**
 * Decodes one AuditEvent (e.g. bytes read back from the store). Throws
 * EventDecodeError with `path` for malformed input.
 */
export function decodeAuditEvent(bytes: Uint8Array, path = 'event'): DecodedEvent {
  const copy = Buffer.from(bytes);
  return { bytes: copy, message: decodeAuditEventView(copy, path) };
}

/**
 * Decodes one AuditEvent without copying its bytes first, for readers of
 * stored events that only look at the message (SIEM formatting): `bytes`
 * must not change while the message is in use, since its `bytes` fields may
 * be views into it. Throws EventDecodeError as decodeAuditEvent does.
 */
export function decodeAuditEventView(bytes: Uint8Array, path = 'event'): AuditEventMessage {
  const buf = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return decodeEvent(new LedgerReader(buf), 0, buf.length);
  } catch (e) {
    throw new EventDecodeError(path, 0, `malformed AuditEvent: ${(e as Error).message}`, e);
  }
}

const batchPlan = planOf(messageType('ledger.v1.EventBatch'));
const eventPlan = planOf(messageType('ledger.v1.AuditEvent'));

/**
 * Decodes an EventBatch in the proto3 JSON mapping (a parsed JSON body:
 * `{"events": [...]}`): json names (`eventId`) or proto names (`event_id`),
 * enums by name or number, 64-bit integers as strings or numbers, Timestamps
 * as RFC 3339 strings, map keys untouched, unknown fields refused. Every
 * problem in the whole batch is reported at once as a ValidationError with
 * proto-name paths (`events[3].actor.kind`); more than MAX_BATCH_EVENTS events
 * are refused before any is looked at. Each event's stored bytes are the
 * canonical protobuf encoding (`AuditEvent.encode`) of the converted message,
 * and its message is decoded back from those bytes, exactly as for protobuf.
 *
 * Callers cap the JSON text itself at MAX_BATCH_BYTES before parsing.
 */
export function decodeBatchJson(body: unknown): DecodedBatch {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const list = (body as Record<string, unknown>)['events'];
    if (Array.isArray(list) && list.length > MAX_BATCH_EVENTS) throw tooManyEvents(list.length);
  }
  const issues: FieldIssue[] = [];
  const batch = jsonToMessage(batchPlan, body, '', issues);
  if (issues.length > 0 || batch === undefined) throw new ValidationError(issues);
  const list = (batch['events'] ?? []) as Record<string, unknown>[];
  const events: DecodedEvent[] = new Array<DecodedEvent>(list.length);
  for (let i = 0; i < list.length; i++) {
    const bytes = AuditEvent.encode(list[i]!).finish();
    let message: AuditEventMessage;
    try {
      message = decodeEvent(new LedgerReader(bytes), 0, bytes.length);
    } catch (e) {
      /* c8 ignore next 2 */
      throw new EventDecodeError(
        `events[${i}]`,
        0,
        `re-decoding failed: ${(e as Error).message}`,
        e,
      );
    }
    events[i] = { bytes, message };
  }
  return { events };
}

/**
 * Prints an event in the proto3 JSON mapping, for the query API and SIEM
 * formats: lowerCamelCase names, enums by name (an undefined number stays a
 * number), Timestamps as RFC 3339 (`Z`, 0/3/6/9 fractional digits), 64-bit
 * integers as decimal strings (the spec's choice: JSON numbers lose precision
 * above 2^53), bytes as base64, default values omitted. Accepts a decoded
 * message or a ValidAuditEvent (its `bytes`, `type` and `occurredAtMs` are
 * not schema fields and are not printed).
 */
export function auditEventToJson(event: AuditEventMessage | ValidAuditEvent): JsonObject {
  return messageToJson(eventPlan, event as unknown as Readonly<Record<string, unknown>>);
}

/** `auditEventToJson` as JSON text, written directly (no intermediate object). */
export function auditEventToJsonText(event: AuditEventMessage | ValidAuditEvent): string {
  return messageToJsonText(eventPlan, event as unknown as Readonly<Record<string, unknown>>);
}

/** Writes the event in the proto3 JSON mapping (as `auditEventToJson` prints it) into `w`. */
export function writeAuditEventJson(
  w: JsonWriter,
  event: AuditEventMessage | ValidAuditEvent,
): void {
  writeMessageJson(w, eventPlan, event as unknown as Readonly<Record<string, unknown>>);
}

/**
 * Writes only the payload of an event, as the member the proto3 JSON mapping
 * prints for it (`"commandExecuted":{...}`), into the object `w` is writing;
 * nothing when the event has no payload.
 */
export function writePayloadJson(w: JsonWriter, event: AuditEventMessage): void {
  const kase = event.payload;
  if (kase !== undefined) {
    writePropertyJson(w, eventPlan, event as unknown as Readonly<Record<string, unknown>>, kase);
  }
}

/**
 * The payload case of an event as named in the .proto (`session_opened`), or
 * undefined when no payload is set.
 */
export function payloadType(event: AuditEventMessage | ValidAuditEvent): PayloadType | undefined {
  if ('bytes' in event && 'type' in event) return event.type;
  const kase = event.payload;
  return kase === undefined ? undefined : payloadTypeOfCase(kase);
}
