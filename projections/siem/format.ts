/**
 * One entry point for the three SIEM formats: `createSiemFormatter(format)`
 * writes each record as JSON into a JsonWriter (NDJSON and SSE frames,
 * Splunk HEC `event`, webhook bodies), gives it as one line of text (syslog
 * MSG; JSON text or the CEF line) and, for callers that want to look inside,
 * as an object.
 */
import { jsonText } from '../../ledger/events/index.js';
import type { JsonObject, JsonWriter } from '../../ledger/events/index.js';
import { toCef, writeCefRecord } from './cef.js';
import type { SiemEvent } from './event.js';
import { writeJsonRecord } from './json.js';
import { writeOcsf } from './ocsf.js';
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
   * Writes the record as JSON into `w`. For `cef` the line is wrapped as
   * `{"position":…,"tenant":…,"cef":…}` so JSON transports can carry it.
   */
  writeJson(w: JsonWriter, e: SiemEvent): void;
  /** The record as one line of text (no line break): JSON text, or the CEF line. */
  line(e: SiemEvent): string;
  /** The record `writeJson` writes, as JSON text. */
  json(e: SiemEvent): string;
  /** The record `writeJson` writes, as an object. */
  record(e: SiemEvent): JsonObject;
}

/** A formatter for `format`. */
export function createSiemFormatter(
  format: SiemFormat,
  options: SiemFormatterOptions,
): SiemFormatter {
  const writeJson = writerOf(format, options);
  const json = (e: SiemEvent): string => jsonText((w) => writeJson(w, e));
  return {
    format,
    writeJson,
    line: format === 'cef' ? (e) => toCef(e, options) : json,
    json,
    record: (e) => JSON.parse(json(e)) as JsonObject,
  };
}

function writerOf(
  format: SiemFormat,
  options: SiemFormatterOptions,
): (w: JsonWriter, e: SiemEvent) => void {
  switch (format) {
    case 'ocsf':
      return (w, e) => writeOcsf(w, e, options);
    case 'json':
      return writeJsonRecord;
    case 'cef':
      return (w, e) => writeCefRecord(w, e, toCef(e, options));
  }
}
