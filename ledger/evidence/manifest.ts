/**
 * The manifest of an evidence package: a C2SP signed note whose text is
 *
 *   audit-ledger.evidence/v1
 *   generator <name/version>
 *   created <RFC 3339>
 *   requester <who asked>
 *   query <JSON: tenant, controls, controls_2022, from, to, user, resource>
 *   checkpoint <tree size> <base64 root hash>
 *   events <count>
 *   bundles <count>
 *   part <name> <sha256 hex> <bytes>      one line per part, in package order
 *
 * signed by the log's key, so the same verifier key checks the manifest and
 * the checkpoint.
 */
import { LedgerError } from '../errors.js';
import { HASHED_PARTS } from './package.js';
import type { EvidencePartName } from './package.js';

/** First line of the manifest text. */
export const MANIFEST_HEADER = 'audit-ledger.evidence/v1';

/** One part's digest. */
export interface PartDigest {
  readonly name: EvidencePartName;
  /** lower-case hex SHA-256 */
  readonly sha256: string;
  readonly size: number;
}

/** The manifest's fields. */
export interface EvidenceManifest {
  readonly generator: string;
  readonly createdAt: number;
  readonly requester: string;
  /** the query JSON (see query.ts `queryJson`) */
  readonly query: string;
  readonly checkpointSize: number;
  readonly rootHash: Uint8Array;
  readonly events: number;
  readonly bundles: number;
  readonly parts: readonly PartDigest[];
}

const LINE_RE = /^[^\u0000-\u001f]*$/;

function line(key: string, value: string): string {
  if (!LINE_RE.test(value) || value.length === 0) {
    throw new LedgerError('LDG_ERR_VALIDATION', `manifest ${key}: must be one non-empty line`);
  }
  return `${key} ${value}\n`;
}

/** The manifest text (to be signed). */
export function formatManifest(m: EvidenceManifest): string {
  return [
    `${MANIFEST_HEADER}\n`,
    line('generator', m.generator),
    line('created', new Date(m.createdAt).toISOString()),
    line('requester', m.requester),
    line('query', m.query),
    line('checkpoint', `${m.checkpointSize} ${Buffer.from(m.rootHash).toString('base64')}`),
    line('events', String(m.events)),
    line('bundles', String(m.bundles)),
    ...m.parts.map((p) => line('part', `${p.name} ${p.sha256} ${p.size}`)),
  ].join('');
}

function tampered(message: string): LedgerError<'LDG_ERR_TAMPERED'> {
  return new LedgerError('LDG_ERR_TAMPERED', `part manifest.note: ${message}`);
}

const COUNT_RE = /^(0|[1-9][0-9]{0,15})$/;

/**
 * Parses verified manifest text. Every field once, in order; every hashed
 * part listed exactly once, in package order (LDG_ERR_TAMPERED naming what
 * is wrong otherwise).
 */
export function parseManifest(text: string): EvidenceManifest {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines[0] !== MANIFEST_HEADER) throw tampered(`does not start with ${MANIFEST_HEADER}`);
  let i = 1;
  const field = (key: string): string => {
    const l = lines[i++];
    if (l?.startsWith(`${key} `) !== true) throw tampered(`line ${i}: expected ${key}`);
    return l.slice(key.length + 1);
  };
  const count = (key: string): number => {
    const v = field(key);
    if (!COUNT_RE.test(v)) throw tampered(`${key} is not a count`);
    return Number(v);
  };
  const generator = field('generator');
  const created = Date.parse(field('created'));
  if (Number.isNaN(created)) throw tampered('created is not a time');
  const requester = field('requester');
  const query = field('query');
  const [sizeText, rootText, ...extra] = field('checkpoint').split(' ');
  if (
    sizeText === undefined ||
    !COUNT_RE.test(sizeText) ||
    rootText === undefined ||
    extra.length > 0
  ) {
    throw tampered('checkpoint line is malformed');
  }
  const rootHash = new Uint8Array(Buffer.from(rootText, 'base64'));
  if (rootHash.length !== 32) throw tampered('checkpoint root is not 32 bytes');
  const events = count('events');
  const bundles = count('bundles');
  const parts: PartDigest[] = [];
  for (const expected of HASHED_PARTS) {
    const l = lines[i++];
    const m = l === undefined ? null : /^part (\S+) ([0-9a-f]{64}) (0|[1-9][0-9]{0,15})$/.exec(l);
    if (m === null) throw tampered(`part ${expected} is not listed`);
    if (m[1] !== expected) throw tampered(`lists ${m[1]} where part ${expected} belongs`);
    parts.push({ name: expected, sha256: m[2] as string, size: Number(m[3]) });
  }
  if (i < lines.length) throw tampered(`unexpected line ${i + 1}`);
  return {
    generator,
    createdAt: created,
    requester,
    query,
    checkpointSize: Number(sizeText),
    rootHash,
    events,
    bundles,
    parts,
  };
}

/** The text of VERIFY.txt. */
export function verifyText(origin: string, verifierKey: string): string {
  return `HOW TO VERIFY THIS EVIDENCE PACKAGE
===================================

This file is a POSIX tar archive. List it with  tar -tvf PACKAGE  and
extract it with  mkdir ev && tar -xf PACKAGE -C ev.

With the audit-ledger tool (offline, no network):

    audit-ledger verify PACKAGE --key '${verifierKey}'

Obtain the verifier key from the ledger operator through a channel you trust
(not from this package): keys.txt only repeats it for convenience. The log's
origin is ${origin}.

It checks: the manifest signature; the SHA-256 of every part against the
manifest; that no part is missing or added; the checkpoint signature; for
every event, that its JSON equals its raw LedgerEntry and that its inclusion
proof leads to the checkpoint's root; every consistency proof to the
checkpoints of the archived bundles; that every event belongs to the tenant,
period, user, resource and controls of the query. Add --check-archive to also
confirm that the referenced archive objects exist with their Object Lock.

Without the tool (any language):

 1. manifest.note is a C2SP signed note (https://c2sp.org/signed-note),
    signed with Ed25519 by the verifier key above. Check its signature, then
    compare each "part NAME SHA256 SIZE" line with  sha256sum NAME.
 2. checkpoint.note is a C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint)
    signed by the same key: origin, tree size, base64 root hash.
 3. entries.bin holds the Merkle leaves: each a big-endian uint16 length, then
    a ledger.v1.LedgerEntry protobuf (the event bytes, recorded_at, position,
    leaf_index). Leaf hash = SHA-256(0x00 || entry) (RFC 9162 section 2.1.1).
 4. inclusion.ndjson line k holds the audit path (base64 hashes) of event k;
    verify it against the checkpoint root (RFC 9162 section 2.1.3.2).
 5. archive.ndjson: each archived bundle with its signed checkpoint and a
    consistency proof from that checkpoint to this package's checkpoint
    (RFC 9162 section 2.1.4.2).
 6. events.ndjson line k is the proto3 JSON of the event inside entry k.

report.html and events.csv are for reading; they are covered by the manifest
hashes too.
`;
}
