/**
 * Evidence export jobs: each request builds one package in the background
 * into `<data dir>/evidence/<id>.evidence`, one job at a time (a build is
 * CPU- and disk-bound; running them in series keeps memory bounded). When a
 * package is complete, its `EvidenceExported` event is appended to the log
 * before the job is `done`: no package is handed out unrecorded. A job's
 * status is also written to `<id>.json`, so it survives a restart.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NoteSigner } from '../../ledger/checkpoint/signed-note.js';
import { isLedgerError } from '../../ledger/errors.js';
import { buildEvidencePackage } from '../../ledger/evidence/builder.js';
import type { EvidenceProgress } from '../../ledger/evidence/builder.js';
import { recordEvidenceExported } from '../../ledger/evidence/exported-event.js';
import type { EventAppender } from '../../ledger/evidence/exported-event.js';
import type { EvidenceQuery } from '../../ledger/evidence/query.js';
import type { EvidenceSource } from '../../ledger/evidence/source.js';
import { uuidv7 } from '../../ledger/events/uuid.js';

/** Subdirectory of the data directory holding packages and job files. */
export const EVIDENCE_DIR = 'evidence';

/** Where a job stands. */
export type EvidenceJobStatus = 'queued' | 'running' | 'done' | 'failed';

/** A job, as the API reports it. */
export interface EvidenceJob {
  readonly id: string;
  readonly tenant: string;
  readonly requester: string;
  status: EvidenceJobStatus;
  readonly createdAt: string;
  finishedAt: string | null;
  phase: EvidenceProgress['phase'] | null;
  events: number;
  bytes: number;
  sha256: string | null;
  /** the query JSON, once the build resolved it */
  query: string | null;
  /** position of the EvidenceExported event */
  recordedAt: number | null;
  error: { code: string; message: string } | null;
}

/** What the jobs need. */
export interface EvidenceJobsDeps {
  readonly source: EvidenceSource;
  /** the log's signing key (signs manifests) */
  readonly signer: NoteSigner;
  /** where EvidenceExported events go (the EventStore) */
  readonly store: EventAppender;
  readonly dataDir: string;
  readonly now?: () => number;
}

/** The job queue; see the module comment. */
export class EvidenceJobs {
  readonly dir: string;
  readonly #deps: EvidenceJobsDeps;
  readonly #jobs = new Map<string, EvidenceJob>();
  #chain: Promise<void> = Promise.resolve();

  constructor(deps: EvidenceJobsDeps) {
    this.#deps = deps;
    this.dir = join(deps.dataDir, EVIDENCE_DIR);
    mkdirSync(this.dir, { recursive: true });
  }

  /** The package file of a job. */
  packagePath(id: string): string {
    return join(this.dir, `${id}.evidence`);
  }

  #save(job: EvidenceJob): void {
    const file = join(this.dir, `${job.id}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(job));
    renameSync(`${file}.tmp`, file);
  }

  /** Queues a build of `query`; returns the job (status `queued`). */
  submit(query: EvidenceQuery): EvidenceJob {
    const now = this.#deps.now?.() ?? Date.now();
    const job: EvidenceJob = {
      id: uuidv7(now),
      tenant: query.tenant,
      requester: query.requester,
      status: 'queued',
      createdAt: new Date(now).toISOString(),
      finishedAt: null,
      phase: null,
      events: 0,
      bytes: 0,
      sha256: null,
      query: null,
      recordedAt: null,
      error: null,
    };
    this.#jobs.set(job.id, job);
    this.#save(job);
    this.#chain = this.#chain.then(() => this.#run(job, query));
    return job;
  }

  async #run(job: EvidenceJob, query: EvidenceQuery): Promise<void> {
    const file = this.packagePath(job.id);
    const partial = `${file}.partial`;
    job.status = 'running';
    try {
      const result = await buildEvidencePackage(query, {
        source: this.#deps.source,
        signer: this.#deps.signer,
        output: partial,
        workDir: this.dir,
        onProgress: (p) => {
          job.phase = p.phase;
          job.events = p.events;
          job.bytes = p.bytes;
        },
      });
      const recorded = await recordEvidenceExported(this.#deps.store, {
        tenant: query.tenant,
        requester: query.requester,
        queryJson: result.queryJson,
        packageSha256: result.sha256,
        eventCount: result.events,
      });
      renameSync(partial, file);
      job.sha256 = result.sha256;
      job.bytes = result.bytes;
      job.events = result.events;
      job.query = result.queryJson;
      job.recordedAt = recorded.position;
      job.status = 'done';
    } catch (error) {
      rmSync(partial, { force: true });
      job.status = 'failed';
      job.error = isLedgerError(error)
        ? { code: error.code, message: error.message }
        : {
            code: 'LDG_ERR_INTERNAL',
            message: error instanceof Error ? error.message : String(error),
          };
    }
    job.finishedAt = new Date(this.#deps.now?.() ?? Date.now()).toISOString();
    this.#save(job);
  }

  /**
   * The job `id` of `tenant`, or undefined (also for another tenant's job).
   * A job of an earlier process is read from its file; one that was running
   * when that process stopped is reported failed.
   */
  get(id: string, tenant: string): EvidenceJob | undefined {
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    let job = this.#jobs.get(id);
    if (job === undefined) {
      const file = join(this.dir, `${id}.json`);
      if (!existsSync(file)) return undefined;
      job = JSON.parse(readFileSync(file, 'utf8')) as EvidenceJob;
      if (job.status === 'queued' || job.status === 'running') {
        job.status = 'failed';
        job.error = {
          code: 'LDG_ERR_SHUTTING_DOWN',
          message: 'the ledger stopped during the build',
        };
      }
    }
    return job.tenant === tenant ? job : undefined;
  }

  /** Resolves when every queued job has finished. */
  idle(): Promise<void> {
    return this.#chain;
  }
}
