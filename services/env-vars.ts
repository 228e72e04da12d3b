/**
 * Typed readers for environment variables, shared by every config loader in
 * services/: each failure is an LDG_ERR_CONFIG naming the variable.
 */
import { LedgerError } from '../ledger/errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

export function configError(variable: string, message: string): LedgerError {
  return new LedgerError('LDG_ERR_CONFIG', `${variable}: ${message}`);
}

/** A decimal integer in [min, max], or `dflt` when unset or empty. */
export function intVar(env: Env, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (!/^\d+$/.test(raw)) throw configError(name, `must be an integer, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw configError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** true/1 or false/0, or `dflt` when unset or empty. */
export function boolVar(env: Env, name: string, dflt: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw configError(name, `must be true or false, got "${raw}"`);
}
