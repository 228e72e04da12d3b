/**
 * RFC 5424 syslog messages for ledger events, and RFC 6587 octet-counting
 * framing for stream transports (TCP, and TLS per RFC 5425):
 *
 *   <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [ledger@PEN position="12" tenant="acme" ...] MSG
 *
 * PRI = facility * 8 + severity (severity from the event's classification);
 * TIMESTAMP is when the gateway observed the event (RFC 3339, UTC, ms);
 * MSGID is the event type; the structured data element carries the ledger
 * position, tenant, event id and type; MSG is the formatted record (a CEF
 * line, OCSF or JSON text) on one line. Header fields are restricted to
 * printable US-ASCII (other characters become `_`) and to their RFC lengths;
 * SD-PARAM values escape `"`, `\` and `]` (RFC 5424 §6.3.3).
 */
import { SEVERITY, classify } from './classify.js';
import type { SeverityId } from './classify.js';
import type { SiemEvent } from './event.js';

/** Header fields of every message. */
export interface SyslogMessageOptions {
  /** 0-23 (RFC 5424 §6.2.1); 13 is "log audit", 10 "security/authorization". */
  readonly facility: number;
  /** HOSTNAME: the machine sending (the ledger node). */
  readonly hostname: string;
  /** APP-NAME (at most 48 characters). */
  readonly appName: string;
  /** Private Enterprise Number in the SD-ID `ledger@PEN` (32473 is the documentation PEN). */
  readonly enterpriseId: number;
  /** PROCID (default `-`). */
  readonly procId?: string;
}

/** Default facility: 13, "log audit". */
export const DEFAULT_SYSLOG_FACILITY = 13;
/** Default PEN: 32473, reserved for documentation (RFC 5612); set your own. */
export const DEFAULT_ENTERPRISE_ID = 32473;

/** Syslog severity (0 Emergency .. 7 Debug) of an OCSF severity id. */
export function syslogSeverity(severityId: SeverityId): number {
  switch (severityId) {
    case SEVERITY.INFORMATIONAL:
      return 6;
    case SEVERITY.LOW:
      return 5;
    case SEVERITY.MEDIUM:
      return 4;
    case SEVERITY.HIGH:
      return 3;
    case SEVERITY.CRITICAL:
      return 2;
    default:
      return 5;
  }
}

/** A header field: printable US-ASCII only (33-126), at most `max` characters, `-` when empty. */
export function syslogHeaderField(value: string, max: number): string {
  // most fields are clean: test before paying for a replace
  const clean = (NOT_HEADER.test(value) ? value.replace(/[^\x21-\x7e]/g, '_') : value).slice(
    0,
    max,
  );
  return clean === '' ? '-' : clean;
}

const NOT_HEADER = /[^\x21-\x7e]/;
const SD_SPECIALS = /[\\"\]]/;

/** Escapes an SD-PARAM value: `\` → `\\`, `"` → `\"`, `]` → `\]`. */
export function escapeSdParam(value: string): string {
  if (!SD_SPECIALS.test(value)) return value;
  return value.replace(/[\\"\]]/g, (ch) => `\\${ch}`);
}

/** SD-NAME: printable US-ASCII except `=`, space, `]` and `"`; at most 32 characters. */
function sdName(value: string): string {
  return value.replace(/[^\x21-\x7e]|[= \]"]/g, '_').slice(0, 32);
}

/**
 * The RFC 5424 message of an event with `msg` (one line) as MSG. Requires
 * 0 <= facility <= 23.
 */
export function formatSyslog(e: SiemEvent, msg: string, o: SyslogMessageOptions): string {
  const pri = o.facility * 8 + syslogSeverity(classify(e).severityId);
  const ts = new Date(e.occurredAt).toISOString();
  const [host, sdId] = constantParts(o);
  const sd =
    `[${sdId}` +
    ` position="${e.position}"` +
    ` tenant="${escapeSdParam(e.tenantId)}"` +
    ` eventId="${escapeSdParam(e.eventId)}"` +
    ` type="${escapeSdParam(e.type)}"]`;
  return `<${pri}>1 ${ts} ${host} ${syslogHeaderField(e.type, 32)} ${sd} ${msg}`;
}

/** `HOSTNAME APP-NAME PROCID` and the SD-ID of each options object, computed once. */
const CONSTANT_PARTS = new WeakMap<SyslogMessageOptions, readonly [string, string]>();

function constantParts(o: SyslogMessageOptions): readonly [string, string] {
  let parts = CONSTANT_PARTS.get(o);
  if (parts === undefined) {
    parts = [
      `${syslogHeaderField(o.hostname, 255)} ${syslogHeaderField(o.appName, 48)} ${syslogHeaderField(o.procId ?? '', 128)}`,
      sdName(`ledger@${o.enterpriseId}`),
    ];
    CONSTANT_PARTS.set(o, parts);
  }
  return parts;
}

/** RFC 6587 §3.4.1 octet-counting frame: `LEN SP MSG`, LEN in bytes of the UTF-8 message. */
export function octetCountedFrame(message: string): string {
  return `${Buffer.byteLength(message, 'utf8')} ${message}`;
}
