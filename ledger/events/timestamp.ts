/**
 * google.protobuf.Timestamp in its proto3 JSON form: RFC 3339 strings
 * (https://protobuf.dev/programming-guides/json/, RFC 3339 §5.6), range
 * 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z, no leap seconds.
 */
import { MAX_TIMESTAMP_SECONDS, MIN_TIMESTAMP_SECONDS } from './limits.js';
import type { Timestamp } from './types.js';

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const NANOS_SCALE = [1e9, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 1e2, 1e1, 1];

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days from 1970-01-01 to the proleptic Gregorian date y-m-d (m 1-12); exact for any year. */
export function daysFromCivil(y: number, m: number, d: number): number {
  // Howard Hinnant's days_from_civil: eras of 400 years starting in March
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Parses an RFC 3339 date-time as proto3 JSON does: 'T' and 'Z' in either
 * case, up to 9 fractional digits, a `Z` or `±hh:mm` offset. Returns undefined
 * for anything else, including impossible dates (2023-02-29), leap seconds and
 * instants outside the Timestamp range.
 */
export function parseRfc3339(s: string): Timestamp | undefined {
  const m = RFC3339.exec(s);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const maxDay = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day > maxDay || hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (m[8] !== undefined) {
    const oh = Number(m[9]);
    const om = Number(m[10]);
    if (oh > 23 || om > 59) return undefined;
    offset = (oh * 60 + om) * 60 * (m[8] === '-' ? -1 : 1);
  }
  const frac = m[7];
  const nanos = frac === undefined ? 0 : Number(frac) * NANOS_SCALE[frac.length]!;
  const seconds =
    daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  if (seconds < MIN_TIMESTAMP_SECONDS || seconds > MAX_TIMESTAMP_SECONDS) return undefined;
  return { seconds, nanos };
}

/** `YYYY-MM-DDTHH:MM:` of the minute last formatted: events in a stream are close in time. */
let lastMinute = NaN;
let lastMinuteText = '';

/** `YYYY-MM-DDTHH:MM:SS` of unix seconds (an integer in the Timestamp range). */
function secondsText(seconds: number): string {
  const minute = Math.floor(seconds / 60);
  if (minute !== lastMinute) {
    lastMinuteText = new Date(minute * 60_000).toISOString().slice(0, 17);
    lastMinute = minute;
  }
  const s = seconds - minute * 60;
  return `${lastMinuteText}${s < 10 ? '0' : ''}${s}`;
}

/**
 * Formats a Timestamp as proto3 JSON does: UTC, `Z`, and 0, 3, 6 or 9
 * fractional digits. Requires an in-range Timestamp (see isValidTimestamp).
 */
export function formatRfc3339(ts: Timestamp): string {
  const base = secondsText(ts.seconds);
  const n = ts.nanos;
  if (n === 0) return `${base}Z`;
  if (n % 1_000_000 === 0) return `${base}.${String(n / 1_000_000).padStart(3, '0')}Z`;
  if (n % 1000 === 0) return `${base}.${String(n / 1000).padStart(6, '0')}Z`;
  return `${base}.${String(n).padStart(9, '0')}Z`;
}

/** True when seconds is an integer in the Timestamp range and 0 <= nanos <= 999,999,999. */
export function isValidTimestamp(seconds: number, nanos: number): boolean {
  return (
    Number.isInteger(seconds) &&
    seconds >= MIN_TIMESTAMP_SECONDS &&
    seconds <= MAX_TIMESTAMP_SECONDS &&
    Number.isInteger(nanos) &&
    nanos >= 0 &&
    nanos <= 999_999_999
  );
}

/** Unix milliseconds of a Timestamp (sub-millisecond part truncated). */
export function timestampToMs(ts: Timestamp): number {
  return ts.seconds * 1000 + Math.floor(ts.nanos / 1_000_000);
}

/** The Timestamp of unix milliseconds; requires a safe integer. */
export function timestampFromMs(ms: number): Timestamp {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1_000_000 };
}
