/**
 * The evidence builder's event finder over the read models: the event index
 * (tenant × control × actor × resource × time) for matching events, the
 * control mapping for 2013 aliases, and the sessions and approvals views for
 * the report.
 */
import { ValidationError } from '../../ledger/errors.js';
import type { FieldIssue } from '../../ledger/errors.js';
import type {
  EvidenceEventFinder,
  EvidenceMatch,
  EvidenceSession,
} from '../../ledger/evidence/source.js';
import type { EvidenceControl, EvidenceQuery } from '../../ledger/evidence/query.js';
import type { ControlMapping } from '../controls/control-mapping.js';
import type { Keyset, ViewStore } from '../view-store.js';

/**
 * Events read from the index per page: the builder holds a page of events
 * (stored, decoded and as lines) at a time, so this bounds its heap; 500
 * costs no time against 2,000 and keeps the peak RSS of a 100,000-event
 * build about 50 MB lower (bench/evidence.ts).
 */
export const DEFAULT_EVIDENCE_PAGE = 500;
/** How long to wait for the projections to reach the checkpoint. */
export const DEFAULT_EVIDENCE_WAIT_MS = 60_000;

/** Options of `createViewEventFinder`. */
export interface ViewEventFinderOptions {
  readonly views: Pick<ViewStore, 'findEvents' | 'getSession' | 'findApprovals'>;
  readonly mapping: ControlMapping;
  /** waits until the projections applied `position` (ProjectionRunner.waitFor); absent: no wait */
  readonly waitFor?: (position: number, timeoutMs?: number) => Promise<void>;
  readonly pageSize?: number;
  readonly waitMs?: number;
}

/**
 * Resolves control ids (2022 ids or 2013 aliases) to the mapping's controls,
 * in mapping order, without repeats. ValidationError (LDG_ERR_VALIDATION)
 * naming every unknown id (`controls[1]`).
 */
export function resolveEvidenceControls(
  mapping: ControlMapping,
  ids: readonly string[],
): EvidenceControl[] {
  const issues: FieldIssue[] = [];
  const wanted = new Set<string>();
  ids.forEach((id, i) => {
    const found = mapping.resolve(id);
    if (found === undefined || found.length === 0) {
      issues.push({
        path: `controls[${i}]`,
        message: `${id} is not an ISO/IEC 27001 control the mapping knows`,
      });
    } else for (const c of found) wanted.add(c.id);
  });
  if (ids.length === 0) issues.push({ path: 'controls', message: 'at least one control' });
  if (issues.length > 0) throw new ValidationError(issues);
  return mapping.controls
    .filter((c) => wanted.has(c.id))
    .map((c) => ({ id: c.id, title: c.title, aliases: [...c.aliases], summary: c.summary }));
}

/** Creates the finder; see the module comment. */
export function createViewEventFinder(o: ViewEventFinderOptions): EvidenceEventFinder {
  const limit = o.pageSize ?? DEFAULT_EVIDENCE_PAGE;
  return {
    resolveControls: (ids) => resolveEvidenceControls(o.mapping, ids),
    async *matching(query: EvidenceQuery, controls: readonly string[], asOf: number) {
      await o.waitFor?.(asOf, o.waitMs ?? DEFAULT_EVIDENCE_WAIT_MS);
      let after: Keyset | undefined;
      for (;;) {
        const rows = await o.views.findEvents({
          tenant: query.tenant,
          // the keyset's time as the lower bound too (it implies it): the index
          // range then starts at the page, not at the period's start, so a page
          // costs its own rows rather than all rows before it (10x at 100,000)
          from: after === undefined ? query.fromMs : Math.max(query.fromMs, after.at),
          to: query.toMs,
          asOf,
          limit,
          controls,
          ...(after === undefined ? {} : { after }),
          ...(query.user === null ? {} : { actor: query.user }),
          ...(query.resource === null ? {} : { resource: query.resource }),
        });
        if (rows.length === 0) return;
        yield rows.map((r): EvidenceMatch => ({ position: r.position, controls: r.controls }));
        if (rows.length < limit) return;
        const last = rows.at(-1) as (typeof rows)[number];
        after = { at: last.occurredAt, position: last.position };
      }
    },
    async sessions(tenant: string, sessionIds: readonly string[]): Promise<EvidenceSession[]> {
      const out: EvidenceSession[] = [];
      for (const id of sessionIds) {
        const s = await o.views.getSession(tenant, id);
        if (s === undefined) continue;
        const approvals = await o.views.findApprovals({
          tenant,
          session: id,
          asOf: Number.MAX_SAFE_INTEGER,
          limit: 100,
        });
        out.push({
          sessionId: id,
          actor:
            s.onBehalfOfSubject === null
              ? s.actorSubject
              : `${s.actorSubject} for ${s.onBehalfOfSubject}`,
          resource: s.resourceName,
          status: s.status,
          startedAt: s.startedAt,
          privileged: s.privileged,
          mfa: s.mfa,
          accessMode: s.accessMode,
          commands: s.commands,
          blocks: s.blocks,
          maskedValues: s.maskedValues,
          approvals: approvals.map((a) => ({
            requestId: a.requestId,
            status: a.status,
            approvers: a.decisions.map((d) => d.approverSubject),
            reason: a.reason ?? '',
          })),
        });
      }
      return out;
    },
  };
}
