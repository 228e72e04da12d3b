/**
 * The evidence package container: a deterministic POSIX ustar archive
 * (IEEE Std 1003.1-2001, "pax" base format without extended headers), so any
 * `tar -xf` opens it without our code.
 *
 * Members, in this order (the README (evidence section) describes each):
 *
 *   VERIFY.txt       how to check the package
 *   manifest.note    C2SP signed note: query, generator, time, requester, SHA-256 of every other part
 *   checkpoint.note  the one signed checkpoint (C2SP tlog-checkpoint) every proof is against
 *   keys.txt         verifier keys, one per line
 *   events.ndjson    the events as proto3 JSON, one line each, with leaf index, position, recorded-at
 *   entries.bin      the LedgerEntry bytes (Merkle leaf data), each uint16 big-endian length-prefixed
 *   inclusion.ndjson one RFC 9162 inclusion proof per event, in the order of events.ndjson
 *   archive.ndjson   archived bundles holding these events, with a consistency proof each
 *   report.html      the human-readable report (no external assets)
 *   events.csv       the events as CSV
 *
 * Every header is deterministic (mode 0644, uid/gid 0, no user names, mtime
 * the package's creation time), so equal parts give equal bytes. Parts are
 * written to files first and copied in, so memory stays bounded whatever
 * their size.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { LedgerError } from '../errors.js';

/** tar block size */
export const TAR_BLOCK = 512;

/** Part names, in package order. */
export const EVIDENCE_PARTS = [
  'VERIFY.txt',
  'manifest.note',
  'checkpoint.note',
  'keys.txt',
  'events.ndjson',
  'entries.bin',
  'inclusion.ndjson',
  'archive.ndjson',
  'report.html',
  'events.csv',
] as const;

/** The name of one part of an evidence package. */
export type EvidencePartName = (typeof EVIDENCE_PARTS)[number];

/** Parts the manifest lists with their SHA-256 (all but the manifest itself). */
export const HASHED_PARTS: readonly EvidencePartName[] = EVIDENCE_PARTS.filter(
  (p) => p !== 'manifest.note',
);

/** Largest member size the 11-digit octal size field holds (8 GiB - 1). */
const MAX_MEMBER_SIZE = 0o77777777777;

function tampered(message: string): LedgerError<'LDG_ERR_TAMPERED'> {
  return new LedgerError('LDG_ERR_TAMPERED', message);
}

function writeField(header: Uint8Array, offset: number, length: number, text: string): void {
  const bytes = Buffer.from(text, 'ascii');
  if (bytes.length > length)
    throw new LedgerError('LDG_ERR_INTERNAL', `tar field too long: ${text}`);
  header.set(bytes, offset);
}

function octal(value: number, digits: number): string {
  return value.toString(8).padStart(digits, '0');
}

/**
 * A ustar header for a regular file `name` of `size` bytes, modified at
 * `mtimeSeconds`. Names are at most 100 ASCII bytes.
 */
export function tarHeader(name: string, size: number, mtimeSeconds: number): Uint8Array {
  if (!/^[\x21-\x7e]{1,100}$/.test(name)) {
    throw new LedgerError('LDG_ERR_INTERNAL', `tar member name ${JSON.stringify(name)}`);
  }
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_MEMBER_SIZE) {
    throw new LedgerError('LDG_ERR_PAYLOAD_TOO_LARGE', `part ${name}: ${size} bytes`);
  }
  const h = new Uint8Array(TAR_BLOCK);
  writeField(h, 0, 100, name);
  writeField(h, 100, 8, `${octal(0o644, 7)}\0`);
  writeField(h, 108, 8, `${octal(0, 7)}\0`);
  writeField(h, 116, 8, `${octal(0, 7)}\0`);
  writeField(h, 124, 12, `${octal(size, 11)}\0`);
  writeField(h, 136, 12, `${octal(Math.max(0, Math.floor(mtimeSeconds)), 11)}\0`);
  h.fill(0x20, 148, 156); // checksum computed over spaces
  writeField(h, 156, 1, '0');
  writeField(h, 257, 6, 'ustar\0');
  writeField(h, 263, 2, '00');
  let sum = 0;
  for (const b of h) sum += b;
  writeField(h, 148, 8, `${octal(sum, 6)}\0 `);
  return h;
}

/** Bytes of padding after a member of `size` bytes. */
export function tarPadding(size: number): number {
  return (TAR_BLOCK - (size % TAR_BLOCK)) % TAR_BLOCK;
}

function readOctal(header: Uint8Array, offset: number, length: number, field: string): number {
  const text = Buffer.from(header.subarray(offset, offset + length))
    .toString('ascii')
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '');
  if (!/^[0-7]{1,11}$/.test(text)) throw tampered(`tar header: ${field} is not octal`);
  return parseInt(text, 8);
}

/** One member of a package: where its bytes are in the file. */
export interface PackageMember {
  readonly name: string;
  /** offset of the member's data in the package file */
  readonly offset: number;
  readonly size: number;
}

/**
 * Parses one ustar header block; undefined for the all-zero end-of-archive
 * block. A bad checksum, magic or type is LDG_ERR_TAMPERED.
 */
export function parseTarHeader(header: Uint8Array, dataOffset: number): PackageMember | undefined {
  if (header.every((b) => b === 0)) return undefined;
  const stored = readOctal(header, 148, 8, 'checksum');
  let sum = 0;
  for (let i = 0; i < TAR_BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] as number);
  if (sum !== stored) throw tampered(`tar header at byte ${dataOffset - TAR_BLOCK}: bad checksum`);
  if (Buffer.from(header.subarray(257, 262)).toString('ascii') !== 'ustar') {
    throw tampered(`tar header at byte ${dataOffset - TAR_BLOCK}: not ustar`);
  }
  const type = header[156];
  if (type !== 0x30 && type !== 0) {
    throw tampered(`tar header at byte ${dataOffset - TAR_BLOCK}: not a regular file`);
  }
  const end = header.indexOf(0);
  const name = Buffer.from(header.subarray(0, end < 0 || end > 100 ? 100 : end)).toString('utf8');
  return { name, offset: dataOffset, size: readOctal(header, 124, 12, 'size') };
}

/** An opened package file: its members, and streams of their bytes. */
export interface PackageReader {
  readonly path: string;
  /** total bytes of the file */
  readonly size: number;
  readonly members: readonly PackageMember[];
  member(name: string): PackageMember | undefined;
  /** the whole member (for the small parts: manifest, checkpoint, keys) */
  readAll(name: string): Promise<Uint8Array>;
  /** a stream of the member's bytes, in chunks */
  stream(name: string): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Opens a package file and lists its members. A file that is not a ustar
 * archive, or one whose members run past its end, is LDG_ERR_TAMPERED; a
 * name given twice is LDG_ERR_TAMPERED naming it.
 */
export async function openPackage(path: string): Promise<PackageReader> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (error) {
    throw new LedgerError('LDG_ERR_NOT_FOUND', `cannot open ${path}`, { cause: error });
  }
  try {
    const { size } = await fh.stat();
    const members: PackageMember[] = [];
    const header = new Uint8Array(TAR_BLOCK);
    let at = 0;
    let ended = false;
    while (at + TAR_BLOCK <= size) {
      const { bytesRead } = await fh.read(header, 0, TAR_BLOCK, at);
      if (bytesRead < TAR_BLOCK) break;
      const m = parseTarHeader(header, at + TAR_BLOCK);
      if (m === undefined) {
        ended = true;
        break;
      }
      if (m.offset + m.size > size) throw tampered(`part ${m.name}: runs past the end of the file`);
      if (members.some((x) => x.name === m.name)) throw tampered(`part ${m.name}: given twice`);
      members.push(m);
      at = m.offset + m.size + tarPadding(m.size);
    }
    if (!ended) throw tampered('the package is truncated (no end-of-archive block)');
    const byName = new Map(members.map((m) => [m.name, m]));
    const need = (name: string): PackageMember => {
      const m = byName.get(name);
      if (m === undefined) throw tampered(`part ${name}: missing`);
      return m;
    };
    return {
      path,
      size,
      members,
      member: (name) => byName.get(name),
      async readAll(name) {
        const m = need(name);
        const out = new Uint8Array(m.size);
        if (m.size > 0) await fh.read(out, 0, m.size, m.offset);
        return out;
      },
      stream(name) {
        const m = need(name);
        if (m.size === 0) return (async function* () {})();
        return createReadStream(path, {
          start: m.offset,
          end: m.offset + m.size - 1,
          highWaterMark: 256 * 1024,
        }) as AsyncIterable<Uint8Array>;
      },
      close: () => fh.close(),
    };
  } catch (error) {
    await fh.close();
    throw error;
  }
}

/**
 * Writes one member to `out`: header, the bytes of `chunks`, padding.
 * `size` must equal the bytes the chunks hold (LDG_ERR_INTERNAL otherwise).
 */
export async function writeMember(
  out: Writable,
  name: string,
  size: number,
  mtimeSeconds: number,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<void> {
  await writeChunk(out, tarHeader(name, size, mtimeSeconds));
  let written = 0;
  for await (const chunk of chunks) {
    written += chunk.length;
    await writeChunk(out, chunk);
  }
  if (written !== size) {
    throw new LedgerError('LDG_ERR_INTERNAL', `part ${name}: wrote ${written} of ${size} bytes`);
  }
  const pad = tarPadding(size);
  if (pad > 0) await writeChunk(out, new Uint8Array(pad));
}

/** The two zero blocks that end a tar archive. */
export function tarTrailer(): Uint8Array {
  return new Uint8Array(2 * TAR_BLOCK);
}

/** Writes `chunk` and waits for the stream to drain when it asks to. */
export function writeChunk(out: Writable, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: unknown): void => reject(e instanceof Error ? e : new Error(String(e)));
    out.once('error', onError);
    const ok = out.write(chunk, (error) => {
      if (error) onError(error);
    });
    const done = (): void => {
      out.off('error', onError);
      resolve();
    };
    if (ok) done();
    else out.once('drain', done);
  });
}

/** What TextDecoder (fatal) throws for bytes that are not UTF-8. */
function notUtf8(): TypeError {
  const e = new TypeError('The encoded data was not valid for encoding utf-8');
  (e as TypeError & { code: string }).code = 'ERR_ENCODING_INVALID_ENCODED_DATA';
  return e;
}

/**
 * The lines of a stream of UTF-8 bytes (without their `\n`), a batch per
 * chunk read; memory is bounded by the chunk size and the longest line.
 * Bytes that are not UTF-8 throw as a fatal TextDecoder would (a leading
 * byte order mark is dropped as it drops it). Each chunk is cut after its
 * last newline (a byte never inside a multi-byte character), checked with
 * `isUtf8` and decoded in one go; the rest waits for the next chunk.
 */
export async function* readLineBatches(
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<string[]> {
  let rest: Uint8Array = new Uint8Array(0);
  let first = true;
  for await (const chunk of chunks) {
    let bytes: Uint8Array;
    if (rest.length === 0) bytes = chunk;
    else {
      bytes = new Uint8Array(rest.length + chunk.length);
      bytes.set(rest);
      bytes.set(chunk, rest.length);
    }
    if (first && bytes.length < 3) {
      rest = bytes;
      continue;
    }
    let from = 0;
    if (first) {
      first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) from = 3;
    }
    const cut = bytes.lastIndexOf(0x0a) + 1;
    if (cut <= from) {
      rest = bytes.subarray(from).slice();
      continue;
    }
    const whole = Buffer.from(bytes.buffer, bytes.byteOffset + from, cut - from);
    if (!isUtf8(whole)) throw notUtf8();
    const lines = whole.toString('utf8').split('\n');
    lines.pop(); // empty: the text ends with its last newline
    // copied: the chunk's buffer is not kept alive by the rest
    rest = bytes.subarray(cut).slice();
    yield lines;
  }
  if (first && rest.length >= 3 && rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf) {
    rest = rest.subarray(3);
  }
  if (rest.length > 0) {
    const tail = Buffer.from(rest.buffer, rest.byteOffset, rest.length);
    if (!isUtf8(tail)) throw notUtf8();
    yield [tail.toString('utf8')];
  }
}

/** The lines of a stream of UTF-8 bytes, one at a time (see readLineBatches). */
export async function* readLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  for await (const batch of readLineBatches(chunks)) yield* batch;
}

/**
 * Items of an async iterable of batches, taken one at a time without an
 * await per item: `take` is synchronous; call `fill` when `empty`.
 */
export class BatchQueue<T> {
  readonly #it: AsyncIterator<T[]>;
  #items: T[] = [];
  #at = 0;
  done = false;

  constructor(batches: AsyncIterable<T[]>) {
    this.#it = batches[Symbol.asyncIterator]();
  }

  /** True when no item is buffered (and the source may have more). */
  get empty(): boolean {
    return this.#at >= this.#items.length;
  }

  /** Reads the next batch; sets `done` at the end. Errors of the source propagate. */
  async fill(): Promise<void> {
    while (this.empty && !this.done) {
      const r = await this.#it.next();
      if (r.done === true) this.done = true;
      else {
        this.#items = r.value;
        this.#at = 0;
      }
    }
  }

  /** Stops the source (its streams are closed); the queue is then done. */
  async close(): Promise<void> {
    this.done = true;
    this.#items = [];
    await this.#it.return?.();
  }

  /** The next buffered item, or undefined when none is buffered. */
  take(): T | undefined {
    return this.#at < this.#items.length ? this.#items[this.#at++] : undefined;
  }
}
