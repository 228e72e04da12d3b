/**
 * C2SP tlog-proof (c2sp.org/tlog-proof@v1): a one-file, offline-verifiable
 * proof that an entry is in a log.
 *
 *   c2sp.org/tlog-proof@v1
 *   [extra <base64 opaque data>]
 *   index <decimal, no leading zeroes>
 *   <base64 inclusion proof hash, leaf's sibling first>   (zero or more)
 *   <empty line>
 *   <the signed checkpoint note, verbatim>
 *
 * The extra data is not authenticated: callers must not trust it.
 */
import { LedgerError } from '../errors.js';
import { HASH_SIZE, hashLeaf } from '../merkle/hasher.js';
import { verifyInclusion } from '../merkle/proof.js';
import type { OpenCheckpointOptions, OpenedCheckpoint } from './checkpoint.js';
import { openCheckpoint } from './checkpoint.js';
import type { NoteVerifier } from './signed-note.js';
import { decodeBase64, encodeBase64 } from './signed-note.js';

/** First line of every tlog-proof. */
export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

/** Inclusion proofs of trees of up to 2^53 - 1 leaves have at most 53 hashes. */
const MAX_PROOF_HASHES = 64;

/** The parts of a tlog-proof. */
export interface TlogProof {
  /** optional opaque, unauthenticated data */
  readonly extra?: Uint8Array;
  readonly index: number;
  /** inclusion proof hashes, leaf's sibling first */
  readonly proof: readonly Uint8Array[];
  /** the signed checkpoint note, verbatim */
  readonly checkpoint: string;
}

function malformed(message: string): LedgerError<'LDG_ERR_PROOF_MALFORMED'> {
  return new LedgerError('LDG_ERR_PROOF_MALFORMED', message);
}

const INDEX_RE = /^index (0|[1-9][0-9]{0,15})$/;
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Encodes a tlog-proof (LDG_ERR_PROOF_MALFORMED for an invalid part). */
export function formatTlogProof(proof: TlogProof): string {
  if (!Number.isSafeInteger(proof.index) || proof.index < 0) {
    throw malformed('index must be a safe non-negative integer');
  }
  if (proof.proof.length > MAX_PROOF_HASHES || proof.proof.some((h) => h.length !== HASH_SIZE)) {
    throw malformed(`proof must be at most ${MAX_PROOF_HASHES} hashes of ${HASH_SIZE} bytes`);
  }
  if (!proof.checkpoint.endsWith('\n')) throw malformed('checkpoint note must end in a newline');
  const lines = [TLOG_PROOF_HEADER];
  if (proof.extra !== undefined) lines.push(`extra ${encodeBase64(proof.extra)}`);
  lines.push(`index ${proof.index}`, ...proof.proof.map(encodeBase64), '');
  return `${lines.join('\n')}\n${proof.checkpoint}`;
}

/**
 * Parses a tlog-proof: header, optional extra line, index, canonical base64
 * 32-byte hashes, an empty line, then a non-empty checkpoint note. Anything
 * else is LDG_ERR_PROOF_MALFORMED. Nothing is verified.
 */
export function parseTlogProof(input: string | Uint8Array): TlogProof {
  let text: string;
  try {
    text = typeof input === 'string' ? input : strictDecoder.decode(input);
  } catch (cause) {
    throw new LedgerError('LDG_ERR_PROOF_MALFORMED', 'tlog-proof is not valid UTF-8', { cause });
  }
  let at = 0;
  const nextLine = (): string | undefined => {
    const end = text.indexOf('\n', at);
    if (end < 0) return undefined;
    const line = text.slice(at, end);
    at = end + 1;
    return line;
  };
  if (nextLine() !== TLOG_PROOF_HEADER) throw malformed(`first line must be ${TLOG_PROOF_HEADER}`);
  let line = nextLine();
  let extra: Uint8Array | undefined;
  if (line?.startsWith('extra ')) {
    extra = decodeBase64(line.slice('extra '.length));
    if (extra === undefined) throw malformed('extra data is not base64');
    line = nextLine();
  }
  const index = INDEX_RE.exec(line ?? '')?.[1];
  if (index === undefined || !Number.isSafeInteger(Number(index))) {
    throw malformed('expected "index <decimal>"');
  }
  const proof: Uint8Array[] = [];
  for (line = nextLine(); line !== ''; line = nextLine()) {
    const hash = line === undefined ? undefined : decodeBase64(line);
    if (hash?.length !== HASH_SIZE || proof.length === MAX_PROOF_HASHES) {
      throw malformed(`proof line ${proof.length + 1} is not a base64 ${HASH_SIZE}-byte hash`);
    }
    proof.push(hash);
  }
  const checkpoint = text.slice(at);
  if (checkpoint.length === 0) throw malformed('tlog-proof has no checkpoint');
  return extra === undefined
    ? { index: Number(index), proof, checkpoint }
    : { extra, index: Number(index), proof, checkpoint };
}

/** The entry a tlog-proof is checked for: its data, or its RFC 9162 leaf hash. */
export type TlogProofLeaf = { readonly leafData: Uint8Array } | { readonly leafHash: Uint8Array };

/** A tlog-proof that verified. */
export interface VerifiedTlogProof {
  readonly index: number;
  readonly checkpoint: OpenedCheckpoint;
  /** unauthenticated extra data, if the proof carried some */
  readonly extra?: Uint8Array;
}

/**
 * Verifies a tlog-proof for an entry: the checkpoint's signatures against
 * `verifierKeys` (see `openCheckpoint`), then the inclusion of the entry at
 * the proof's index in the checkpoint's tree (LDG_ERR_PROOF_INVALID /
 * LDG_ERR_PROOF_MALFORMED, see `verifyInclusion`).
 */
export function verifyTlogProof(
  proofText: string | Uint8Array,
  leaf: TlogProofLeaf,
  verifierKeys: readonly (string | NoteVerifier)[],
  options: OpenCheckpointOptions = {},
): VerifiedTlogProof {
  const parsed = parseTlogProof(proofText);
  const opened = openCheckpoint(parsed.checkpoint, verifierKeys, options);
  const leafHash = 'leafHash' in leaf ? leaf.leafHash : hashLeaf(leaf.leafData);
  const { size, rootHash } = opened.checkpoint;
  verifyInclusion(parsed.index, size, leafHash, parsed.proof, rootHash);
  return parsed.extra === undefined
    ? { index: parsed.index, checkpoint: opened }
    : { index: parsed.index, checkpoint: opened, extra: parsed.extra };
}
