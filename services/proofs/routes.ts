/**
 * Read-only HTTP access to the Merkle log, on the C2SP tlog-tiles paths so
 * that existing transparency-log tooling and witnesses can read it:
 *
 *   GET /checkpoint                        latest signed checkpoint (text/plain note)      public
 *   GET /tile/<L>/<N>[.p/<W>]              hash tile (application/octet-stream)            public
 *   GET /tile/entries/<N>[.p/<W>]          entry bundle: every tenant's events             ledger:verify
 *   GET /v1/proofs/inclusion?event_id=…[&tree_size=][&format=json]
 *                                          c2sp.org/tlog-proof@v1 for one of the
 *                                          token tenant's events                           ledger:read
 *   GET /v1/proofs/consistency?from=&to=   RFC 9162 consistency proof (JSON)               public
 *
 * Tiles and bundles are a pure function of their path (a partial tile is a
 * prefix of every wider one), so they are served as immutable. The
 * inclusion proof's `extra` line carries the leaf data (the LedgerEntry, base64):
 * the tlog-proof spec's place for "additional data necessary to reconstruct
 * the record hash", so the proof file verifies on its own.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatTlogProof } from '../../ledger/checkpoint/tlog-proof.js';
import { encodeBase64 } from '../../ledger/checkpoint/signed-note.js';
import { LedgerError, ValidationError } from '../../ledger/errors.js';
import { auditEventToJson, decodeAuditEvent } from '../../ledger/events/index.js';
import { UUID_PATTERN } from '../../ledger/events/uuid.js';
import { parseTilePath } from '../../ledger/merkle/tiles.js';
import type { MerkleLogReader } from '../../ledger/sequencer/log-reader.js';
import { requireScope } from '../auth.js';

/** What the proof routes read from. */
export interface ProofRouteDeps {
  readonly reader: MerkleLogReader;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const IMMUTABLE_PRIVATE = 'private, max-age=31536000, immutable';
const SIZE_RE = /^(0|[1-9][0-9]{0,15})$/;

type Query = Record<string, string | string[] | undefined>;

function param(query: Query, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) {
    throw new ValidationError([{ path: name, message: 'must be given once' }]);
  }
  return value;
}

function sizeParam(query: Query, name: string, required: boolean): number | undefined {
  const raw = param(query, name);
  if (raw === undefined || raw === '') {
    if (required) throw new ValidationError([{ path: name, message: 'is required' }]);
    return undefined;
  }
  if (!SIZE_RE.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw new ValidationError([{ path: name, message: 'must be a non-negative integer' }]);
  }
  return Number(raw);
}

function notFound(what: string): LedgerError<'LDG_ERR_NOT_FOUND'> {
  return new LedgerError('LDG_ERR_NOT_FOUND', what);
}

function sendBytes(reply: FastifyReply, bytes: Uint8Array, cacheControl: string): FastifyReply {
  return reply
    .type('application/octet-stream')
    .header('cache-control', cacheControl)
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** Registers the proof and tile routes on an app built by `buildHttpShell`. */
export function registerProofRoutes(app: FastifyInstance, deps: ProofRouteDeps): void {
  const reader = deps.reader;

  app.get('/checkpoint', async (_request, reply) => {
    const latest = await reader.latestCheckpoint();
    if (latest === undefined) throw notFound('no checkpoint is signed yet: the log is empty');
    return reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(latest.note);
  });

  app.get<{ Params: { '*': string } }>(
    '/tile/entries/*',
    { preHandler: requireScope('ledger:verify') },
    async (request, reply) => {
      const parsed = parseTilePath(`tile/entries/${request.params['*']}`);
      if (parsed.kind !== 'entries') throw notFound(`no entry bundle at ${request.url}`);
      const bundle = await reader.entryBundle(parsed.index, parsed.width);
      if (bundle === undefined) throw notFound(`the log has no ${request.url.slice(1)} yet`);
      return sendBytes(reply, bundle, IMMUTABLE_PRIVATE);
    },
  );

  app.get<{ Params: { '*': string } }>('/tile/*', async (request, reply) => {
    const parsed = parseTilePath(`tile/${request.params['*']}`);
    if (parsed.kind !== 'hashes') throw notFound(`no tile at ${request.url}`);
    const tile = await reader.tile(parsed.tile);
    if (tile === undefined) throw notFound(`the log has no ${request.url.slice(1)} yet`);
    return sendBytes(reply, tile, IMMUTABLE);
  });

  app.get(
    '/v1/proofs/inclusion',
    { preHandler: requireScope('ledger:read') },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const query = request.query as Query;
      const eventId = param(query, 'event_id');
      if (eventId === undefined || eventId === '') {
        throw new ValidationError([{ path: 'event_id', message: 'is required' }]);
      }
      if (!UUID_PATTERN.test(eventId)) {
        throw new ValidationError([{ path: 'event_id', message: 'must be a lower-case UUID' }]);
      }
      const treeSize = sizeParam(query, 'tree_size', false);
      const format = param(query, 'format') ?? 'tlog-proof';
      if (format !== 'tlog-proof' && format !== 'json') {
        throw new ValidationError([{ path: 'format', message: 'must be tlog-proof or json' }]);
      }
      const proof = await reader.inclusionProof(eventId, treeSize);
      // another tenant's event is answered exactly like an unknown one
      if (proof.event.tenantId !== request.principal?.tenant) {
        throw notFound(`event ${eventId} is not in the log (yet)`);
      }
      const text = formatTlogProof({
        extra: proof.entry,
        index: proof.leaf.leafIndex,
        proof: proof.proof,
        checkpoint: proof.checkpoint.note,
      });
      if (format === 'json') {
        return reply.header('cache-control', 'no-store').send({
          event_id: eventId,
          leaf_index: proof.leaf.leafIndex,
          tree_size: proof.checkpoint.size,
          proof: text,
          entry: encodeBase64(proof.entry),
          event: auditEventToJson(decodeAuditEvent(proof.event.data).message),
        });
      }
      return reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${eventId}.tlog-proof"`)
        .send(text);
    },
  );

  app.get('/v1/proofs/consistency', async (request: FastifyRequest, reply: FastifyReply) => {
    const query = request.query as Query;
    const from = sizeParam(query, 'from', true) as number;
    const to = sizeParam(query, 'to', true) as number;
    const hashes = await reader.consistencyProof(from, to);
    const [fromCheckpoint, toCheckpoint] = await Promise.all([
      reader.checkpointAt(from),
      reader.checkpointAt(to),
    ]);
    return reply.header('cache-control', 'public, max-age=60').send({
      from,
      to,
      proof: hashes.map(encodeBase64),
      ...(fromCheckpoint === undefined ? {} : { from_checkpoint: fromCheckpoint.note }),
      ...(toCheckpoint === undefined ? {} : { to_checkpoint: toCheckpoint.note }),
    });
  });
}
