/**
 * The per-entry work of log verification, for one entry bundle: each entry's
 * RFC 9162 leaf hash, and what can be checked of the entry on its own — that
 * it is a well-formed LedgerEntry naming its own leaf index — plus which
 * entries hold a CheckpointSigned event (decoded later, they are few).
 *
 * It is a pure function of the bundle bytes, so it runs on a worker thread
 * as well as inline (bundle-hash-pool.ts): hashing is most of the verifier's
 * work, and spreading it over cores is what makes a million entries take
 * seconds.
 */
import { HASH_SIZE, hashLeafInto } from '../merkle/hasher.js';
import { CHECKPOINT_SIGNED_FIELD } from '../sequencer/checkpoint-event.js';
import { hasTopLevelField, readLeafEntry } from '../sequencer/leaf-entry.js';

/** A problem with one entry found without context. */
export interface EntryProblem {
  readonly leaf: number;
  readonly message: string;
}

/** The result of `hashBundle`. */
export interface HashedBundle {
  /** leaf index of the bundle's first entry */
  readonly first: number;
  /** entries found: `width` unless the bundle is short */
  readonly count: number;
  /** `count` leaf hashes, 32 bytes each */
  readonly leafHashes: Uint8Array;
  /** leaves whose event is a CheckpointSigned event, with the event bytes */
  readonly checkpointEvents: readonly { readonly leaf: number; readonly event: Uint8Array }[];
  readonly problems: readonly EntryProblem[];
  /** the bundle holds bytes beyond `width` entries */
  readonly overflow: boolean;
}

/**
 * Hashes the entries of an entry bundle (each uint16-length-prefixed, C2SP
 * tlog-tiles) whose first entry is leaf `first` and which should hold `width`
 * entries.
 */
export function hashBundle(bundle: Uint8Array, first: number, width: number): HashedBundle {
  const leafHashes = new Uint8Array(width * HASH_SIZE);
  const checkpointEvents: { leaf: number; event: Uint8Array }[] = [];
  const problems: EntryProblem[] = [];
  let at = 0;
  let count = 0;
  for (; count < width; count++) {
    if (at + 2 > bundle.length) break;
    const length = ((bundle[at] as number) << 8) | (bundle[at + 1] as number);
    if (at + 2 + length > bundle.length) break;
    const entry = bundle.subarray(at + 2, at + 2 + length);
    at += 2 + length;
    const leaf = first + count;
    hashLeafInto(entry, leafHashes, count * HASH_SIZE);
    const fields = readLeafEntry(entry);
    if (fields === undefined) {
      problems.push({ leaf, message: 'is not a well-formed LedgerEntry' });
      continue;
    }
    if (fields.leafIndex !== leaf) {
      problems.push({ leaf, message: `its entry says it is leaf ${fields.leafIndex}` });
    }
    if (hasTopLevelField(entry, fields.eventStart, fields.eventEnd, CHECKPOINT_SIGNED_FIELD)) {
      checkpointEvents.push({ leaf, event: entry.slice(fields.eventStart, fields.eventEnd) });
    }
  }
  return {
    first,
    count,
    leafHashes: count === width ? leafHashes : leafHashes.slice(0, count * HASH_SIZE),
    checkpointEvents,
    problems,
    overflow: count === width && at !== bundle.length,
  };
}
