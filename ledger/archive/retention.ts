/**
 * Retention of archived bundles: how long each one is locked.
 *
 * A period counts **calendar years** (or days), in UTC: five years from
 * 2025-03-10T12:00:00Z ends 2030-03-10T12:00:00Z. Not 365-day years, which is
 * how Ceph RGW counts the `Years` of a default bucket retention: five
 * calendar years hold one or two 29 Februaries (none only across a century
 * year such as 2100), so 5 x 365 days would release a bundle a day or two
 * before the anniversary a regulation names.
 * A calendar year is never shorter than 365 days, so our explicit
 * RetainUntilDate is always >= what a bucket default of the same number of
 * years would give. 29 February plus whole years lands on 1 March in a
 * non-leap year (later, never earlier). Results are rounded up to a whole
 * second.
 *
 * A configured floor refuses any shorter period with `LDG_ERR_CONFIG`, both
 * when the policy is built (checked from the build time) and for every date it
 * computes (so mixing units, e.g. a 1826-day period over a 5-year floor, is
 * judged on the actual dates).
 */

import { LedgerError } from '../errors.js';

/** A retention period: whole calendar years, or whole days of 24 hours. */
export type RetentionPeriod = { readonly years: number } | { readonly days: number };

/** Five calendar years: the archive's default retention. */
export const DEFAULT_RETENTION: RetentionPeriod = Object.freeze({ years: 5 });

/**
 * The default floor: the default period itself, so retaining less than five
 * years takes an explicit, visible lowering of the floor in configuration.
 */
export const DEFAULT_RETENTION_FLOOR: RetentionPeriod = DEFAULT_RETENTION;

/** Longest accepted period (S3 takes far-future dates; this catches typos). */
export const MAX_RETENTION_YEARS = 100;

const MAX_RETENTION_DAYS = MAX_RETENTION_YEARS * 366;
const DAY_MS = 86_400_000;

/** Options of `createRetentionPolicy`. */
export interface RetentionPolicyOptions {
  /** How long each bundle is locked (default DEFAULT_RETENTION). */
  readonly period?: RetentionPeriod;
  /** The shortest period accepted (default DEFAULT_RETENTION_FLOOR). */
  readonly floor?: RetentionPeriod;
  /** The clock used for the build-time floor check (tests). */
  readonly now?: () => Date;
}

/** A validated, frozen retention policy. */
export interface RetentionPolicy {
  readonly period: RetentionPeriod;
  readonly floor: RetentionPeriod;
  /**
   * The lock's end for a bundle sealed at `sealedAt`: `sealedAt + period`,
   * rounded up to a whole second. Throws `LDG_ERR_CONFIG` if that is before
   * `sealedAt + floor`.
   */
  retainUntil(sealedAt: Date): Date;
}

/**
 * Parses `5y`, `5 years`, `1826d`, `30 days` (case-insensitive) into a period.
 * Throws `LDG_ERR_CONFIG` naming `name` (e.g. the setting it came from).
 */
export function parseRetention(text: string, name = 'retention'): RetentionPeriod {
  const m = /^\s*(\d{1,6})\s*(y|years?|d|days?)\s*$/i.exec(text);
  const count = m?.[1];
  const unit = m?.[2];
  if (count === undefined || unit === undefined) {
    throw new LedgerError(
      'LDG_ERR_CONFIG',
      `${name}: "${text}" is not a retention period (expected e.g. "5y" or "1826d")`,
    );
  }
  const period: RetentionPeriod = unit.toLowerCase().startsWith('y')
    ? { years: Number(count) }
    : { days: Number(count) };
  assertRetentionPeriod(period, name);
  return period;
}

/** `5y` or `1826d`: the form `parseRetention` reads. */
export function formatRetention(period: RetentionPeriod): string {
  return 'years' in period ? `${period.years}y` : `${period.days}d`;
}

/**
 * Asserts `period` is a positive whole number of years (<= 100) or days
 * (<= 36600). Throws `LDG_ERR_CONFIG` naming `name`.
 */
export function assertRetentionPeriod(period: RetentionPeriod, name = 'retention'): void {
  const [count, max] =
    'years' in period ? [period.years, MAX_RETENTION_YEARS] : [period.days, MAX_RETENTION_DAYS];
  if (!Number.isSafeInteger(count) || count < 1 || count > max) {
    const unit = 'years' in period ? 'years' : 'days';
    throw new LedgerError(
      'LDG_ERR_CONFIG',
      `${name}: ${String(count)} ${unit} is not a whole number from 1 to ${max}`,
    );
  }
}

/**
 * `from + period` in UTC (calendar years, or days of 24 h), rounded up to a
 * whole second. Requires a valid period (see `assertRetentionPeriod`).
 */
export function addRetention(from: Date, period: RetentionPeriod): Date {
  const t = from.getTime();
  if (Number.isNaN(t))
    throw new LedgerError('LDG_ERR_CONFIG', 'retention start is not a valid date');
  let end: number;
  if ('years' in period) {
    const d = new Date(t);
    // Date.UTC rolls 29 Feb of a non-leap year over to 1 Mar: later, never earlier
    end = Date.UTC(
      d.getUTCFullYear() + period.years,
      d.getUTCMonth(),
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    );
  } else {
    end = t + period.days * DAY_MS;
  }
  return new Date(Math.ceil(end / 1000) * 1000);
}

/**
 * Builds a frozen retention policy. Throws `LDG_ERR_CONFIG` when a period is
 * malformed or the period is shorter than the floor.
 */
export function createRetentionPolicy(options: RetentionPolicyOptions = {}): RetentionPolicy {
  const period = Object.freeze({ ...(options.period ?? DEFAULT_RETENTION) });
  const floor = Object.freeze({ ...(options.floor ?? DEFAULT_RETENTION_FLOOR) });
  assertRetentionPeriod(period, 'retention');
  assertRetentionPeriod(floor, 'retention floor');

  const retainUntil = (sealedAt: Date): Date => {
    const until = addRetention(sealedAt, period);
    const minimum = addRetention(sealedAt, floor);
    if (until.getTime() < minimum.getTime()) {
      throw new LedgerError(
        'LDG_ERR_CONFIG',
        `retention ${formatRetention(period)} is shorter than the configured floor ` +
          `${formatRetention(floor)} (from ${sealedAt.toISOString()}: ` +
          `${until.toISOString()} < ${minimum.toISOString()}); raise the retention or lower the floor`,
      );
    }
    return until;
  };

  retainUntil((options.now ?? (() => new Date()))());
  return Object.freeze({ period, floor, retainUntil });
}
