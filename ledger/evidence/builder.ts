/**
 * Builds an evidence package (package.ts describes the file) from an
 * EvidenceSource, streaming: matching events are read a page at a time, each
 * part is written to its own temporary file while its SHA-256 is computed,
 * and the parts are finally copied into one tar file. Memory stays bounded
 * whatever the number of events (a page of events, a bounded tile cache and
 * the report's bounded aggregates).
 *
 * Every event gets an inclusion proof against ONE signed checkpoint: the
 * latest when the build starts. Events sequenced after it are not included
 * (the query is answered as of that checkpoint; the manifest names it).
 */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { signNote } from '../checkpoint/signed-note.js';
import type { NoteSigner } from '../checkpoint/signed-note.js';
import { LedgerError } from '../errors.js';
import { decodeAuditEvent } from '../events/decode.js';
import { validateEvent } from '../events/validate.js';
import { LeafEntryWriter } from '../sequencer/leaf-entry.js';
import { eventLine, inclusionLineOfTexts } from './lines.js';
import { formatManifest, verifyText } from './manifest.js';
import { ProofMaker } from './proof-maker.js';
import type { PartDigest } from './manifest.js';
import { EVIDENCE_PARTS, HASHED_PARTS, tarTrailer, writeChunk, writeMember } from './package.js';
import type { EvidencePartName } from './package.js';
import { outsideQuery, queryJson } from './query.js';
import type { EvidenceQuery } from './query.js';
import { CSV_HEADER, ReportAccumulator, csvRow, renderReport } from './report.js';
import type { EvidenceBundle, EvidenceSource } from './source.js';

/** Generator line of packages built by this version. */
export const EVIDENCE_GENERATOR = 'audit-ledger/0.1.0';

/**
 * Tiles the builder keeps in memory for proofs (8 KiB each when full):
 * enough for the lowest tiles of many interleaved runs of leaves, as proofs
 * share their upper part (proof-maker.ts); more only adds to the peak RSS.
 */
export const DEFAULT_TILE_CACHE = 128;

/** Progress of a build. */
export interface EvidenceProgress {
  readonly phase: 'events' | 'archive' | 'report' | 'assemble' | 'done';
  /** events written so far */
  readonly events: number;
  /** bytes of the package written so far (assemble phase) */
  readonly bytes: number;
}

/** Options of `buildEvidencePackage`. */
export interface BuildEvidenceOptions {
  readonly source: EvidenceSource;
  /** signs the manifest: the log's key, so one verifier key checks manifest and checkpoint */
  readonly signer: NoteSigner;
  /** the package file to write, or a stream (not ended by the build) */
  readonly output: string | Writable;
  /** where temporary part files go (default: the OS temp dir) */
  readonly workDir?: string;
  /** creation time, unix ms (default: now) */
  readonly now?: number;
  readonly generator?: string;
  readonly onProgress?: (p: EvidenceProgress) => void;
  /** report progress every this many events (default 1,000) */
  readonly progressEvery?: number;
  readonly tileCache?: number;
}

/** What a build produced. */
export interface BuildEvidenceResult {
  /** lower-case hex SHA-256 of the whole package file */
  readonly sha256: string;
  readonly bytes: number;
  readonly events: number;
  readonly checkpointSize: number;
  readonly bundles: number;
  /** 2022 ids the query resolved to */
  readonly controls: readonly string[];
  /** the query JSON recorded in the manifest (and the EvidenceExported event) */
  readonly queryJson: string;
  readonly createdAt: number;
  readonly parts: readonly PartDigest[];
}

/** Bytes a part buffers before writing them to its file. */
const PART_FLUSH_BYTES = 256 * 1024;

class PartFile {
  readonly path: string;
  readonly #out: WriteStream;
  readonly #hash: Hash = createHash('sha256');
  /** bytes appended so far (text counts once converted) */
  size = 0;

  constructor(
    dir: string,
    readonly name: EvidencePartName,
  ) {
    this.path = join(dir, name);
    this.#out = createWriteStream(this.path);
  }

  readonly #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  /** text appended since the last conversion to bytes (converted once per flush) */
  #text = '';
  /** the chunk framed entries are copied into, and how much of it is used */
  #framed: Buffer | null = null;
  #framedAt = 0;

  /** Appends data to the buffer (written out by `flush`). */
  append(data: string | Uint8Array): void {
    if (typeof data === 'string') {
      this.#text += data;
      this.#pendingBytes += data.length;
      return;
    }
    this.#takeText();
    this.#takeFramed();
    this.size += data.length;
    this.#pending.push(data);
    this.#pendingBytes += data.length;
  }

  /**
   * Appends an entry framed as `frameEntry` does (uint16 big-endian length,
   * then the bytes), copied into a shared chunk rather than a buffer each.
   */
  appendFramed(entry: Uint8Array): void {
    if (entry.length > 0xffff) {
      throw new LedgerError('LDG_ERR_PAYLOAD_TOO_LARGE', `entry of ${entry.length} bytes`);
    }
    this.#takeText();
    const need = 2 + entry.length;
    if (this.#framed !== null && this.#framedAt + need > this.#framed.length) this.#takeFramed();
    if (this.#framed === null) {
      this.#framed = Buffer.allocUnsafe(Math.max(PART_FLUSH_BYTES, need));
      this.#framedAt = 0;
    }
    const out = this.#framed;
    out[this.#framedAt] = entry.length >>> 8;
    out[this.#framedAt + 1] = entry.length & 0xff;
    out.set(entry, this.#framedAt + 2);
    this.#framedAt += need;
    this.size += need;
    this.#pendingBytes += need;
  }

  #takeText(): void {
    if (this.#text.length === 0) return;
    const bytes = Buffer.from(this.#text, 'utf8');
    this.#text = '';
    this.size += bytes.length;
    this.#pending.push(bytes);
  }

  #takeFramed(): void {
    if (this.#framed === null || this.#framedAt === 0) return;
    this.#pending.push(this.#framed.subarray(0, this.#framedAt));
    this.#framed = null;
    this.#framedAt = 0;
  }

  /** Appends data and writes the buffer out. */
  async write(data: string | Uint8Array): Promise<void> {
    this.append(data);
    await this.#flush();
  }

  /** True when the buffer holds PART_FLUSH_BYTES (time to `flushIfFull`). */
  get full(): boolean {
    return this.#pendingBytes >= PART_FLUSH_BYTES;
  }

  /** Writes the buffer out once it holds PART_FLUSH_BYTES. */
  async flushIfFull(): Promise<void> {
    if (this.full) await this.#flush();
  }

  async #flush(): Promise<void> {
    this.#takeText();
    this.#takeFramed();
    if (this.#pending.length === 0) return;
    const chunk =
      this.#pending.length === 1
        ? (this.#pending.pop() as Uint8Array)
        : Buffer.concat(this.#pending.splice(0));
    this.#pendingBytes = 0;
    // hashed here, once per flush, rather than per small append
    this.#hash.update(chunk);
    await writeChunk(this.#out, chunk);
  }

  async close(): Promise<PartDigest> {
    await this.#flush();
    await new Promise<void>((resolve, reject) => {
      this.#out.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    return { name: this.name, sha256: this.#hash.digest('hex'), size: this.size };
  }

  destroy(): void {
    this.#out.destroy();
  }
}

class HashingSink extends Writable {
  readonly hash = createHash('sha256');
  bytes = 0;
  constructor(
    readonly target: Writable,
    readonly onBytes: (n: number) => void,
  ) {
    super();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.onBytes(this.bytes);
    writeChunk(this.target, chunk).then(() => cb(), cb);
  }
}

function bundleHolding(bundles: readonly EvidenceBundle[], leaf: number): number {
  let lo = 0;
  let hi = bundles.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const b = bundles[mid] as EvidenceBundle;
    if (leaf < b.first) hi = mid - 1;
    else if (leaf >= b.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * Builds the package for `query` into `options.output`. Throws
 * LDG_ERR_VALIDATION (naming each) for unknown controls, LDG_ERR_NOT_FOUND when the log
 * has no signed checkpoint yet, LDG_ERR_INTERNAL when the source returns an
 * event outside the query or the tenant (never written). A failed build
 * leaves no temporary files; a partly written output file is the caller's to
 * remove.
 */
export async function buildEvidencePackage(
  query: EvidenceQuery,
  options: BuildEvidenceOptions,
): Promise<BuildEvidenceResult> {
  const { source } = options;
  const createdAt = options.now ?? Date.now();
  const generator = options.generator ?? EVIDENCE_GENERATOR;
  const every = options.progressEvery ?? 1000;
  const progress = options.onProgress ?? (() => undefined);
  const controls = source.resolveControls(query.controls);
  const controlIds = controls.map((c) => c.id);
  const qJson = queryJson(query, controlIds);
  const checkpoint = await source.latestCheckpoint();
  if (checkpoint === undefined) {
    throw new LedgerError('LDG_ERR_NOT_FOUND', 'the log has no signed checkpoint yet');
  }
  const size = checkpoint.size;
  const bundles = (await source.archivedBundles(size))
    .filter((b) => b.end <= size)
    .sort((a, b) => a.first - b.first);
  const holding = new Set<number>();
  const proofs = new ProofMaker(size, source.fetchTile, options.tileCache ?? DEFAULT_TILE_CACHE);
  const dir = await mkdtemp(join(options.workDir ?? tmpdir(), 'evidence-'));
  const files = new Map<EvidencePartName, PartFile>();
  const part = (name: EvidencePartName): PartFile => {
    let f = files.get(name);
    if (f === undefined) {
      f = new PartFile(dir, name);
      files.set(name, f);
    }
    return f;
  };
  try {
    const events = part('events.ndjson');
    const entries = part('entries.bin');
    const inclusion = part('inclusion.ndjson');
    const csv = part('events.csv');
    await csv.write(`${CSV_HEADER}\n`);
    const report = new ReportAccumulator();
    const writer = new LeafEntryWriter();
    let count = 0;
    for await (const page of source.matching(query, controlIds, checkpoint.lastPosition)) {
      if (page.length === 0) continue;
      const positions = page.map((m) => m.position);
      const [stored, leaves] = await Promise.all([
        source.readEvents(positions),
        source.leafIndexes(positions),
      ]);
      for (const match of page) {
        const s = stored.get(match.position);
        const leaf = leaves.get(match.position);
        if (s === undefined || leaf === undefined) {
          throw new LedgerError(
            'LDG_ERR_INTERNAL',
            `store position ${match.position}: the index lists it, but it is not ${s === undefined ? 'in the store' : 'a leaf'}`,
          );
        }
        if (leaf >= size) continue; // sequenced after the checkpoint
        if (s.tenantId !== query.tenant) {
          throw new LedgerError(
            'LDG_ERR_INTERNAL',
            `store position ${s.position}: another tenant's event`,
          );
        }
        const event = validateEvent(decodeAuditEvent(s.data), 0, {
          now: s.recordedAt,
          allowInternal: true,
        });
        const why = outsideQuery(event, query);
        if (why !== undefined) {
          throw new LedgerError('LDG_ERR_INTERNAL', `store position ${s.position}: ${why}`);
        }
        const own = match.controls.filter((c) => controlIds.includes(c));
        const made = proofs.inclusionHashes(leaf);
        const proof = 'then' in made ? await made : made;
        events.append(`${eventLine(leaf, s.position, s.recordedAt, own, event)}\n`);
        // the entry is copied out of the writer's reused buffer at once
        entries.appendFramed(writer.write(s.data, s.recordedAt, s.position, leaf));
        inclusion.append(`${inclusionLineOfTexts(leaf, proof.texts)}\n`);
        csv.append(csvRow(leaf, s.position, s.recordedAt, own, event));
        report.add(event, own);
        const b = bundleHolding(bundles, leaf);
        if (b >= 0) holding.add(b);
        count++;
        if (count % every === 0) progress({ phase: 'events', events: count, bytes: 0 });
        // buffers stay near PART_FLUSH_BYTES whatever the page size
        if (events.full || entries.full || inclusion.full || csv.full) {
          for (const f of [events, entries, inclusion, csv]) await f.flushIfFull();
        }
      }
    }
    progress({ phase: 'archive', events: count, bytes: 0 });
    const archive = part('archive.ndjson');
    const referenced = [...holding].sort((a, b) => a - b).map((i) => bundles[i] as EvidenceBundle);
    for (const b of referenced) {
      const cp = await source.checkpointAt(b.end);
      if (cp === undefined) {
        throw new LedgerError(
          'LDG_ERR_INTERNAL',
          `bundle ${b.key}: no checkpoint of size ${b.end}`,
        );
      }
      const proof = b.end === size ? [] : await proofs.consistency(b.end);
      await archive.write(
        `${JSON.stringify({
          location: b.location,
          bucket: b.bucket,
          key: b.key,
          version_id: b.versionId,
          sha256: b.sha256,
          first_leaf: b.first,
          end_leaf: b.end,
          retain_until: b.retainUntil.toISOString(),
          lock_mode: b.lockMode,
          checkpoint: cp.note,
          consistency: proof.map((h) => Buffer.from(h).toString('base64')),
        })}\n`,
      );
    }
    progress({ phase: 'report', events: count, bytes: 0 });
    const keys = source.verifierKeys();
    const origin = checkpoint.note.slice(0, checkpoint.note.indexOf('\n'));
    await part('VERIFY.txt').write(verifyText(origin, keys[0] ?? '(ask the ledger operator)'));
    await part('checkpoint.note').write(checkpoint.note);
    await part('keys.txt').write(keys.map((k) => `${k}\n`).join(''));
    const sessions =
      source.sessions === undefined
        ? undefined
        : await source.sessions(query.tenant, [...report.sessions.keys()]);
    await part('report.html').write(
      renderReport(report, {
        query,
        controls,
        checkpoint,
        createdAt,
        generator,
        bundles: referenced.length,
        ...(sessions === undefined ? {} : { sessions }),
      }),
    );
    const digests = new Map<EvidencePartName, PartDigest>();
    for (const name of HASHED_PARTS) digests.set(name, await part(name).close());
    const parts = HASHED_PARTS.map((n) => digests.get(n) as PartDigest);
    const manifest = signNote(
      formatManifest({
        generator,
        createdAt,
        requester: query.requester,
        query: qJson,
        checkpointSize: size,
        rootHash: checkpoint.rootHash,
        events: count,
        bundles: referenced.length,
        parts,
      }),
      [options.signer],
    );
    progress({ phase: 'assemble', events: count, bytes: 0 });
    const target =
      typeof options.output === 'string' ? createWriteStream(options.output) : options.output;
    const sink = new HashingSink(target, (n) => {
      if (n % (1 << 24) < 65_536) progress({ phase: 'assemble', events: count, bytes: n });
    });
    const mtime = Math.floor(createdAt / 1000);
    for (const name of EVIDENCE_PARTS) {
      if (name === 'manifest.note') {
        const bytes = Buffer.from(manifest, 'utf8');
        await writeMember(sink, name, bytes.length, mtime, [bytes]);
      } else {
        const file = join(dir, name);
        const { size: bytes } = await stat(file);
        await writeMember(
          sink,
          name,
          bytes,
          mtime,
          createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Uint8Array>,
        );
      }
    }
    await writeChunk(sink, tarTrailer());
    await new Promise<void>((resolve, reject) => {
      sink.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    if (typeof options.output === 'string') {
      await new Promise<void>((resolve, reject) => {
        target.end((error?: Error | null) => (error ? reject(error) : resolve()));
      });
    }
    const result: BuildEvidenceResult = {
      sha256: sink.hash.digest('hex'),
      bytes: sink.bytes,
      events: count,
      checkpointSize: size,
      bundles: referenced.length,
      controls: controlIds,
      queryJson: qJson,
      createdAt,
      parts,
    };
    progress({ phase: 'done', events: count, bytes: sink.bytes });
    return result;
  } finally {
    for (const f of files.values()) f.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
