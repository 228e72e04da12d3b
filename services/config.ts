/**
 * The one place that reads the environment. `loadConfig()` builds a typed,
 * validated, frozen configuration at start-up and fails with a message that
 * names the bad variable. CLI flags are applied on top by services/cli.ts.
 */
import { boolVar, configError, intVar } from './env-vars.js';
import type { Env } from './env-vars.js';
import { ARCHIVE_ENV_DOC, loadArchiveConfig } from './archive/config.js';
import type { ArchiveConfig } from './archive/config.js';
import { loadConnectorsConfig } from './connectors/index.js';
import type { ConnectorsConfig } from './connectors/index.js';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { isValidKeyName } from '../ledger/checkpoint/signed-note.js';
import { DEFAULT_CHECKPOINT_INTERVAL_MS } from '../ledger/sequencer/sequencer.js';

/**
 * Stream reader threads by default: two, so one stream's pages are
 * formatted side by side (one subscriber gets ~1.3-1.5x the events/s of
 * one thread on a 2-core machine); they run niced, below ingest.
 */
export const DEFAULT_STREAM_THREADS = Math.min(2, availableParallelism());

export type StoreKind = 'sqlite' | 'eventstoredb';

export interface AuthConfig {
  /** HS256 shared secret (embedded default: generated on first start into the data dir). */
  readonly hmacSecret: string | null;
  /** PEM public key file for RS256/ES256/EdDSA tokens. */
  readonly publicKeyFile: string | null;
  /** JWKS endpoint URL (e.g. https://idp.example.com/.well-known/jwks.json). */
  readonly jwksUrl: string | null;
  readonly issuer: string | null;
  readonly audience: string;
  readonly algorithms: readonly string[];
}

/** The Merkle log: sequencer, signing key, checkpoints. */
export interface SequencerConfig {
  /** Run the sequencer in this process (exactly one node should, per log). */
  readonly enabled: boolean;
  /** Checkpoint origin; null: the signing key's name, or `audit-ledger.local/<hostname>` for a new key. */
  readonly origin: string | null;
  /** Private key file; null: `<data dir>/signing-key`, created on first start. */
  readonly signingKeyFile: string | null;
  readonly checkpointIntervalMs: number;
}

export interface LedgerConfig {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly store: StoreKind;
  readonly eventStoreConnectionString: string | null;
  readonly auth: AuthConfig;
  /** Per-gateway sustained event rate; 0 disables the limit. */
  readonly rateLimitEventsPerSecond: number;
  readonly rateLimitBurst: number;
  readonly maxClockSkewMs: number;
  readonly logLevel: string;
  readonly logRequests: boolean;
  /** SIEM push connectors (LEDGER_CONNECTORS_FILE), validated at start-up. */
  readonly connectors: ConnectorsConfig | null;
  readonly sequencer: SequencerConfig;
  /** Reader threads that read, format and frame SIEM stream pages (0: on the main thread). */
  readonly streamThreads: number;
  /** Run the projections (views.db), the query API and the evidence API in this process. */
  readonly projections: boolean;
  /** A deployment's own ISO 27001 control mapping (LEDGER_CONTROL_MAPPING_FILE); null: built-in. */
  readonly controlMappingFile: string | null;
  /** The WORM archive (runs beside the sequencer). */
  readonly archive: ArchiveConfig;
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_AUDIENCE = 'audit-ledger';
export const DEFAULT_RATE_LIMIT_EVENTS_PER_SECOND = 200_000;
export const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** Every variable the ledger reads, with what it does (printed by `audit-ledger help`, listed in the README). */
export const ENV_DOC: Readonly<Record<string, string>> = {
  LEDGER_DATA_DIR: 'directory for the embedded store, keys and secrets (default ./data)',
  LEDGER_HOST: `address to listen on (default ${DEFAULT_HOST})`,
  LEDGER_PORT: `port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)`,
  LEDGER_STORE: 'event store: sqlite (default) or eventstoredb',
  EVENTSTORE_CONNECTION_STRING: 'esdb://host:2113?tls=false when LEDGER_STORE=eventstoredb',
  LEDGER_JWT_SECRET:
    'HS256 secret for tokens (default: generated into the data dir on first start)',
  LEDGER_JWT_PUBLIC_KEY_FILE: 'PEM public key to verify RS256/ES256/EdDSA tokens (production)',
  LEDGER_JWKS_URL: 'JWKS URL of the identity provider to verify tokens (production)',
  LEDGER_JWT_ISSUER: 'required `iss` claim (required with a public key or JWKS)',
  LEDGER_JWT_AUDIENCE: `required \`aud\` claim (default ${DEFAULT_AUDIENCE})`,
  LEDGER_JWT_ALGORITHMS:
    'comma-separated allow-list (default HS256, or RS256,ES256,EdDSA with a public key / JWKS)',
  LEDGER_RATE_LIMIT_EVENTS_PER_SECOND: `per-gateway sustained events/s, 0 = off (default ${DEFAULT_RATE_LIMIT_EVENTS_PER_SECOND})`,
  LEDGER_RATE_LIMIT_BURST: 'per-gateway burst in events (default 2 s worth of the rate)',
  LEDGER_MAX_CLOCK_SKEW_MS: `how far in the future occurred_at may be (default ${DEFAULT_MAX_CLOCK_SKEW_MS})`,
  LEDGER_CONNECTORS_FILE:
    'JSON file of SIEM push connectors (Splunk HEC, syslog, webhooks); see the SIEM section of the README',
  LEDGER_LOG_LEVEL: 'pino log level (default info)',
  LEDGER_LOG_REQUESTS: 'log every request: true/false (default false, for throughput)',
  LEDGER_SEQUENCER:
    'run the sequencer (Merkle log, checkpoints) in this process: true/false (default true)',
  LEDGER_ORIGIN:
    'checkpoint origin, e.g. ledger.example.com/prod (default: the signing key name; a new key is named audit-ledger.local/<hostname>)',
  LEDGER_SIGNING_KEY_FILE:
    'checkpoint signing key (a note private key, see `keys generate`; default <data dir>/signing-key, created mode 0600 on first start)',
  LEDGER_CHECKPOINT_INTERVAL_MS: `time between signed checkpoints while the log grows (default ${DEFAULT_CHECKPOINT_INTERVAL_MS})`,
  LEDGER_STREAM_THREADS: `worker threads that read and format /v1/stream pages with the SQLite store, at nice 10 (default ${DEFAULT_STREAM_THREADS}: two on a machine with two cores or more; 0: on the main thread)`,
  LEDGER_PROJECTIONS:
    'run the projections (DATA/views.db), the query API and the evidence API: true/false (default true)',
  LEDGER_CONTROL_MAPPING_FILE:
    'JSON file replacing the built-in ISO 27001 control mapping (projections/controls/iso27001-2022.json)',
  ...ARCHIVE_ENV_DOC,
};

const ALGORITHMS = new Set([
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'ES256',
  'ES384',
  'EdDSA',
]);

/** Builds the frozen configuration from an environment (process.env by default). */
export function loadConfig(
  env: Env = process.env,
  overrides: Partial<LedgerConfig> = {},
): LedgerConfig {
  const store = env.LEDGER_STORE ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'eventstoredb') {
    throw configError('LEDGER_STORE', `must be sqlite or eventstoredb, got "${store}"`);
  }
  const esdb = env.EVENTSTORE_CONNECTION_STRING ?? null;
  if (store === 'eventstoredb' && !esdb) {
    throw configError('EVENTSTORE_CONNECTION_STRING', 'is required when LEDGER_STORE=eventstoredb');
  }
  const publicKeyFile = env.LEDGER_JWT_PUBLIC_KEY_FILE || null;
  const jwksUrl = env.LEDGER_JWKS_URL || null;
  if (jwksUrl) {
    try {
      const u = new URL(jwksUrl);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('not http(s)');
    } catch {
      throw configError('LEDGER_JWKS_URL', `must be an http(s) URL, got "${jwksUrl}"`);
    }
  }
  if (publicKeyFile && jwksUrl) {
    throw configError(
      'LEDGER_JWKS_URL',
      'set either LEDGER_JWKS_URL or LEDGER_JWT_PUBLIC_KEY_FILE, not both',
    );
  }
  const asymmetric = publicKeyFile !== null || jwksUrl !== null;
  const issuer = env.LEDGER_JWT_ISSUER || null;
  if (asymmetric && !issuer) {
    throw configError('LEDGER_JWT_ISSUER', 'is required with a public key or JWKS');
  }
  const algorithms = (env.LEDGER_JWT_ALGORITHMS || (asymmetric ? 'RS256,ES256,EdDSA' : 'HS256'))
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  for (const a of algorithms) {
    if (!ALGORITHMS.has(a))
      throw configError('LEDGER_JWT_ALGORITHMS', `unknown or disallowed algorithm "${a}"`);
    if (asymmetric === a.startsWith('HS')) {
      throw configError(
        'LEDGER_JWT_ALGORITHMS',
        `"${a}" does not fit the ${asymmetric ? 'public-key' : 'shared-secret'} mode`,
      );
    }
  }
  const hmacSecret = env.LEDGER_JWT_SECRET || null;
  if (hmacSecret !== null && hmacSecret.length < 32) {
    throw configError('LEDGER_JWT_SECRET', 'must be at least 32 characters');
  }
  const rate = intVar(
    env,
    'LEDGER_RATE_LIMIT_EVENTS_PER_SECOND',
    DEFAULT_RATE_LIMIT_EVENTS_PER_SECOND,
    0,
    1e9,
  );
  const logLevel = env.LEDGER_LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw configError('LEDGER_LOG_LEVEL', `unknown level "${logLevel}"`);
  }
  const origin = env.LEDGER_ORIGIN || null;
  if (origin !== null && (!isValidKeyName(origin) || origin.length > 255)) {
    throw configError(
      'LEDGER_ORIGIN',
      `must be a log name without spaces, control characters or "+" (at most 255 characters), got "${origin}"`,
    );
  }
  const sequencer: SequencerConfig = Object.freeze({
    enabled: boolVar(env, 'LEDGER_SEQUENCER', true),
    origin,
    signingKeyFile: env.LEDGER_SIGNING_KEY_FILE ? resolve(env.LEDGER_SIGNING_KEY_FILE) : null,
    checkpointIntervalMs: intVar(
      env,
      'LEDGER_CHECKPOINT_INTERVAL_MS',
      DEFAULT_CHECKPOINT_INTERVAL_MS,
      10,
      3_600_000,
    ),
  });
  const dataDir = resolve(env.LEDGER_DATA_DIR || 'data');
  const config: LedgerConfig = {
    dataDir,
    host: env.LEDGER_HOST || DEFAULT_HOST,
    port: intVar(env, 'LEDGER_PORT', DEFAULT_PORT, 0, 65535),
    store,
    eventStoreConnectionString: esdb,
    auth: Object.freeze({
      hmacSecret,
      publicKeyFile,
      jwksUrl,
      issuer,
      audience: env.LEDGER_JWT_AUDIENCE || DEFAULT_AUDIENCE,
      algorithms: Object.freeze(algorithms),
    }),
    rateLimitEventsPerSecond: rate,
    rateLimitBurst: intVar(env, 'LEDGER_RATE_LIMIT_BURST', rate * 2, 0, 1e10),
    maxClockSkewMs: intVar(
      env,
      'LEDGER_MAX_CLOCK_SKEW_MS',
      DEFAULT_MAX_CLOCK_SKEW_MS,
      0,
      86_400_000,
    ),
    logLevel,
    logRequests: boolVar(env, 'LEDGER_LOG_REQUESTS', false),
    connectors: env.LEDGER_CONNECTORS_FILE
      ? loadConnectorsConfig(resolve(env.LEDGER_CONNECTORS_FILE), env)
      : null,
    sequencer,
    streamThreads: intVar(env, 'LEDGER_STREAM_THREADS', DEFAULT_STREAM_THREADS, 0, 16),
    projections: boolVar(env, 'LEDGER_PROJECTIONS', true),
    controlMappingFile: env.LEDGER_CONTROL_MAPPING_FILE
      ? resolve(env.LEDGER_CONTROL_MAPPING_FILE)
      : null,
    archive: loadArchiveConfig(env, dataDir),
    ...overrides,
  };
  return Object.freeze(config);
}
