/**
 * projections/siem: the SIEM formatters (OCSF, CEF, JSON) and the RFC 5424
 * syslog message, shared by the pull stream (services/stream) and the push
 * connectors (services/connectors). Input: a StoredEvent turned into a
 * SiemEvent by `toSiemEvent`.
 */
export { toSiemEvent } from './event.js';
export type { SiemEvent } from './event.js';
export { SEVERITY, SEVERITY_NAMES, classify } from './classify.js';
export type { Classification, Outcome, SeverityId } from './classify.js';
export {
  DATASTORE_RESOURCE_TYPES,
  OCSF_CLASSES,
  OCSF_MAPPING,
  OCSF_SCHEMA_VERSION,
  ocsfClassOf,
  toOcsf,
  writeOcsf,
} from './ocsf.js';
export type { OcsfClass, OcsfMappingRow, OcsfOptions } from './ocsf.js';
export { cefSeverity, escapeCefExtension, escapeCefHeader, toCef, writeCefRecord } from './cef.js';
export type { CefOptions } from './cef.js';
export { toJsonRecord, writeJsonRecord } from './json.js';
export { SIEM_FORMATS, createSiemFormatter, isSiemFormat } from './format.js';
export type { SiemFormat, SiemFormatter, SiemFormatterOptions } from './format.js';
export {
  DEFAULT_ENTERPRISE_ID,
  DEFAULT_SYSLOG_FACILITY,
  escapeSdParam,
  formatSyslog,
  octetCountedFrame,
  syslogHeaderField,
  syslogSeverity,
} from './syslog.js';
export type { SyslogMessageOptions } from './syslog.js';
