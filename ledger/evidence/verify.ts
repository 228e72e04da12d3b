/**
 * The offline verifier of evidence packages. Given a package file and the
 * ledger's verifier key (obtained out of band), it checks:
 *
 * - the container: a ustar archive with exactly the expected parts, in order;
 * - the manifest's signature, and the SHA-256 and size of every part;
 * - the checkpoint's signature, and that it is the one the manifest names;
 * - for every event: its JSON line equals the decoded raw LedgerEntry, its
 *   inclusion proof leads to the checkpoint root, it is in the query's
 *   tenant, period, user and resource, and claims only controls of the query;
 *   events are in index order (occurred_at, position), so none is repeated;
 * - for every archived bundle: its checkpoint's signature and a consistency
 *   proof to the package's checkpoint;
 * - optionally (`archive`), that each referenced archive version exists with
 *   its checksum and a lock at least until the recorded retain-until.
 *
 * Memory is bounded: the data parts are streamed in lockstep. Every failure
 * is a problem naming the part or the event (`event 17 (leaf 4242)`); the
 * verifier goes on and reports all of them (up to MAX_PROBLEMS).
 */
import { open } from 'node:fs/promises';
import { openCheckpoint } from '../checkpoint/checkpoint.js';
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import type { NoteVerifier } from '../checkpoint/signed-note.js';
import { openNote } from '../checkpoint/signed-note.js';
import { isLedgerError } from '../errors.js';
import type { LedgerErrorCode } from '../errors.js';
import { equalBytes, hashLeaf } from '../merkle/hasher.js';
import { verifyConsistency } from '../merkle/proof.js';
import type { ArchiveTarget } from '../archive/archive-target.js';
import { checkpointVerifiers } from '../verify/keys.js';
import { eventLine, openEntry, parseInclusionLine, readEntryBatches } from './lines.js';
import { parseManifest } from './manifest.js';
import type { EvidenceManifest } from './manifest.js';
import {
  BatchQueue,
  EVIDENCE_PARTS,
  TAR_BLOCK,
  openPackage,
  parseTarHeader,
  readLineBatches,
  readLines,
} from './package.js';
import type { PackageReader } from './package.js';
import { hashPartsOffThread } from './part-hash.js';
import type { PartRange } from './part-hash.js';
import { InclusionChecker, decodeHashTexts } from './proof-check.js';
import { outsideQuery, parseQueryJson } from './query.js';
import type { ManifestQuery } from './query.js';

/** The start of an events.ndjson line, up to its controls list. */
const CONTROLS_RE =
  /^\{"leaf_index":\d+,"position":\d+,"recorded_at":"[^"]*","controls":(\[[^\]]*\])/;

/** Problems listed at most; the count goes on. */
export const MAX_PROBLEMS = 100;

/** One failed check: where, what kind, and why. */
export interface EvidenceProblem {
  /** the part or entry: `part report.html`, `event 17 (leaf 4242)`, `bundle bundles/…` */
  readonly place: string;
  /** a ledger error code: LDG_ERR_TAMPERED, LDG_ERR_SIGNATURE_INVALID, LDG_ERR_PROOF_INVALID, ... */
  readonly code: LedgerErrorCode;
  readonly message: string;
}

/** Options of `verifyEvidencePackage`. */
export interface VerifyEvidenceOptions {
  /** verifier keys (`name+hex+base64`) or verifier objects; at least one */
  readonly keys: readonly (string | NoteVerifier)[];
  /** when given, confirm every referenced bundle version and its lock on this target */
  readonly archive?: ArchiveTarget;
  /** progress: events checked so far */
  readonly onProgress?: (events: number) => void;
}

/** Per-archive-reference result of `--check-archive`. */
export interface ArchiveCheck {
  readonly key: string;
  readonly versionId: string | null;
  readonly ok: boolean;
  readonly lockMode: string | null;
  readonly retainUntil: string | null;
}

/** What the verifier found. */
export interface EvidenceVerifyResult {
  readonly ok: boolean;
  readonly problems: readonly EvidenceProblem[];
  /** problems found in all (problems lists at most MAX_PROBLEMS) */
  readonly problemCount: number;
  readonly manifest: EvidenceManifest | null;
  readonly query: ManifestQuery | null;
  readonly checkpoint: Checkpoint | null;
  /** events whose checks all passed */
  readonly eventsVerified: number;
  readonly events: number;
  readonly bundles: number;
  readonly perControl: Readonly<Record<string, number>>;
  readonly archive: readonly ArchiveCheck[] | null;
}

interface Collector {
  problems: EvidenceProblem[];
  count: number;
  add(place: string, error: unknown, code?: LedgerErrorCode): void;
  /** Appends another collector's problems, as if they had been added here. */
  merge(other: Collector): void;
}

function collector(): Collector {
  const c: Collector = {
    problems: [],
    count: 0,
    add(place, error, code) {
      c.count++;
      if (c.problems.length >= MAX_PROBLEMS) return;
      const message = error instanceof Error ? error.message : String(error);
      const resolved: LedgerErrorCode =
        code ?? (isLedgerError(error) ? error.code : 'LDG_ERR_TAMPERED');
      c.problems.push({ place, code: resolved, message });
    },
    merge(other) {
      c.count += other.count;
      for (const p of other.problems) if (c.problems.length < MAX_PROBLEMS) c.problems.push(p);
    },
  };
  return c;
}

/**
 * True when `input` (the package bytes, or at least their first few KiB, or
 * a file path) is an evidence package: a ustar archive whose first members
 * are VERIFY.txt and a manifest starting `audit-ledger.evidence/v1`. Never throws.
 */
export async function isEvidencePackage(input: Uint8Array | string): Promise<boolean> {
  try {
    let head: Uint8Array;
    if (typeof input === 'string') {
      const fh = await open(input, 'r');
      try {
        head = new Uint8Array(64 * 1024);
        const { bytesRead } = await fh.read(head, 0, head.length, 0);
        head = head.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    } else head = input;
    if (head.length < TAR_BLOCK) return false;
    const first = parseTarHeader(head.subarray(0, TAR_BLOCK), TAR_BLOCK);
    if (first?.name !== 'VERIFY.txt') return false;
    const next = first.offset + Math.ceil(first.size / TAR_BLOCK) * TAR_BLOCK;
    if (head.length < next + TAR_BLOCK + 24) return false;
    const second = parseTarHeader(head.subarray(next, next + TAR_BLOCK), next + TAR_BLOCK);
    if (second?.name !== 'manifest.note') return false;
    const start = Buffer.from(head.subarray(second.offset, second.offset + 24)).toString('utf8');
    return start === 'audit-ledger.evidence/v1';
  } catch {
    return false;
  }
}

/**
 * Verifies the package at `path` offline (see the module comment). Never
 * throws for a bad package: every failure is in `problems`; `ok` is true
 * only when there are none.
 */
export async function verifyEvidencePackage(
  path: string,
  options: VerifyEvidenceOptions,
): Promise<EvidenceVerifyResult> {
  const problems = collector();
  const perControl: Record<string, number> = {};
  let manifest: EvidenceManifest | null = null;
  let query: ManifestQuery | null = null;
  let checkpoint: Checkpoint | null = null;
  let eventsVerified = 0;
  let events = 0;
  let bundles = 0;
  let archiveChecks: ArchiveCheck[] | null = null;
  const result = (): EvidenceVerifyResult => ({
    ok: problems.count === 0,
    problems: problems.problems,
    problemCount: problems.count,
    manifest,
    query,
    checkpoint,
    eventsVerified,
    events,
    bundles,
    perControl,
    archive: archiveChecks,
  });
  let verifiers: NoteVerifier[];
  try {
    verifiers = checkpointVerifiers(options.keys);
    if (verifiers.length === 0) throw new Error('no verifier key given');
  } catch (error) {
    problems.add('--key', error, 'LDG_ERR_KEY_INVALID');
    return result();
  }
  let pkg: PackageReader;
  try {
    pkg = await openPackage(path);
  } catch (error) {
    problems.add('package', error);
    return result();
  }
  try {
    // parts: exactly the expected ones, in order
    const names = pkg.members.map((m) => m.name);
    for (const name of EVIDENCE_PARTS) {
      if (!names.includes(name)) problems.add(`part ${name}`, 'missing from the package');
    }
    for (const name of names) {
      if (!(EVIDENCE_PARTS as readonly string[]).includes(name)) {
        problems.add(`part ${name}`, 'not part of the package format (added?)');
      }
    }
    const present = EVIDENCE_PARTS.filter((n) => names.includes(n));
    if (problems.count === 0 && present.some((n, i) => names[i] !== n)) {
      problems.add('package', 'parts are not in the documented order');
    }
    if (pkg.member('manifest.note') === undefined) return result();

    // the manifest
    try {
      const opened = openNote(await pkg.readAll('manifest.note'), verifiers);
      manifest = parseManifest(opened.text);
    } catch (error) {
      problems.add('part manifest.note', error);
      return result();
    }
    try {
      query = parseQueryJson(manifest.query);
    } catch (error) {
      problems.add('part manifest.note', error);
    }
    // part hashes: computed on another thread while the events are checked
    // here; the problems are reported in manifest order, then the
    // checkpoint's and the events' (`later`)
    const badParts = new Set<string>();
    const toHash: PartRange[] = [];
    for (const p of manifest.parts) {
      const m = pkg.member(p.name);
      if (m === undefined) continue;
      if (m.size !== p.size) badParts.add(p.name);
      else toHash.push({ name: p.name, offset: m.offset, size: m.size });
    }
    const digests = hashPartsOffThread({ path: pkg.path, parts: toHash });
    // awaited below; meanwhile a failure must not count as unhandled
    digests.catch(() => undefined);
    const later = collector();
    // the checkpoint
    if (pkg.member('checkpoint.note') !== undefined) {
      try {
        checkpoint = openCheckpoint(await pkg.readAll('checkpoint.note'), verifiers).checkpoint;
        if (
          checkpoint.size !== manifest.checkpointSize ||
          !equalBytes(checkpoint.rootHash, manifest.rootHash)
        ) {
          later.add(
            'part checkpoint.note',
            'is not the checkpoint the manifest names (swapped?)',
            'LDG_ERR_TAMPERED',
          );
        }
      } catch (error) {
        later.add('part checkpoint.note', error);
      }
    }
    const size = checkpoint?.size ?? manifest.checkpointSize;
    const root = checkpoint?.rootHash ?? manifest.rootHash;

    // events, entries and inclusion proofs in lockstep
    if (
      pkg.member('events.ndjson') !== undefined &&
      pkg.member('entries.bin') !== undefined &&
      pkg.member('inclusion.ndjson') !== undefined
    ) {
      const lines = new BatchQueue(readLineBatches(pkg.stream('events.ndjson')));
      const entries = new BatchQueue(readEntryBatches(pkg.stream('entries.bin')));
      const proofs = new BatchQueue(readLineBatches(pkg.stream('inclusion.ndjson')));
      const checker = new InclusionChecker(size, root);
      const queues: [BatchQueue<unknown>, string][] = [
        [lines, 'part events.ndjson'],
        [entries, 'part entries.bin'],
        [proofs, 'part inclusion.ndjson'],
      ];
      const allowed = new Set(query?.controls2022 ?? []);
      let previous: { at: number; position: number } | null = null;
      let broken = false;
      for (let k = 0; !broken; k++) {
        for (const [q, place] of queues) {
          if (!q.empty || q.done) continue;
          try {
            await q.fill();
          } catch (error) {
            later.add(place, error);
            broken = true;
          }
        }
        if (broken) break;
        const line = lines.take();
        const bytes = entries.take();
        const proofLine = proofs.take();
        if (line === undefined && bytes === undefined && proofLine === undefined) break;
        if (line === undefined || bytes === undefined || proofLine === undefined) {
          const short =
            line === undefined
              ? 'events.ndjson'
              : bytes === undefined
                ? 'entries.bin'
                : 'inclusion.ndjson';
          later.add(
            `event ${k}`,
            `part ${short} ends early: an event was removed`,
            'LDG_ERR_TAMPERED',
          );
          break;
        }
        events++;
        let place = `event ${k}`;
        let ok = true;
        const fail = (error: unknown, code?: LedgerErrorCode): void => {
          ok = false;
          later.add(place, error, code);
        };
        let opened: ReturnType<typeof openEntry> | undefined;
        try {
          opened = openEntry(bytes);
          place = `event ${k} (leaf ${opened.entry.leafIndex}, event_id ${opened.event.eventId})`;
        } catch (error) {
          fail(
            `raw entry does not decode: ${error instanceof Error ? error.message : String(error)}`,
            'LDG_ERR_TAMPERED',
          );
        }
        let claimed: string[] = [];
        // the line must equal the one rebuilt from the raw entry, so only its
        // `controls` need reading: no full JSON.parse per event
        let parsed = false;
        const head = CONTROLS_RE.exec(line);
        try {
          const c: unknown = head === null ? undefined : JSON.parse(head[1] as string);
          if (Array.isArray(c) && c.every((x) => typeof x === 'string')) {
            claimed = c;
            parsed = true;
          } else fail('events.ndjson: the line has no controls list', 'LDG_ERR_TAMPERED');
        } catch {
          fail('events.ndjson: the line is not JSON', 'LDG_ERR_TAMPERED');
        }
        if (opened !== undefined && parsed) {
          const { entry, recordedAtMs, event } = opened;
          const expected = eventLine(entry.leafIndex, entry.position, recordedAtMs, claimed, event);
          if (expected !== line) {
            fail(
              'events.ndjson: the JSON differs from the raw entry (edited?)',
              'LDG_ERR_TAMPERED',
            );
          }
          try {
            // the line as the builder writes it is read without JSON.parse
            const fast = parseInclusionLine(proofLine);
            let proofLeaf: unknown;
            let texts: unknown;
            if (fast !== undefined) {
              proofLeaf = fast.leafIndex;
              texts = fast.hashes;
            } else {
              const p = JSON.parse(proofLine) as Record<string, unknown>;
              proofLeaf = p.leaf_index;
              texts = p.hashes;
            }
            if (
              proofLeaf !== entry.leafIndex ||
              !checker.check(entry.leafIndex, hashLeaf(bytes), texts)
            ) {
              fail(
                'inclusion.ndjson: the proof line does not belong to this entry',
                'LDG_ERR_PROOF_MALFORMED',
              );
            }
          } catch (error) {
            fail(error instanceof SyntaxError ? 'inclusion.ndjson: not JSON' : error);
          }
          if (query !== null) {
            const why = outsideQuery(event, query);
            if (why !== undefined) fail(`outside the query: ${why}`, 'LDG_ERR_TAMPERED');
            if (claimed.length === 0 || claimed.some((c) => !allowed.has(c))) {
              fail(
                `claims controls [${claimed.join(', ')}], not among those asked for`,
                'LDG_ERR_TAMPERED',
              );
            }
          }
          const at = event.occurredAtMs;
          if (
            previous !== null &&
            (at < previous.at || (at === previous.at && entry.position <= previous.position))
          ) {
            fail('out of order (occurred_at, position): repeated or moved', 'LDG_ERR_TAMPERED');
          }
          previous = { at, position: entry.position };
        }
        if (ok) {
          eventsVerified++;
          for (const c of claimed) perControl[c] = (perControl[c] ?? 0) + 1;
        }
        if (events % 10_000 === 0) options.onProgress?.(events);
      }
      if (events !== manifest.events) {
        later.add(
          'part events.ndjson',
          `holds ${events} events; the manifest says ${manifest.events}`,
          'LDG_ERR_TAMPERED',
        );
      }
      for (const q of [lines, entries, proofs]) await q.close();
    }
    const hashed = await digests;
    for (const p of manifest.parts) {
      const h = hashed.get(p.name);
      if (h !== undefined && h !== p.sha256) badParts.add(p.name);
      if (badParts.has(p.name)) {
        problems.add(
          `part ${p.name}`,
          'its SHA-256 does not match the manifest (edited?)',
          'LDG_ERR_TAMPERED',
        );
      }
    }
    problems.merge(later);

    // archived bundles
    if (pkg.member('archive.ndjson') !== undefined) {
      const refs: {
        key: string;
        versionId: string | null;
        sha256: string;
        retainUntil: string;
        lockMode: string;
        location: string;
      }[] = [];
      let k = 0;
      for await (const line of readLines(pkg.stream('archive.ndjson'))) {
        bundles++;
        let place = `bundle ${k++}`;
        try {
          const b = JSON.parse(line) as Record<string, unknown>;
          if (
            typeof b.key !== 'string' ||
            typeof b.checkpoint !== 'string' ||
            typeof b.end_leaf !== 'number'
          ) {
            throw new Error('archive.ndjson: malformed line');
          }
          place = `bundle ${b.key}`;
          const bundleCheckpoint = openCheckpoint(b.checkpoint, verifiers).checkpoint;
          if (bundleCheckpoint.size !== b.end_leaf) {
            throw new Error(`its checkpoint has size ${bundleCheckpoint.size}, not ${b.end_leaf}`);
          }
          const proof = decodeHashTexts(b.consistency);
          if (proof === undefined) throw new Error('consistency proof is malformed');
          verifyConsistency(bundleCheckpoint.size, size, proof, bundleCheckpoint.rootHash, root);
          refs.push({
            key: b.key,
            versionId: typeof b.version_id === 'string' ? b.version_id : null,
            sha256: String(b.sha256),
            retainUntil: String(b.retain_until),
            lockMode: String(b.lock_mode),
            location: String(b.location),
          });
        } catch (error) {
          problems.add(place, error, isLedgerError(error) ? error.code : 'LDG_ERR_TAMPERED');
        }
      }
      if (bundles !== manifest.bundles) {
        problems.add(
          'part archive.ndjson',
          `holds ${bundles} bundles; the manifest says ${manifest.bundles}`,
          'LDG_ERR_TAMPERED',
        );
      }
      if (options.archive !== undefined) {
        archiveChecks = [];
        for (const r of refs) {
          const place = `bundle ${r.key}`;
          try {
            if (r.location !== options.archive.location) {
              throw new Error(`is archived at ${r.location}, not at ${options.archive.location}`);
            }
            const info = await options.archive.head(r.key, r.versionId);
            if (info === null)
              throw new Error(`version ${r.versionId ?? '(latest)'} is not in the archive`);
            const wantUntil = Date.parse(r.retainUntil);
            const issues: string[] = [];
            if (info.sha256 !== undefined && info.sha256 !== r.sha256)
              issues.push('its SHA-256 differs');
            if (info.lockMode !== r.lockMode)
              issues.push(`lock mode is ${info.lockMode}, not ${r.lockMode}`);
            if (
              r.lockMode !== 'NONE' &&
              (info.retainUntil === null || info.retainUntil.getTime() < wantUntil)
            ) {
              issues.push(
                `locked until ${info.retainUntil?.toISOString() ?? 'never'}, before ${r.retainUntil}`,
              );
            }
            archiveChecks.push({
              key: r.key,
              versionId: r.versionId,
              ok: issues.length === 0,
              lockMode: info.lockMode,
              retainUntil: info.retainUntil?.toISOString() ?? null,
            });
            if (issues.length > 0) throw new Error(issues.join('; '));
          } catch (error) {
            problems.add(place, error, 'LDG_ERR_ARCHIVE');
          }
        }
      }
    }
    return result();
  } finally {
    await pkg.close();
  }
}
