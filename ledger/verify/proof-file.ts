/**
 * Offline verification of the files the ledger hands out, dispatched on the
 * file's kind. Today: a C2SP tlog-proof for one event (as served by
 * `GET /v1/proofs/inclusion`, text or `?format=json`). Evidence packages will
 * be another kind here.
 *
 * A tlog-proof from this ledger carries the leaf data — the LedgerEntry —
 * base64 in its `extra` line. The extra line is unauthenticated by itself;
 * it becomes authenticated here because its hash must reproduce the signed
 * root through the inclusion proof.
 */
import { TLOG_PROOF_HEADER, parseTlogProof, verifyTlogProof } from '../checkpoint/tlog-proof.js';
import { decodeBase64 } from '../checkpoint/signed-note.js';
import type { NoteVerifier } from '../checkpoint/signed-note.js';
import { LedgerError } from '../errors.js';
import { decodeAuditEvent, payloadType } from '../events/decode.js';
import { decodeLedgerEntry } from '../events/encode.js';
import { checkpointVerifiers } from './keys.js';

/** Kinds of file `verifyFile` knows. */
export type VerifiableFileKind = 'tlog-proof' | 'tlog-proof-json';

/** Options of `verifyFile`. */
export interface VerifyFileOptions {
  /** the log's verifier key(s) */
  readonly keys: readonly (string | NoteVerifier)[];
  /** require this checkpoint origin */
  readonly origin?: string;
  /** the leaf data (LedgerEntry bytes), when the file does not carry it */
  readonly entry?: Uint8Array;
}

/** What a verified proof proves. */
export interface VerifiedEventProof {
  readonly kind: VerifiableFileKind;
  readonly origin: string;
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
  /** the checkpoint's signed time (unix seconds), when it carries a verified cosignature */
  readonly signedAt: number | undefined;
  readonly position: number;
  /** when the ledger recorded the event, unix ms */
  readonly recordedAtMs: number;
  readonly eventId: string;
  readonly tenantId: string;
  readonly eventType: string;
  /** the event bytes as the gateway sent them */
  readonly event: Uint8Array;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** The kind of a file, from its first bytes; undefined when unknown. */
export function detectFileKind(bytes: Uint8Array): VerifiableFileKind | undefined {
  const head = decoder.decode(bytes.subarray(0, 64));
  if (head.startsWith(`${TLOG_PROOF_HEADER}\n`)) return 'tlog-proof';
  if (/^\s*\{/.test(head)) {
    try {
      const json = JSON.parse(decoder.decode(bytes)) as { proof?: unknown };
      if (typeof json.proof === 'string' && json.proof.startsWith(`${TLOG_PROOF_HEADER}\n`)) {
        return 'tlog-proof-json';
      }
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Verifies a file the ledger handed out (see `detectFileKind`). Throws
 * LDG_ERR_DECODE for an unknown kind or a file without its entry,
 * LDG_ERR_SIGNATURE_INVALID / LDG_ERR_NOTE_MALFORMED for a checkpoint the keys
 * do not accept, LDG_ERR_PROOF_INVALID / LDG_ERR_PROOF_MALFORMED for a proof
 * that does not lead to the signed root, LDG_ERR_TAMPERED for an entry that
 * names another leaf than the proof.
 */
export function verifyFile(bytes: Uint8Array, options: VerifyFileOptions): VerifiedEventProof {
  const kind = detectFileKind(bytes);
  if (kind === undefined) {
    throw new LedgerError(
      'LDG_ERR_DECODE',
      `not a file this verifier knows (expected a ${TLOG_PROOF_HEADER} proof)`,
    );
  }
  let proofText: string;
  let entry = options.entry;
  if (kind === 'tlog-proof') {
    proofText = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } else {
    const json = JSON.parse(decoder.decode(bytes)) as { proof: string; entry?: unknown };
    proofText = json.proof;
    if (entry === undefined && typeof json.entry === 'string') {
      entry = decodeBase64(json.entry);
      if (entry === undefined) throw new LedgerError('LDG_ERR_DECODE', '"entry" is not base64');
    }
  }
  const parsed = parseTlogProof(proofText);
  entry ??= parsed.extra;
  if (entry === undefined) {
    throw new LedgerError(
      'LDG_ERR_DECODE',
      'the proof carries no entry (extra line): give the leaf data separately',
    );
  }
  const verified = verifyTlogProof(
    proofText,
    { leafData: entry },
    checkpointVerifiers(options.keys),
    options.origin === undefined ? {} : { origin: options.origin },
  );
  const ledgerEntry = decodeLedgerEntry(entry);
  if (ledgerEntry.leafIndex !== verified.index) {
    throw new LedgerError(
      'LDG_ERR_TAMPERED',
      `the entry says it is leaf ${ledgerEntry.leafIndex}, the proof is for leaf ${verified.index}`,
    );
  }
  const event = decodeAuditEvent(ledgerEntry.event).message;
  const cp = verified.checkpoint.checkpoint;
  return {
    kind,
    origin: cp.origin,
    leafIndex: verified.index,
    treeSize: cp.size,
    rootHash: cp.rootHash,
    signedAt: verified.checkpoint.timestamp,
    position: ledgerEntry.position,
    recordedAtMs: ledgerEntry.recordedAtMs,
    eventId: event.eventId,
    tenantId: event.tenantId,
    eventType: payloadType(event) ?? 'unknown',
    event: ledgerEntry.event,
  };
}
