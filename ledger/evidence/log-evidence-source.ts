/**
 * An EvidenceSource over the real components: the sequencer's MerkleStateStore
 * (leaves, tiles, signed checkpoints), the EventStore (event bytes), the
 * archiver's progress store (archived bundles), and an event finder over the
 * read models (projections/evidence/view-event-finder.ts).
 */
import { LedgerError } from '../errors.js';
import { HASH_SIZE } from '../merkle/hasher.js';
import type { TileFetcher } from '../merkle/tiles.js';
import { tilePath } from '../merkle/tiles.js';
import type { ArchiveProgressStore } from '../archive/archive-progress.js';
import type { MerkleStateStore } from '../sequencer/merkle-state-store.js';
import type { EventStore, StoredEvent } from '../store/event-store.js';
import type { EvidenceBundle, EvidenceEventFinder, EvidenceSource } from './source.js';

/** Where the archiver keeps its bundles, for references. */
export interface EvidenceArchiveInfo {
  readonly progress: Pick<ArchiveProgressStore, 'bundles'>;
  /** the target's location, e.g. `s3://audit-archive` */
  readonly location: string;
  /** the S3 bucket (default: taken from an `s3://bucket` location; else empty) */
  readonly bucket?: string;
}

/** Options of `createLogEvidenceSource`. */
export interface LogEvidenceSourceOptions {
  readonly state: MerkleStateStore;
  readonly store: Pick<EventStore, 'read'>;
  readonly finder: EvidenceEventFinder;
  /** the log's verifier key(s); the first is the checkpoint key */
  readonly verifierKeys: readonly string[];
  /** absent when no archiver runs */
  readonly archive?: EvidenceArchiveInfo | null;
}

/** Bundles read per call of the progress store. */
const BUNDLE_PAGE = 1000;

/**
 * The stored events at `positions`, by position: runs of consecutive
 * positions are read with one `read` each.
 */
export async function readStoredEvents(
  store: Pick<EventStore, 'read'>,
  positions: readonly number[],
): Promise<Map<number, StoredEvent>> {
  const out = new Map<number, StoredEvent>();
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i] as number;
    let j = i + 1;
    while (j < sorted.length && sorted[j] === first + (j - i)) j++;
    let after = first - 1;
    const last = sorted[j - 1] as number;
    // a sparse store returns what follows `after`: keep reading until `last` is passed
    while (after < last) {
      const page = await store.read({ after, limit: Math.min(last - after, 1000) });
      if (page.length === 0) break;
      for (const e of page) if (e.position >= first && e.position <= last) out.set(e.position, e);
      after = (page.at(-1) as StoredEvent).position;
    }
    i = j;
  }
  return out;
}

/** Creates the source; see the module comment. */
export function createLogEvidenceSource(o: LogEvidenceSourceOptions): EvidenceSource {
  const { state, store, finder } = o;
  const fetchTile: TileFetcher = async (tile) => {
    const stored = await state.tile(tile.level, tile.index);
    if (stored === undefined || stored.tile.width < tile.width) {
      throw new LedgerError('LDG_ERR_INTERNAL', `${tilePath(tile)} is not stored`);
    }
    return stored.data.subarray(0, tile.width * HASH_SIZE);
  };
  const archive = o.archive ?? null;
  const bucket =
    archive === null
      ? ''
      : (archive.bucket ??
        (archive.location.startsWith('s3://')
          ? (archive.location.slice(5).split('/')[0] ?? '')
          : ''));
  const source: EvidenceSource = {
    resolveControls: (ids) => finder.resolveControls(ids),
    matching: (query, controls, asOf) => finder.matching(query, controls, asOf),
    async latestCheckpoint() {
      const cp = await state.latestCheckpoint();
      if (cp === undefined || cp.size === 0) return undefined;
      const [last] = await state.leaves(cp.size - 1, 1);
      if (last === undefined) {
        throw new LedgerError(
          'LDG_ERR_INTERNAL',
          `leaf ${cp.size - 1} of the checkpoint is not stored`,
        );
      }
      return { size: cp.size, rootHash: cp.rootHash, note: cp.note, lastPosition: last.position };
    },
    async checkpointAt(size) {
      const cp = await state.checkpointAt(size);
      return cp === undefined ? undefined : { size: cp.size, rootHash: cp.rootHash, note: cp.note };
    },
    readEvents: (positions) => readStoredEvents(store, positions),
    leafIndexes: (positions) => state.leafIndexesOf(positions),
    fetchTile,
    async archivedBundles(size) {
      if (archive === null) return [];
      const out: EvidenceBundle[] = [];
      let from = 0;
      for (;;) {
        const page = await archive.progress.bundles(from, BUNDLE_PAGE);
        for (const b of page) {
          if (b.end > size) return out;
          out.push({
            location: archive.location,
            bucket,
            key: b.key,
            versionId: b.versionId,
            sha256: b.sha256,
            first: b.first,
            end: b.end,
            retainUntil: b.retainUntil,
            lockMode: b.lockMode,
          });
        }
        if (page.length < BUNDLE_PAGE) return out;
        from = (page.at(-1) as { end: number }).end;
      }
    },
    verifierKeys: () => o.verifierKeys,
  };
  if (finder.sessions !== undefined) {
    const sessions = finder.sessions.bind(finder);
    source.sessions = sessions;
  }
  return source;
}
