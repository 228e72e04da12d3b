/**
 * POST /v1/events: gateways send an EventBatch (protobuf, or the proto3 JSON
 * mapping) and get, per event, `{event_id, position, duplicate}` once the
 * whole batch is durable. A batch is all or nothing: any refusal (400, 401,
 * 403, 413, 415, 429) stores none of it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LedgerError } from '../../ledger/errors.js';
import type { FieldIssue } from '../../ledger/errors.js';
import { decodeBatchJson, decodeBatchProtobuf, validateBatch } from '../../ledger/events/index.js';
import type { ValidAuditEvent } from '../../ledger/events/index.js';
import type { AppendResult, EventStore } from '../../ledger/store/event-store.js';
import { requireScope } from '../auth.js';
import type { Metrics } from '../metrics.js';
import type { RateLimiter } from '../rate-limit.js';

export interface IngestDeps {
  readonly store: EventStore;
  readonly metrics: Metrics;
  readonly rateLimiter: RateLimiter | null;
  readonly maxClockSkewMs: number;
  readonly now?: () => number;
  /**
   * For `?wait=checkpoint`: resolves with the leaf index of each appended
   * position once a signed checkpoint covers them. Absent → 400.
   */
  readonly waitForCheckpoint?: (positions: readonly number[]) => Promise<readonly number[]>;
}

export interface IngestResult {
  event_id: string;
  position: number;
  duplicate: boolean;
  leaf_index?: number;
}

const responseSchema = {
  200: {
    type: 'object',
    properties: {
      results: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            event_id: { type: 'string' },
            position: { type: 'integer' },
            duplicate: { type: 'boolean' },
            leaf_index: { type: 'integer' },
          },
        },
      },
      checkpoint_size: { type: 'integer' },
    },
  },
} as const;

/**
 * The 200 body, `{"results": IngestResult[]}`, written as fastify's serializer
 * would write it from responseSchema, without going through it (the schema
 * stays the contract) or building IngestResult objects. Event ids are
 * validated lower-case UUIDs: nothing in them needs escaping. `leaves` holds
 * the leaf index of each result for `?wait=checkpoint`.
 */
function resultsBody(results: readonly AppendResult[], leaves?: readonly number[]): string {
  let body = '{"results":[';
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    if (i > 0) body += ',';
    body += `{"event_id":"${r.eventId}","position":${r.position},"duplicate":${r.duplicate}`;
    const leaf = leaves?.[i];
    if (leaf !== undefined) body += `,"leaf_index":${leaf}`;
    body += '}';
  }
  return `${body}]}`;
}

class RateLimitedError extends LedgerError<'LDG_ERR_RATE_LIMITED'> {
  constructor(readonly retryAfterSeconds: number) {
    super('LDG_ERR_RATE_LIMITED', `gateway rate limit exceeded; retry after ${retryAfterSeconds}s`);
  }
}

function decode(request: FastifyRequest): ReturnType<typeof decodeBatchProtobuf> {
  const body = request.body;
  if (Buffer.isBuffer(body)) return decodeBatchProtobuf(body);
  return decodeBatchJson(body);
}

/** Refuses events a gateway may not write: another gateway's id or another tenant. */
function assertOwnEvents(
  events: readonly ValidAuditEvent[],
  subject: string,
  tenant: string,
): void {
  const issues: FieldIssue[] = [];
  events.forEach((e, i) => {
    if (e.gatewayId !== subject) {
      issues.push({
        path: `events[${i}].gateway_id`,
        message: `must equal the token subject "${subject}"`,
      });
    }
    if (e.tenantId !== tenant) {
      issues.push({
        path: `events[${i}].tenant_id`,
        message: `must equal the token tenant "${tenant}"`,
      });
    }
  });
  if (issues.length > 0) {
    const list = issues.map((x) => `${x.path} ${x.message}`).join('; ');
    throw new LedgerError('LDG_ERR_FORBIDDEN', `events outside this token's rights: ${list}`);
  }
}

export function registerIngestRoutes(app: FastifyInstance, deps: IngestDeps): void {
  const now = deps.now ?? Date.now;
  app.post<{ Querystring: { wait?: string } }>(
    '/v1/events',
    {
      preHandler: requireScope('ledger:write'),
      schema: {
        querystring: {
          type: 'object',
          properties: { wait: { type: 'string', enum: ['durable', 'checkpoint'] } },
          additionalProperties: false,
        },
        response: responseSchema,
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      let events: ValidAuditEvent[];
      try {
        events = validateBatch(decode(request), { now: now(), maxSkewMs: deps.maxClockSkewMs });
        assertOwnEvents(events, principal.subject, principal.tenant);
        if (deps.rateLimiter) {
          const d = deps.rateLimiter.take(
            `${principal.tenant}/${principal.subject}`,
            events.length,
          );
          if (!d.ok) throw new RateLimitedError(d.retryAfterSeconds);
        }
      } catch (e) {
        deps.metrics.rejectedBatches.inc({ code: (e as { code?: string }).code ?? 'unknown' });
        throw e;
      }
      const wait = request.query.wait ?? 'durable';
      if (wait === 'checkpoint' && !deps.waitForCheckpoint) {
        throw new LedgerError(
          'LDG_ERR_BAD_REQUEST',
          'wait: checkpoint waiting is not enabled on this node',
        );
      }
      const t0 = process.hrtime.bigint();
      const appended: AppendResult[] = await deps.store.append(
        events.map((e) => ({
          eventId: e.eventId,
          tenantId: e.tenantId,
          sessionId: e.sessionId,
          type: e.type,
          data: e.bytes,
        })),
      );
      deps.metrics.appendLatency.observe(Number(process.hrtime.bigint() - t0) / 1e9);
      deps.metrics.batchSize.observe(events.length);
      let dup = 0;
      for (const r of appended) if (r.duplicate) dup++;
      deps.metrics.eventsIngested.inc({ result: 'new' }, appended.length - dup);
      if (dup > 0) deps.metrics.eventsIngested.inc({ result: 'duplicate' }, dup);
      const leaves =
        wait === 'checkpoint' && deps.waitForCheckpoint
          ? await deps.waitForCheckpoint(appended.map((r) => r.position))
          : undefined;
      void reply.type('application/json; charset=utf-8');
      return resultsBody(appended, leaves);
    },
  );
}
