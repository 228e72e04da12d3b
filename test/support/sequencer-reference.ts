/**
 * An independent verification path for the sequencer and proof tests: it
 * shares no code with ledger/merkle, ledger/checkpoint or ledger/sequencer.
 *
 * - leaves: `encodeLedgerEntry` (ledger/events, generated protobuf code) of
 *   the stored events, the definition the sequencer's own encoder must match;
 * - trees and tiles: the naive RFC 9162 recursion of reference-tree.ts;
 * - proof checks: RFC 9162 §2.1.3.2 and §2.1.4.2 as the RFC writes them,
 *   with BigInt arithmetic and createHash;
 * - checkpoint notes: split, key id and Ed25519 signature checked with
 *   node:crypto and a JWK, per C2SP signed-note.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import type { Test } from 'tap';
import { encodeLedgerEntry } from '../../ledger/events/index.js';
import type { MerkleStateStore } from '../../ledger/sequencer/merkle-state-store.js';
import type { StoredEvent } from '../../ledger/store/event-store.js';
import { ReferenceTree, refHashChildren, refHashLeaf } from './reference-tree.js';

/** The leaf data of stored events, leaf i being `events[i]`. */
export function referenceEntries(events: readonly StoredEvent[]): Uint8Array[] {
  return events.map((e, i) =>
    encodeLedgerEntry({
      event: e.data,
      recordedAtMs: e.recordedAt,
      position: e.position,
      leafIndex: i,
    }),
  );
}

/** The reference tree over stored events, leaf i being `events[i]`. */
export function referenceTreeOf(events: readonly StoredEvent[]): ReferenceTree {
  return new ReferenceTree(referenceEntries(events));
}

/** Hash tile (level, index) of `width` hashes, from the reference tree: hash i = MTH of its 256^level leaves. */
export function referenceTile(
  tree: ReferenceTree,
  level: number,
  index: number,
  width: number,
): Uint8Array {
  const out = new Uint8Array(width * 32);
  for (let i = 0; i < width; i++) out.set(tree.node(8 * level, index * 256 + i), i * 32);
  return out;
}

const equal = (a: Uint8Array, b: Uint8Array): boolean =>
  Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** RFC 9162 §2.1.3.2, verbatim. */
export function rfcVerifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (index >= size) return false;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = refHashChildren(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = refHashChildren(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equal(r, root);
}

/** RFC 9162 §2.1.4.2, verbatim (0 < first <= second). */
export function rfcVerifyConsistency(
  first: number,
  second: number,
  proof: readonly Uint8Array[],
  firstHash: Uint8Array,
  secondHash: Uint8Array,
): boolean {
  if (first === second) return proof.length === 0 && equal(firstHash, secondHash);
  if (first === 0 || first > second || proof.length === 0) return false;
  const path = [...proof];
  const f = BigInt(first);
  if ((f & (f - 1n)) === 0n) path.unshift(firstHash);
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0] as Uint8Array;
  let sr = path[0] as Uint8Array;
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = refHashChildren(c, fr);
      sr = refHashChildren(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = refHashChildren(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return equal(fr, firstHash) && equal(sr, secondHash) && sn === 0n;
}

/** The leaf hash of leaf data (reference hashing). */
export const referenceLeafHash = refHashLeaf;

/** A checkpoint note read and checked without the ledger's code. */
export interface ReferenceCheckpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** whether an Ed25519 signature line by the key verified */
  readonly signedByKey: boolean;
}

/**
 * Parses a checkpoint note and checks its plain Ed25519 signature against a
 * verifier key string `name+hex(keyid)+base64(0x01 || key)` (C2SP
 * signed-note), with node:crypto only.
 */
export function referenceOpenCheckpoint(note: string, verifierKey: string): ReferenceCheckpoint {
  const split = note.lastIndexOf('\n\n');
  const text = note.slice(0, split + 1);
  const signatures = note
    .slice(split + 2)
    .split('\n')
    .filter((l) => l !== '');
  const [origin = '', size = '', root = ''] = text.split('\n');
  // name+hex+base64: the base64 part may itself hold '+'
  const plus1 = verifierKey.indexOf('+');
  const plus2 = verifierKey.indexOf('+', plus1 + 1);
  const name = verifierKey.slice(0, plus1);
  const idHex = verifierKey.slice(plus1 + 1, plus2);
  const keyB64 = verifierKey.slice(plus2 + 1);
  const keyBytes = Buffer.from(keyB64, 'base64');
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: keyBytes.subarray(1).toString('base64url') },
    format: 'jwk',
  });
  const keyId = createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`), Buffer.of(0x01), keyBytes.subarray(1)]))
    .digest()
    .subarray(0, 4)
    .toString('hex');
  let signedByKey = keyId === idHex;
  signedByKey &&= signatures.some((line) => {
    const prefix = `\u2014 ${name} `;
    if (!line.startsWith(prefix)) return false;
    const blob = Buffer.from(line.slice(prefix.length), 'base64');
    return (
      blob.subarray(0, 4).toString('hex') === keyId &&
      blob.length === 68 &&
      verify(null, Buffer.from(text, 'utf8'), publicKey, blob.subarray(4))
    );
  });
  return {
    origin,
    size: Number(size),
    rootHash: new Uint8Array(Buffer.from(root, 'base64')),
    signedByKey,
  };
}

/**
 * Checks leaves, every tile and every signed checkpoint against the reference tree of `stored`
 * (leaf i = stored[i]), checkpoints against the verifier key.
 */
export async function assertMatchesReference(
  t: Test,
  state: MerkleStateStore,
  stored: readonly StoredEvent[],
  verifierKey: string,
): Promise<void> {
  const ref = referenceTreeOf(stored);
  const size = stored.length;
  const leaves = await state.leaves(0, size + 1);
  t.equal(leaves.length, size, 'one leaf per stored event');
  t.ok(
    leaves.every((l, i) => l.leafIndex === i && l.position === (stored[i] as StoredEvent).position),
    'leaf i is the i-th stored event',
  );
  let tiles = 0;
  let tileMismatch = '';
  for (let level = 0; 256 ** level <= size; level++) {
    const count = Math.floor(size / 256 ** level);
    for (let index = 0; index * 256 < count; index++) {
      const width = Math.min(256, count - index * 256);
      const stored = await state.tile(level, index);
      const want = referenceTile(ref, level, index, width);
      tiles++;
      if (
        stored === undefined ||
        Buffer.compare(Buffer.from(stored.data), Buffer.from(want)) !== 0
      ) {
        tileMismatch ||= `tile ${level}/${index} (width ${width}, stored ${stored?.tile.width ?? 'none'})`;
      }
    }
  }
  t.equal(tileMismatch, '', `all ${tiles} tiles equal the reference tiles`);
  const checkpoints = await state.checkpoints();
  t.ok(checkpoints.length > 0, 'checkpoints were signed');
  const wrong = checkpoints.filter((c) => {
    const opened = referenceOpenCheckpoint(c.note, verifierKey);
    return (
      !opened.signedByKey ||
      opened.origin !== verifierKey.slice(0, verifierKey.indexOf('+')) ||
      opened.size !== c.size ||
      Buffer.compare(Buffer.from(opened.rootHash), Buffer.from(ref.root(c.size))) !== 0 ||
      Buffer.compare(Buffer.from(c.rootHash), Buffer.from(ref.root(c.size))) !== 0
    );
  });
  t.same(
    wrong.map((c) => c.size),
    [],
    `all ${checkpoints.length} checkpoints are signed by the key with the reference root of their size`,
  );
}
