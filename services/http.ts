/**
 * The shared HTTP shell of every service: one error format, content-type
 * parsers with the ledger's size limits, JWT auth, health, readiness and
 * Prometheus metrics. Route plugins (ingest, proofs, query...) are added on
 * top by their own modules.
 */
import Fastify, { LogController } from 'fastify';
import type { FastifyError, FastifyInstance, FastifyServerOptions } from 'fastify';
import { LedgerError, ValidationError, isLedgerError } from '../ledger/errors.js';
import { MAX_BATCH_BYTES } from '../ledger/events/index.js';
import { registerAuth } from './auth.js';
import type { AuthConfig } from './config.js';
import type { Metrics } from './metrics.js';

export const PROTOBUF_TYPES = ['application/x-protobuf', 'application/protobuf'] as const;
/** JSON is wordier than protobuf: the 4 MiB batch limit is checked on the decoded batch. */
export const MAX_JSON_BODY_BYTES = 16 * 1024 * 1024;

export interface HttpShellOptions {
  readonly auth: AuthConfig;
  readonly hmacSecret: string | null;
  readonly metrics: Metrics;
  readonly logLevel?: string;
  readonly logRequests?: boolean;
  /** Readiness probe: resolves true when the service can take traffic. */
  readonly ready?: () => Promise<boolean>;
}

export interface ErrorBody {
  error: { code: string; message: string; issues?: readonly { path: string; message: string }[] };
}

/** Maps any thrown error to the ledger's error format and status. */
export function toErrorBody(e: unknown): { status: number; body: ErrorBody } {
  if (e instanceof ValidationError) {
    return { status: 400, body: { error: { code: e.code, message: e.message, issues: e.issues } } };
  }
  if (isLedgerError(e)) {
    return { status: e.statusCode, body: { error: { code: e.code, message: e.message } } };
  }
  const fe = e as Partial<FastifyError>;
  const map: Record<string, LedgerError['code']> = {
    FST_ERR_CTP_BODY_TOO_LARGE: 'LDG_ERR_PAYLOAD_TOO_LARGE',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'LDG_ERR_UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'LDG_ERR_BAD_REQUEST',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'LDG_ERR_BAD_REQUEST',
    FST_ERR_CTP_INVALID_JSON_BODY: 'LDG_ERR_BAD_REQUEST',
  };
  const code = fe.code ? map[fe.code] : undefined;
  if (code) return toErrorBody(new LedgerError(code, fe.message ?? code));
  if (fe.validation) {
    return toErrorBody(
      new ValidationError(
        fe.validation.map((v) => ({
          path:
            (v.instancePath || '').replace(/^\//, '').replaceAll('/', '.') ||
            (typeof v.params?.missingProperty === 'string' ? v.params.missingProperty : '') ||
            (fe.validationContext ?? ''),
          message: v.message ?? 'invalid',
        })),
      ),
    );
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = fe.statusCode === 404 ? 'LDG_ERR_NOT_FOUND' : 'LDG_ERR_BAD_REQUEST';
    return { status: fe.statusCode, body: { error: { code, message: fe.message ?? code } } };
  }
  return { status: 500, body: { error: { code: 'LDG_ERR_INTERNAL', message: 'internal error' } } };
}

/** Builds the shell app (not listening). */
export async function buildHttpShell(o: HttpShellOptions): Promise<FastifyInstance> {
  const opts: FastifyServerOptions = {
    logger: { level: o.logLevel ?? 'info' },
    logController: new LogController({ disableRequestLogging: !(o.logRequests ?? false) }),
    bodyLimit: MAX_JSON_BODY_BYTES,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  };
  const app = Fastify(opts);

  // only protobuf and JSON bodies: anything else is a 415
  app.removeContentTypeParser(['text/plain']);
  app.addContentTypeParser(
    [...PROTOBUF_TYPES],
    { parseAs: 'buffer', bodyLimit: MAX_BATCH_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.setErrorHandler((err, request, reply) => {
    const { status, body } = toErrorBody(err);
    if (status >= 500) request.log.error({ err }, 'request failed');
    if (status === 429 && isLedgerError(err)) {
      const retry = (err as LedgerError & { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retry) void reply.header('retry-after', String(retry));
    }
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      error: { code: 'LDG_ERR_NOT_FOUND', message: `no route ${request.method} ${request.url}` },
    });
  });

  app.addHook('onResponse', (request, reply, done) => {
    o.metrics.httpRequests.inc({
      route: request.routeOptions.url ?? 'unknown',
      method: request.method,
      status: String(reply.statusCode),
    });
    done();
  });

  await registerAuth(app, o.auth, o.hmacSecret);

  let closing = false;
  app.addHook('onClose', (_app, done) => {
    closing = true;
    done();
  });
  app.get('/healthz', () => Promise.resolve({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const ok = !closing && (o.ready ? await o.ready().catch(() => false) : true);
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not ready' });
  });
  app.get('/metrics', async (_req, reply) => {
    const text = await o.metrics.registry.metrics();
    return reply.type(o.metrics.registry.contentType).send(text);
  });
  return app;
}
