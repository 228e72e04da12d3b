/**
 * The Merkle leaf of one stored event: the canonical encoding of
 * `ledger.v1.LedgerEntry` (proto/ledger/v1/entry.proto), written by hand.
 *
 * `encodeLedgerEntry` (ledger/events) is the definition; this module writes
 * the very same bytes (test/unit/sequencer-leaf-entry.test.ts checks it over
 * edge cases and random inputs) without a protobufjs Writer: it writes into
 * one reusable buffer, so the sequencer and the log verifier allocate nothing
 * per leaf. At hundreds of thousands of leaves a second the Writer's
 * allocations cost more than the leaf hash itself.
 *
 * The canonical form (proto3, fields in number order, defaults omitted,
 * shortest varints):
 *
 *   0x0a len event            unless the event is empty
 *   0x12 len Timestamp        always; inside: 0x08 seconds unless 0, 0x10 nanos unless 0
 *   0x18 position             unless 0
 *   0x20 leaf_index           unless 0
 *
 * This module also reads those fields back without decoding the event, for
 * the verifier (`readLeafEntry`), and spots a top-level field of the event
 * (`hasTopLevelField`), which is how the verifier finds CheckpointSigned
 * events among millions of entries cheaply.
 */
import { LedgerError } from '../errors.js';
import { sha256Into } from '../merkle/hasher.js';
import { MAX_ENTRY_SIZE } from '../merkle/tiles.js';

const TAG_EVENT = 0x0a;
const TAG_RECORDED_AT = 0x12;
const TAG_SECONDS = 0x08;
const TAG_NANOS = 0x10;
const TAG_POSITION = 0x18;
const TAG_LEAF_INDEX = 0x20;

/** Largest wrapper around the event: 1+3 (event tag, length) + 1+1+11+6 (timestamp) + 2 * 9 (counters). */
const MAX_OVERHEAD = 48;

function varintSize(n: number): number {
  let size = 1;
  for (let v = n; v >= 128; v = Math.floor(v / 128)) size++;
  return size;
}

/** Writes `n` (a non-negative safe integer) as a varint at `at`; returns the next offset. */
function writeVarint(out: Uint8Array, at: number, n: number): number {
  let v = n;
  let i = at;
  while (v >= 128) {
    out[i++] = (v % 128) | 0x80;
    v = Math.floor(v / 128);
  }
  out[i++] = v;
  return i;
}

/** Where a loaded page starts in a writer's buffer: after room for the largest leaf input. */
const PAGE_AT = 1 + MAX_ENTRY_SIZE + MAX_OVERHEAD;

function tooLarge(leafIndex: number, bytes: number): LedgerError {
  return new LedgerError(
    'LDG_ERR_PAYLOAD_TOO_LARGE',
    `ledger entry of leaf ${leafIndex} is ${bytes} bytes; at most ${MAX_ENTRY_SIZE} fit a tlog-tiles entry`,
  );
}

function checkCounter(name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new LedgerError(
      'LDG_ERR_INTERNAL',
      `ledger entry: ${name} ${String(v)} is not a non-negative safe integer`,
    );
  }
}

/**
 * Writes LedgerEntry encodings into one growing buffer. `write` returns a
 * view that is valid only until the next call: hash or copy it at once.
 */
export class LeafEntryWriter {
  /** byte 0 is the RFC 9162 leaf prefix 0x00; entries are written from byte 1 */
  #buffer = new Uint8Array(4096);

  /**
   * The LedgerEntry bytes for an event stored at `position`, made durable at
   * `recordedAtMs` (unix ms), as leaf `leafIndex`. All counters must be
   * non-negative safe integers (LDG_ERR_INTERNAL); an entry over 65,535 bytes,
   * the tlog-tiles limit, is LDG_ERR_PAYLOAD_TOO_LARGE.
   */
  write(event: Uint8Array, recordedAtMs: number, position: number, leafIndex: number): Uint8Array {
    return this.writeLeafInput(event, recordedAtMs, position, leafIndex).subarray(1);
  }

  /**
   * Like `write`, but the view starts one byte earlier, at the leaf prefix
   * 0x00: `SHA-256` of it is the entry's RFC 9162 leaf hash, with no copy.
   */
  writeLeafInput(
    event: Uint8Array,
    recordedAtMs: number,
    position: number,
    leafIndex: number,
  ): Uint8Array {
    const end = this.#writeAt(event, 0, event.length, recordedAtMs, position, leafIndex);
    return this.#buffer.subarray(0, end);
  }

  /**
   * The RFC 9162 leaf hash `SHA-256(0x00 || LedgerEntry)` of the event
   * `source[start, end)`, written into `out` at `offset`: what hashing
   * `writeLeafInput(source.subarray(start, end), ...)` gives, without
   * allocating anything but a view of the event (the hashed view of the
   * buffer is cached by length).
   */
  leafHashInto(
    source: Uint8Array,
    start: number,
    end: number,
    recordedAtMs: number,
    position: number,
    leafIndex: number,
    out: Uint8Array,
    offset: number,
  ): void {
    this.#hashFirst(
      this.#writeAt(source, start, end, recordedAtMs, position, leafIndex),
      out,
      offset,
    );
  }

  /**
   * Copies `page` (many events back to back) into this writer, so that
   * `pageLeafHashInto` can hash events of it with no allocation at all: each
   * event is moved into place within the writer's own memory. The copy is
   * taken now: later changes to `page` are not seen.
   */
  loadPage(page: Uint8Array): void {
    const need = PAGE_AT + page.length;
    if (this.#buffer.length < need) {
      this.#buffer = new Uint8Array(Math.max(need, 2 * this.#buffer.length));
      this.#views = [];
    }
    this.#buffer.set(page, PAGE_AT);
    this.#pageLength = page.length;
  }

  /** `leafHashInto` for the event at [start, end) of the page last given to `loadPage`. */
  pageLeafHashInto(
    start: number,
    end: number,
    recordedAtMs: number,
    position: number,
    leafIndex: number,
    out: Uint8Array,
    offset: number,
  ): void {
    if (!(start >= 0 && start <= end && end <= this.#pageLength)) {
      throw new LedgerError(
        'LDG_ERR_INTERNAL',
        `ledger entry: bytes ${start}..${end} are not in the loaded page`,
      );
    }
    this.#hashFirst(
      this.#writeAt(null, start, end, recordedAtMs, position, leafIndex),
      out,
      offset,
    );
  }

  /** SHA-256 of the buffer's first `length` bytes into `out` at `offset` (views cached by length). */
  #hashFirst(length: number, out: Uint8Array, offset: number): void {
    sha256Into((this.#views[length] ??= this.#buffer.subarray(0, length)), out, offset);
  }

  /** views of #buffer from byte 0, by length; dropped when the buffer grows */
  #views: Uint8Array[] = [];
  /** bytes of the loaded page, which sits at PAGE_AT in #buffer */
  #pageLength = 0;

  /**
   * Writes 0x00 || LedgerEntry of `source[start, end)` (of the loaded page
   * when `source` is null); returns its length.
   */
  #writeAt(
    source: Uint8Array | null,
    start: number,
    end: number,
    recordedAtMs: number,
    position: number,
    leafIndex: number,
  ): number {
    checkCounter('recordedAtMs', recordedAtMs);
    checkCounter('position', position);
    checkCounter('leafIndex', leafIndex);
    const eventLength = end - start;
    if (source === null && eventLength > MAX_ENTRY_SIZE) {
      // it cannot fit an entry, nor the room before the page
      throw tooLarge(leafIndex, eventLength);
    }
    const need = 1 + eventLength + MAX_OVERHEAD;
    // an input this large reaches into the loaded page (it is too large for an entry anyway)
    if (need > PAGE_AT) this.#pageLength = 0;
    if (this.#buffer.length < need) {
      this.#buffer = new Uint8Array(Math.max(need, 2 * this.#buffer.length));
      this.#views = [];
      this.#pageLength = 0;
    }
    const out = this.#buffer;
    out[0] = 0x00;
    let at = 1;
    if (eventLength > 0) {
      out[at++] = TAG_EVENT;
      at = writeVarint(out, at, eventLength);
      if (source === null) out.copyWithin(at, PAGE_AT + start, PAGE_AT + end);
      else out.set(start === 0 && end === source.length ? source : source.subarray(start, end), at);
      at += eventLength;
    }
    const seconds = Math.floor(recordedAtMs / 1000);
    const nanos = (recordedAtMs - seconds * 1000) * 1_000_000;
    const timestampSize =
      (seconds === 0 ? 0 : 1 + varintSize(seconds)) + (nanos === 0 ? 0 : 1 + varintSize(nanos));
    out[at++] = TAG_RECORDED_AT;
    out[at++] = timestampSize;
    if (seconds !== 0) {
      out[at++] = TAG_SECONDS;
      at = writeVarint(out, at, seconds);
    }
    if (nanos !== 0) {
      out[at++] = TAG_NANOS;
      at = writeVarint(out, at, nanos);
    }
    if (position !== 0) {
      out[at++] = TAG_POSITION;
      at = writeVarint(out, at, position);
    }
    if (leafIndex !== 0) {
      out[at++] = TAG_LEAF_INDEX;
      at = writeVarint(out, at, leafIndex);
    }
    if (at - 1 > MAX_ENTRY_SIZE) throw tooLarge(leafIndex, at - 1);
    return at;
  }
}

/** A fresh copy of the LedgerEntry bytes (see `LeafEntryWriter.write`). */
export function encodeLeafEntry(
  event: Uint8Array,
  recordedAtMs: number,
  position: number,
  leafIndex: number,
): Uint8Array {
  return new LeafEntryWriter().write(event, recordedAtMs, position, leafIndex).slice();
}

// ---------------------------------------------------------------------------
// reading

/** The fields of a LedgerEntry the verifier needs, read without copying the event. */
export interface LeafEntryFields {
  /** offset of the event bytes in the entry */
  readonly eventStart: number;
  /** end (exclusive) of the event bytes */
  readonly eventEnd: number;
  readonly position: number;
  readonly leafIndex: number;
}

/** Offset just after the varint `readVarint` read last (saves an allocation per call). */
let varintEnd = 0;

/**
 * Reads a varint at `at` of `bytes` (before `end`): its value, or -1 when it
 * is truncated, longer than 8 bytes, or not a safe integer. Sets `varintEnd`.
 */
function readVarint(bytes: Uint8Array, at: number, end: number): number {
  let value = 0;
  let scale = 1;
  for (let i = at; i < end && i < at + 8; i++) {
    const b = bytes[i] as number;
    value += (b & 0x7f) * scale;
    if (b < 0x80) {
      varintEnd = i + 1;
      return Number.isSafeInteger(value) ? value : -1;
    }
    scale *= 128;
  }
  return -1;
}

/**
 * Skips the field whose tag was just read (wire type `wireType`) starting at
 * `at`; returns the offset after it, or -1 when malformed or truncated.
 */
function skipField(bytes: Uint8Array, at: number, end: number, wireType: number): number {
  switch (wireType) {
    case 0: {
      for (let i = at; i < end && i < at + 10; i++) if ((bytes[i] as number) < 0x80) return i + 1;
      return -1;
    }
    case 1:
      return at + 8 <= end ? at + 8 : -1;
    case 2: {
      const length = readVarint(bytes, at, end);
      if (length < 0 || varintEnd + length > end) return -1;
      return varintEnd + length;
    }
    case 5:
      return at + 4 <= end ? at + 4 : -1;
    default:
      return -1;
  }
}

/**
 * Reads the event, position and leaf index of a LedgerEntry without copying
 * or validating the event; undefined when the bytes are not a well-formed
 * LedgerEntry. Canonical form is not checked here: the verifier compares
 * hashes, which catches any other encoding.
 */
export function readLeafEntry(entry: Uint8Array): LeafEntryFields | undefined {
  let at = 0;
  const end = entry.length;
  let eventStart = 0;
  let eventEnd = 0;
  let position = 0;
  let leafIndex = 0;
  while (at < end) {
    const tag = readVarint(entry, at, end);
    if (tag < 0) return undefined;
    at = varintEnd;
    if (tag === TAG_EVENT) {
      const length = readVarint(entry, at, end);
      if (length < 0 || varintEnd + length > end) return undefined;
      eventStart = varintEnd;
      eventEnd = varintEnd + length;
      at = eventEnd;
    } else if (tag === TAG_POSITION || tag === TAG_LEAF_INDEX) {
      const value = readVarint(entry, at, end);
      if (value < 0) return undefined;
      if (tag === TAG_POSITION) position = value;
      else leafIndex = value;
      at = varintEnd;
    } else {
      at = skipField(entry, at, end, tag % 8);
      if (at < 0) return undefined;
    }
  }
  return { eventStart, eventEnd, position, leafIndex };
}

/**
 * Whether the protobuf message in `bytes[start, end)` has a top-level field
 * `fieldNumber` of wire type 2 (a message, string or bytes field). A
 * malformed message answers false; the caller decodes properly when true.
 */
export function hasTopLevelField(
  bytes: Uint8Array,
  start: number,
  end: number,
  fieldNumber: number,
): boolean {
  const wanted = fieldNumber * 8 + 2;
  let at = start;
  while (at < end) {
    const tag = readVarint(bytes, at, end);
    if (tag < 0) return false;
    if (tag === wanted) return true;
    at = skipField(bytes, varintEnd, end, tag % 8);
    if (at < 0) return false;
  }
  return false;
}
