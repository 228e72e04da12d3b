/**
 * One entry point for the three SIEM formats: `createSiemFormatter(format)`
 * gives both forms of a record, the object for JSON transports (NDJSON,
 * Splunk HEC `event`, webhook bodies) and the one-line text (SSE `data:`,
 * syslog MSG).
 */
import type { JsonObject } from '../../ledger/events/index.js';
import { cefRecord, toCef } from './cef.js';
import type { SiemEvent } from './event.js';
import { toJsonRecord } from './json.js';
import { toOcsf } from './ocsf.js';

/** The formats every SIEM surface offers. */
export const SIEM_FORMATS = ['ocsf', 'cef', 'json'] as const;

/** `ocsf` (OCSF 1.3.0 JSON), `cef` (CEF:0 text) or `json` (proto3 JSON plus position). */
export type SiemFormat = (typeof SIEM_FORMATS)[number];

/** True for a supported format name. */
export function isSiemFormat(s: unknown): s is SiemFormat {
  return typeof s === 'string' && (SIEM_FORMATS as readonly string[]).includes(s);
}

/** What the formats write about the producing product. */
export interface SiemFormatterOptions {
  /** The ledger's version (OCSF metadata.product.version, CEF Device Version). */
  readonly productVersion: string;
}

/** Formats events in one format. */
export interface SiemFormatter {
  readonly format: SiemFormat;
  /**
   * The record as a JSON object. For `cef` the line is wrapped as
   * `{position, tenant, cef}` so JSON transports can carry it.
   */
  record(e: SiemEvent): JsonObject;
  /** The record as one line of text (no line break): JSON text, or the CEF line. */
  line(e: SiemEvent): string;
}

/** A formatter for `format`. */
export function createSiemFormatter(
  format: SiemFormat,
  options: SiemFormatterOptions,
): SiemFormatter {
  switch (format) {
    case 'ocsf':
      return {
        format,
        record: (e) => toOcsf(e, options),
        line: (e) => JSON.stringify(toOcsf(e, options)),
      };
    case 'json':
      return {
        format,
        record: (e) => toJsonRecord(e),
        line: (e) => JSON.stringify(toJsonRecord(e)),
      };
    case 'cef':
      return {
        format,
        record: (e) => cefRecord(e, toCef(e, options)),
        line: (e) => toCef(e, options),
      };
  }
}
