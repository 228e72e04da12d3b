/**
 * ArcSight Common Event Format (CEF:0) lines for ledger events:
 *
 *   CEF:0|Vendor|Product|Version|SignatureID|Name|Severity|Extension
 *
 * Header fields escape `\` as `\\` and `|` as `\|` (a line break, which the
 * header cannot carry, becomes a space). Extension values escape `\` as
 * `\\`, `=` as `\=`, and line breaks as `\n` / `\r`, so a record is always
 * exactly one line. Severity is 0-10, derived from the same severity as the
 * OCSF record. The ledger's coordinates are labelled custom fields:
 * `cn1` (cn1Label=ledgerPosition) is the position, `cs1` (cs1Label=tenant)
 * the tenant. the README (SIEM section) lists every key.
 */
import type { JsonWriter } from '../../ledger/events/index.js';
import { SEVERITY, classify } from './classify.js';
import type { SeverityId } from './classify.js';
import { ENUMS, enumName, int64 } from './event.js';
import type { SiemEvent } from './event.js';

/** Header facts of every CEF line. */
export interface CefOptions {
  /** Device Version: the ledger's version. */
  readonly productVersion: string;
  /** Device Vendor (default `audit-ledger`). */
  readonly vendor?: string;
  /** Device Product (default `audit-ledger`). */
  readonly product?: string;
}

const HEADER_SPECIALS = /[\\|\r\n]/;
const EXTENSION_SPECIALS = /[\\=\r\n]/;

/** Escapes a CEF header field: `\` → `\\`, `|` → `\|`, CR/LF → space. */
export function escapeCefHeader(value: string): string {
  // most fields need no escaping: test before paying for a replace with a callback
  if (!HEADER_SPECIALS.test(value)) return value;
  return value.replace(/[\\|\r\n]/g, (ch) => (ch === '\r' || ch === '\n' ? ' ' : `\\${ch}`));
}

const EXTENSION_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '=': '\\=',
  '\n': '\\n',
  '\r': '\\r',
};

/** Escapes a CEF extension value: `\` → `\\`, `=` → `\=`, LF → `\n`, CR → `\r`. */
export function escapeCefExtension(value: string): string {
  if (!EXTENSION_SPECIALS.test(value)) return value;
  return value.replace(/[\\=\r\n]/g, (ch) => EXTENSION_ESCAPES[ch] ?? ch);
}

/** CEF severity (0-10) of an OCSF severity id. */
export function cefSeverity(severityId: SeverityId): number {
  switch (severityId) {
    case SEVERITY.INFORMATIONAL:
      return 1;
    case SEVERITY.LOW:
      return 3;
    case SEVERITY.MEDIUM:
      return 5;
    case SEVERITY.HIGH:
      return 8;
    case SEVERITY.CRITICAL:
      return 10;
    default:
      return 5;
  }
}

const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;

/**
 * The CEF line of an event. Extension keys (ArcSight dictionary):
 * rt, externalId, cat, act, outcome, msg, suid, suser, sntdom, src (or
 * c6a2 for IPv6), requestClientApplication, sproc, dhost,
 * destinationServiceName, dvchost, duser, duid, app, request,
 * requestMethod, fname, in, out, reason, cs1..cs6 / cn1..cn3 / flexString1
 * with their labels. Empty values are omitted; a key appears at most once.
 */
export function toCef(e: SiemEvent, options: CefOptions): string {
  const c = classify(e);
  const m = e.message;
  let ext = '';
  // The first value for a key wins: payload fields are added before the
  // envelope's. `reason` is the only key both add (every other key has one
  // place below), so it alone is remembered; the tests parse every line and
  // refuse a repeated key.
  let reasonAdded = false;
  const add = (key: string, value: string | number | undefined | null): void => {
    if (value === undefined || value === null || value === '') return;
    if (key === 'reason') {
      if (reasonAdded) return;
      reasonAdded = true;
    }
    const text = typeof value === 'number' ? String(value) : escapeCefExtension(value);
    ext = ext === '' ? `${key}=${text}` : `${ext} ${key}=${text}`;
  };
  if (m !== undefined) payloadExtension(e, m, add);
  add('rt', e.occurredAt);
  add('externalId', e.eventId);
  add('cat', e.type);
  add('act', c.action);
  add('outcome', c.outcome);
  add('msg', c.summary);
  add('cn1Label', 'ledgerPosition');
  add('cn1', e.position);
  add('cs1Label', 'tenant');
  add('cs1', e.tenantId);
  add('cs2Label', 'sessionId');
  add('cs2', e.sessionId);
  if (m !== undefined) {
    const a = m.actor;
    add('suid', a?.subject);
    add('suser', a?.email || a?.displayName || a?.subject);
    add('sntdom', a?.identityProvider);
    const ip = m.source?.ip ?? '';
    // `src` must be an IPv4 address in CEF; `c6a2` carries IPv6
    if (IPV4.test(ip)) add('src', ip);
    else if (ip.includes(':')) {
      add('c6a2Label', 'sourceIPv6');
      add('c6a2', ip);
    }
    add('requestClientApplication', m.source?.userAgent);
    add('sproc', m.source?.client);
    add('dhost', m.resource?.host);
    add('destinationServiceName', m.resource?.name);
    add('dvchost', m.gatewayId);
    add('cs3Label', 'resourceType');
    add('cs3', enumName(ENUMS.resourceType, m.resource?.type));
    if (m.policy) {
      add('cs4Label', 'policyRule');
      add('cs4', [m.policy.policyId, m.policy.rule].filter(Boolean).join('/'));
      add('reason', m.policy.reason);
    }
    add('cs6Label', 'correlationId');
    add('cs6', m.correlationId);
    if (a?.agent) add('duser', a.agent.onBehalfOf?.subject);
  } else {
    add('reason', e.decodeError);
  }
  return `${headerPrefix(options)}|${escapeCefHeader(e.type)}|${escapeCefHeader(c.title)}|${cefSeverity(c.severityId)}|${ext}`;
}

/** `CEF:0|Vendor|Product|Version` of each options object, computed once. */
const HEADER_PREFIXES = new WeakMap<CefOptions, string>();

function headerPrefix(options: CefOptions): string {
  let prefix = HEADER_PREFIXES.get(options);
  if (prefix === undefined) {
    prefix = [
      'CEF:0',
      escapeCefHeader(options.vendor ?? 'audit-ledger'),
      escapeCefHeader(options.product ?? 'audit-ledger'),
      escapeCefHeader(options.productVersion),
    ].join('|');
    HEADER_PREFIXES.set(options, prefix);
  }
  return prefix;
}

type Add = (key: string, value: string | number | undefined | null) => void;

function payloadExtension(e: SiemEvent, m: NonNullable<SiemEvent['message']>, add: Add): void {
  switch (e.type) {
    case 'session_opened':
      add('app', m.sessionOpened?.protocol);
      add('cs5Label', 'accessMode');
      add('cs5', enumName(ENUMS.accessMode, m.sessionOpened?.accessMode));
      break;
    case 'session_closed': {
      const p = m.sessionClosed;
      add('cs5Label', 'status');
      add('cs5', enumName(ENUMS.sessionStatus, p?.status));
      if (p) {
        add('cn2Label', 'durationMs');
        add('cn2', int64(p.durationMs));
        add('out', int64(p.bytesSent));
        add('in', int64(p.bytesReceived));
      }
      break;
    }
    case 'command_executed': {
      const p = m.commandExecuted;
      add('request', p?.redactedStatement);
      add('requestMethod', p?.verb);
      add('flexString1Label', 'statementDigest');
      add('flexString1', p?.statementDigest);
      if (p) {
        add('cn2Label', 'durationMs');
        add('cn2', int64(p.durationMs));
        add('cn3Label', 'rowsAffected');
        add('cn3', int64(p.rowsAffected));
      }
      break;
    }
    case 'command_blocked': {
      const p = m.commandBlocked;
      add('request', p?.redactedExcerpt);
      add('flexString1Label', 'statementDigest');
      add('flexString1', p?.statementDigest);
      add('cs5Label', 'rule');
      add('cs5', p?.ruleName);
      add('reason', p?.message);
      break;
    }
    case 'field_masked': {
      const p = m.fieldMasked;
      add('cs5Label', 'fieldPath');
      add('cs5', p?.fieldPath);
      add('cn2Label', 'maskedCount');
      add('cn2', p?.count);
      add('fname', enumName(ENUMS.infoType, p?.infoType));
      break;
    }
    case 'approval_requested':
    case 'approval_granted':
    case 'approval_denied': {
      const p = m.approvalRequested ?? m.approvalGranted ?? m.approvalDenied;
      const approver = m.approvalGranted?.approver ?? m.approvalDenied?.approver;
      add('cs5Label', 'requestId');
      add('cs5', p?.requestId);
      add('duid', approver?.subject);
      add('reason', p?.reason);
      break;
    }
    default:
      break;
  }
}

/** Writes a CEF line wrapped for JSON transports (NDJSON stream, webhooks, HEC) into `w`. */
export function writeCefRecord(w: JsonWriter, e: SiemEvent, line: string): void {
  w.open().num('position', e.position).str('tenant', e.tenantId).str('cef', line).close();
}
