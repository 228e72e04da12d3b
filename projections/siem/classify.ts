/**
 * What every SIEM format needs to say about an event besides its fields: how
 * severe it is, whether the attempt succeeded, a short action verb, a title
 * and a one-line summary. One table here, so OCSF `severity_id`, CEF
 * `Severity` and the syslog severity never disagree.
 */
import { ENUMS, enumName, int64 } from './event.js';
import type { SiemEvent } from './event.js';

/** OCSF `severity_id` values (schema 1.x): the ledger's one severity scale. */
export const SEVERITY = {
  UNKNOWN: 0,
  INFORMATIONAL: 1,
  LOW: 2,
  MEDIUM: 3,
  HIGH: 4,
  CRITICAL: 5,
  OTHER: 99,
} as const;

/** An OCSF severity id. */
export type SeverityId = (typeof SEVERITY)[keyof typeof SEVERITY];

/** OCSF captions of the severity ids. */
export const SEVERITY_NAMES: Readonly<Record<SeverityId, string>> = {
  0: 'Unknown',
  1: 'Informational',
  2: 'Low',
  3: 'Medium',
  4: 'High',
  5: 'Critical',
  99: 'Other',
};

/** Did the attempt the event reports succeed? `pending` for a request awaiting a decision. */
export type Outcome = 'success' | 'failure' | 'pending' | 'unknown';

/** The format-independent reading of one event. */
export interface Classification {
  readonly severityId: SeverityId;
  readonly outcome: Outcome;
  /** Short action verb: `logon`, `logoff`, `execute`, `block`, `mask`, `request`, `grant`, `deny`, `record`. */
  readonly action: string;
  /** Title, e.g. `Command blocked`. */
  readonly title: string;
  /** One line for a human, e.g. `Ada Lovelace ran SELECT on payments-db`. */
  readonly summary: string;
}

/** Rule types whose blocks are High severity (the rest are Medium). */
const HIGH_RISK_RULES = new Set(['SCHEMA_CHANGE', 'BULK_OPERATION', 'PROMPT_INJECTION']);

const TITLES: Readonly<Record<string, string>> = {
  session_opened: 'Session opened',
  session_closed: 'Session closed',
  command_executed: 'Command executed',
  command_blocked: 'Command blocked',
  field_masked: 'Field masked',
  approval_requested: 'Approval requested',
  approval_granted: 'Approval granted',
  approval_denied: 'Approval denied',
  checkpoint_signed: 'Checkpoint signed',
  bundle_archived: 'Bundle archived',
  evidence_exported: 'Evidence exported',
  key_rotated: 'Signing key rotated',
};

/** Display name of an actor: display name, else email, else subject, else `unknown`. */
export function actorLabel(
  actor:
    | { displayName?: string | null; email?: string | null; subject?: string | null }
    | null
    | undefined,
): string {
  return actor?.displayName || actor?.email || actor?.subject || 'unknown';
}

/** Classifies an event (see the table in the README (SIEM section)). Never throws. */
export function classify(e: SiemEvent): Classification {
  const m = e.message;
  const title = TITLES[e.type] ?? `Ledger event ${e.type}`;
  if (m === undefined) {
    return {
      severityId: SEVERITY.MEDIUM,
      outcome: 'unknown',
      action: 'record',
      title: 'Undecodable event',
      summary: `event at position ${e.position} could not be decoded: ${e.decodeError ?? 'unknown error'}`,
    };
  }
  const who = actorLabel(m.actor);
  const where = m.resource?.name || 'unknown resource';
  const denied = m.policy?.decision === ENUMS.decision.DENY;
  switch (e.type) {
    case 'session_opened': {
      const p = m.sessionOpened;
      const mode = enumName(ENUMS.accessMode, p?.accessMode);
      return {
        severityId: p?.privileged ? SEVERITY.LOW : SEVERITY.INFORMATIONAL,
        outcome: denied ? 'failure' : 'success',
        action: 'logon',
        title,
        summary: `${who} opened a ${p?.protocol || 'session'} session to ${where}${mode && mode !== 'ACCESS_MODE_UNSPECIFIED' ? ` (${mode}${p?.mfa ? ', MFA' : ''})` : p?.mfa ? ' (MFA)' : ''}`,
      };
    }
    case 'session_closed': {
      const p = m.sessionClosed;
      const status = enumName(ENUMS.sessionStatus, p?.status);
      const failed = p?.status === ENUMS.sessionStatus.ERROR;
      return {
        severityId:
          failed || p?.status === ENUMS.sessionStatus.TERMINATED
            ? SEVERITY.LOW
            : SEVERITY.INFORMATIONAL,
        outcome: failed ? 'failure' : 'success',
        action: 'logoff',
        title,
        summary: `${who} closed the session to ${where} (${status || 'status unknown'}, ${int64(p?.durationMs)} ms)`,
      };
    }
    case 'command_executed': {
      const p = m.commandExecuted;
      return {
        severityId: SEVERITY.INFORMATIONAL,
        outcome: denied ? 'failure' : 'success',
        action: 'execute',
        title,
        summary: `${who} ran ${p?.verb || 'a command'} on ${where}`,
      };
    }
    case 'command_blocked': {
      const p = m.commandBlocked;
      const rule = enumName(ENUMS.ruleType, p?.ruleType);
      return {
        severityId: HIGH_RISK_RULES.has(rule) ? SEVERITY.HIGH : SEVERITY.MEDIUM,
        outcome: 'failure',
        action: 'block',
        title,
        summary: `blocked a command by ${who} on ${where}: rule ${p?.ruleName || 'unknown'}${p?.message ? ` (${p.message})` : ''}`,
      };
    }
    case 'field_masked': {
      const p = m.fieldMasked;
      return {
        severityId: SEVERITY.LOW,
        outcome: 'success',
        action: 'mask',
        title,
        summary: `masked ${p?.count ?? 0} ${enumName(ENUMS.infoType, p?.infoType)} value(s) of ${p?.fieldPath || 'a field'} on ${where} for ${who}`,
      };
    }
    case 'approval_requested': {
      const p = m.approvalRequested;
      return {
        severityId: SEVERITY.LOW,
        outcome: 'pending',
        action: 'request',
        title,
        summary: `${who} requested approval ${p?.requestId || ''}${p?.scope ? ` (${p.scope})` : ''} on ${where}${p?.approverGroup ? ` from ${p.approverGroup}` : ''}`,
      };
    }
    case 'approval_granted': {
      const p = m.approvalGranted;
      return {
        severityId: SEVERITY.MEDIUM,
        outcome: 'success',
        action: 'grant',
        title,
        summary: `${actorLabel(p?.approver)} granted approval ${p?.requestId || ''} to ${who} on ${where}`,
      };
    }
    case 'approval_denied': {
      const p = m.approvalDenied;
      return {
        severityId: SEVERITY.LOW,
        outcome: 'failure',
        action: 'deny',
        title,
        summary: `${actorLabel(p?.approver)} denied approval ${p?.requestId || ''} to ${who} on ${where}`,
      };
    }
    default:
      return {
        severityId: SEVERITY.INFORMATIONAL,
        outcome: m.payload === undefined ? 'unknown' : 'success',
        action: 'record',
        title,
        summary: `${title} (tenant ${e.tenantId}, position ${e.position})`,
      };
  }
}
