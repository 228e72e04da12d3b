/**
 * The evidence API (scope `ledger:read`, confined to the token's tenant):
 *
 *   POST /v1/evidence      {controls, from, to, user?, resource?} → 202 {id, status, href}
 *   GET  /v1/evidence/:id  the package (application/x-tar) once done; else 202 with the
 *                          job's status while queued or running, 200 with it when failed
 *   GET  /v1/evidence/:id/status   the job's status, always JSON
 *
 * The tenant comes from the token, never from the body; another tenant's job
 * is 404. The requester recorded in the manifest and the EvidenceExported
 * event is the token's subject.
 */
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { LedgerError } from '../../ledger/errors.js';
import { parseEvidenceRequest } from '../../ledger/evidence/query.js';
import { requireScope } from '../auth.js';
import { EvidenceJobs } from './jobs.js';
import type { EvidenceJob, EvidenceJobsDeps } from './jobs.js';

/** Dependencies of the routes: a job queue, or what to build one from. */
export type EvidenceRouteDeps = { readonly jobs: EvidenceJobs } | EvidenceJobsDeps;

function present(job: EvidenceJob): Record<string, unknown> {
  return {
    id: job.id,
    status: job.status,
    created_at: job.createdAt,
    finished_at: job.finishedAt,
    phase: job.phase,
    events: job.events,
    bytes: job.bytes,
    sha256: job.sha256,
    query: job.query === null ? null : (JSON.parse(job.query) as unknown),
    error: job.error,
    href: `/v1/evidence/${job.id}`,
  };
}

/** Registers the routes on `app` (built by buildHttpShell); returns the job queue. */
export function registerEvidenceRoutes(
  app: FastifyInstance,
  deps: EvidenceRouteDeps,
): EvidenceJobs {
  const jobs = 'jobs' in deps ? deps.jobs : new EvidenceJobs(deps);
  const read = { preHandler: requireScope('ledger:read') };
  const find = (id: string, tenant: string): EvidenceJob => {
    const job = jobs.get(id, tenant);
    if (job === undefined) throw new LedgerError('LDG_ERR_NOT_FOUND', `no evidence job ${id}`);
    return job;
  };

  app.post('/v1/evidence', read, async (request, reply) => {
    const principal = request.principal!;
    const query = parseEvidenceRequest(request.body, principal.tenant, principal.subject);
    const job = jobs.submit(query);
    return reply.code(202).header('location', `/v1/evidence/${job.id}`).send(present(job));
  });

  app.get<{ Params: { id: string } }>('/v1/evidence/:id/status', read, (request, reply) => {
    return reply.send(present(find(request.params.id, request.principal!.tenant)));
  });

  app.get<{ Params: { id: string } }>('/v1/evidence/:id', read, async (request, reply) => {
    const job = find(request.params.id, request.principal!.tenant);
    if (job.status !== 'done') {
      return reply.code(job.status === 'failed' ? 200 : 202).send(present(job));
    }
    return reply
      .header('content-type', 'application/x-tar')
      .header('content-disposition', `attachment; filename="evidence-${job.id}.evidence"`)
      .header('x-evidence-sha256', job.sha256 ?? '')
      .header('content-length', String(job.bytes))
      .send(createReadStream(jobs.packagePath(job.id)));
  });

  return jobs;
}
