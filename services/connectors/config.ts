/**
 * The push connectors' configuration file (JSON), validated once at start-up
 * into a frozen, typed value. Every problem is reported at once, each with the
 * path of the bad key (`connectors[1].url`), as LDG_ERR_CONFIG. Schema
 * (the README (SIEM section) has the full table and examples/connectors.json an example):
 *
 *   { "connectors": [ {
 *       "name": "splunk",              unique; [A-Za-z0-9][A-Za-z0-9_-]{0,62}
 *       "type": "splunk-hec" | "syslog" | "webhook",
 *       "format": "ocsf" | "cef" | "json",       default: ocsf (syslog: cef)
 *       "types": ["command_blocked", ...],       default: every type
 *       "tenants": ["acme", ...],                default: every tenant
 *       "startAt": "beginning" | "end",          where a new connector starts (default beginning)
 *       "batch": { "maxEvents": 500, "maxBytes": 1000000 },
 *       "retry": { "initialMs": 500, "maxMs": 30000 },
 *       "timeoutMs": 10000,
 *       ...type-specific keys (see below)
 *   } ] }
 *
 * Secrets (`token`, `secret`) are a string, `{"env": "VAR"}` or
 * `{"file": "path"}`; relative paths are resolved against the config file's
 * directory. Files named by `caFile` / `certFile` / `keyFile` are read at
 * load, so a missing file fails start-up, not the first delivery.
 */
import { readFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LedgerError } from '../../ledger/errors.js';
import type { FieldIssue } from '../../ledger/errors.js';
import { GATEWAY_PAYLOAD_TYPES, INTERNAL_PAYLOAD_TYPES } from '../../ledger/events/index.js';
import {
  DEFAULT_ENTERPRISE_ID,
  DEFAULT_SYSLOG_FACILITY,
  SIEM_FORMATS,
} from '../../projections/siem/index.js';
import type { SiemFormat } from '../../projections/siem/index.js';

/** The kinds of push connector. */
export const CONNECTOR_TYPES = ['splunk-hec', 'syslog', 'webhook'] as const;
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

export const DEFAULT_RETRY_INITIAL_MS = 500;
export const DEFAULT_RETRY_MAX_MS = 30_000;
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Splunk HEC refuses bodies above its max_content_length (1,000,000 bytes on older releases). */
export const DEFAULT_HTTP_MAX_BYTES = 1_000_000;
export const DEFAULT_HTTP_MAX_EVENTS = 500;
export const DEFAULT_SYSLOG_MAX_EVENTS = 2000;
export const DEFAULT_SYSLOG_MAX_BYTES = 4 * 1024 * 1024;

/** TLS client settings (HTTPS receivers and syslog over TLS). */
export interface TlsClientConfig {
  /** PEM CA bundle to trust instead of the system roots. */
  readonly ca: Buffer | undefined;
  /** Client certificate and key (PEM) for mutual TLS. */
  readonly cert: Buffer | undefined;
  readonly key: Buffer | undefined;
  /** Verify the receiver's certificate (default true). */
  readonly rejectUnauthorized: boolean;
  /** Name to verify the certificate against (default: the host). */
  readonly serverName: string | undefined;
}

interface ConnectorConfigBase {
  readonly name: string;
  readonly format: SiemFormat;
  /** Payload types to deliver; undefined = all. */
  readonly types: ReadonlySet<string> | undefined;
  /** Tenants to deliver; undefined = all. */
  readonly tenants: ReadonlySet<string> | undefined;
  readonly startAt: 'beginning' | 'end';
  readonly maxEvents: number;
  readonly maxBytes: number;
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
  readonly timeoutMs: number;
}

/** Splunk HTTP Event Collector. */
export interface SplunkHecConnectorConfig extends ConnectorConfigBase {
  readonly type: 'splunk-hec';
  /** Full endpoint, e.g. https://splunk.example:8088/services/collector/event */
  readonly url: URL;
  readonly token: string;
  readonly index: string | undefined;
  readonly source: string;
  /** Default `audit-ledger:<format>`. */
  readonly sourcetype: string;
  /** HEC `host`; default: the event's gateway id. */
  readonly host: string | undefined;
  readonly tls: TlsClientConfig;
}

/** RFC 5424 syslog over TCP (RFC 6587 octet counting) or TLS (RFC 5425). */
export interface SyslogConnectorConfig extends ConnectorConfigBase {
  readonly type: 'syslog';
  readonly host: string;
  readonly port: number;
  /** TLS (RFC 5425) when true; plain TCP otherwise. */
  readonly useTls: boolean;
  readonly tls: TlsClientConfig;
  readonly facility: number;
  /** HOSTNAME field (default: this machine's host name). */
  readonly hostname: string;
  readonly appName: string;
  readonly enterpriseId: number;
}

/** Batched JSON POSTs signed with HMAC-SHA256. */
export interface WebhookConnectorConfig extends ConnectorConfigBase {
  readonly type: 'webhook';
  readonly url: URL;
  readonly secret: string;
  /** Extra request headers. */
  readonly headers: Readonly<Record<string, string>>;
  readonly tls: TlsClientConfig;
}

export type ConnectorConfig =
  SplunkHecConnectorConfig | SyslogConnectorConfig | WebhookConnectorConfig;

export interface ConnectorsConfig {
  readonly connectors: readonly ConnectorConfig[];
}

/** A connectors file that does not validate: every issue, each with the path of its key. */
export class ConnectorConfigError extends LedgerError<'LDG_ERR_CONFIG'> {
  readonly issues: readonly FieldIssue[];

  constructor(source: string, issues: readonly FieldIssue[]) {
    const list = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    super('LDG_ERR_CONFIG', `${source}: ${list}`);
    this.name = 'ConnectorConfigError';
    this.issues = Object.freeze([...issues]);
  }
}

export interface ParseConnectorsOptions {
  /** Environment for `{"env": "VAR"}` secrets. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Directory relative file paths are resolved against (default: the working directory). */
  readonly baseDir?: string;
  /** Name of the source in error messages (default `connectors config`). */
  readonly source?: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
const KNOWN_TYPES: ReadonlySet<string> = new Set([
  ...GATEWAY_PAYLOAD_TYPES,
  ...INTERNAL_PAYLOAD_TYPES,
]);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const RESERVED_HEADERS = new Set([
  'content-type',
  'content-length',
  'host',
  'x-audit-ledger-timestamp',
  'x-audit-ledger-signature',
  'x-audit-ledger-delivery',
]);

const COMMON_KEYS = [
  'name',
  'type',
  'format',
  'types',
  'tenants',
  'startAt',
  'batch',
  'retry',
  'timeoutMs',
];
const TLS_KEYS = ['caFile', 'certFile', 'keyFile', 'rejectUnauthorized', 'serverName'];
const KEYS: Readonly<Record<ConnectorType, readonly string[]>> = {
  'splunk-hec': [
    ...COMMON_KEYS,
    ...TLS_KEYS,
    'url',
    'token',
    'index',
    'source',
    'sourcetype',
    'host',
  ],
  syslog: [
    ...COMMON_KEYS,
    ...TLS_KEYS,
    'host',
    'port',
    'tls',
    'facility',
    'hostname',
    'appName',
    'enterpriseId',
  ],
  webhook: [...COMMON_KEYS, ...TLS_KEYS, 'url', 'secret', 'headers'],
};

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads typed values off one object, recording an issue per bad key. */
class Reader {
  constructor(
    private readonly obj: Record<string, unknown>,
    private readonly path: string,
    private readonly issues: FieldIssue[],
    private readonly o: ParseConnectorsOptions,
  ) {}

  at(key: string): string {
    return `${this.path}.${key}`;
  }

  fail(key: string, message: string): undefined {
    this.issues.push({ path: this.at(key), message });
    return undefined;
  }

  entries(): [string, unknown][] {
    return Object.entries(this.obj);
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined;
  }

  onlyKeys(allowed: readonly string[]): void {
    for (const key of Object.keys(this.obj)) {
      if (!allowed.includes(key))
        this.fail(key, `unknown key; expected one of ${allowed.join(', ')}`);
    }
  }

  string(key: string, required: boolean): string | undefined {
    const v = this.obj[key];
    if (v === undefined) return required ? this.fail(key, 'is required') : undefined;
    if (typeof v !== 'string' || v.trim() === '') {
      return this.fail(key, `must be a non-empty string, got ${describe(v)}`);
    }
    return v;
  }

  int(key: string, dflt: number, min: number, max: number): number {
    const v = this.obj[key];
    if (v === undefined) return dflt;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.fail(key, `must be an integer between ${min} and ${max}, got ${describe(v)}`);
      return dflt;
    }
    return v;
  }

  bool(key: string, dflt: boolean): boolean {
    const v = this.obj[key];
    if (v === undefined) return dflt;
    if (typeof v !== 'boolean') {
      this.fail(key, `must be true or false, got ${describe(v)}`);
      return dflt;
    }
    return v;
  }

  oneOf<T extends string>(key: string, values: readonly T[], dflt: T): T {
    const v = this.obj[key];
    if (v === undefined) return dflt;
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
      this.fail(key, `must be one of ${values.join(', ')}, got ${describe(v)}`);
      return dflt;
    }
    return v as T;
  }

  stringSet(
    key: string,
    check?: (s: string) => string | undefined,
  ): ReadonlySet<string> | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.length === 0) {
      return this.fail(key, `must be a non-empty array of strings, got ${describe(v)}`);
    }
    const out = new Set<string>();
    v.forEach((item, i) => {
      if (typeof item !== 'string' || item === '') {
        this.issues.push({
          path: `${this.at(key)}[${i}]`,
          message: `must be a non-empty string, got ${describe(item)}`,
        });
        return;
      }
      const problem = check?.(item);
      if (problem !== undefined)
        this.issues.push({ path: `${this.at(key)}[${i}]`, message: problem });
      else out.add(item);
    });
    return out;
  }

  object(key: string): Reader | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    if (!isObject(v)) return this.fail(key, `must be an object, got ${describe(v)}`);
    return new Reader(v, this.at(key), this.issues, this.o);
  }

  filePath(raw: string): string {
    return isAbsolute(raw) ? raw : resolve(this.o.baseDir ?? process.cwd(), raw);
  }

  file(key: string): Buffer | undefined {
    const raw = this.string(key, false);
    if (raw === undefined) return undefined;
    const path = this.filePath(raw);
    try {
      return readFileSync(path);
    } catch (e) {
      return this.fail(
        key,
        `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      );
    }
  }

  url(key: string): URL | undefined {
    const raw = this.string(key, true);
    if (raw === undefined) return undefined;
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      return this.fail(key, `must be an absolute http(s) URL, got ${JSON.stringify(raw)}`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      return this.fail(key, `must be an http or https URL, got ${JSON.stringify(raw)}`);
    }
    return u;
  }

  secret(key: string): string | undefined {
    const v = this.obj[key];
    if (v === undefined)
      return this.fail(key, 'is required (a string, {"env": "VAR"} or {"file": "path"})');
    if (typeof v === 'string') return v === '' ? this.fail(key, 'must not be empty') : v;
    if (isObject(v) && Object.keys(v).length === 1 && typeof v['env'] === 'string') {
      const value = this.o.env?.[v['env']];
      if (value === undefined || value === '') {
        return this.fail(key, `environment variable ${v['env']} is not set`);
      }
      return value;
    }
    if (isObject(v) && Object.keys(v).length === 1 && typeof v['file'] === 'string') {
      const path = this.filePath(v['file']);
      try {
        const value = readFileSync(path, 'utf8').trim();
        if (value === '') return this.fail(key, `${path} is empty`);
        return value;
      } catch (e) {
        return this.fail(
          key,
          `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
        );
      }
    }
    return this.fail(
      key,
      `must be a string, {"env": "VAR"} or {"file": "path"}, got ${describe(v)}`,
    );
  }

  tls(): TlsClientConfig {
    return Object.freeze({
      ca: this.file('caFile'),
      cert: this.file('certFile'),
      key: this.file('keyFile'),
      rejectUnauthorized: this.bool('rejectUnauthorized', true),
      serverName: this.string('serverName', false),
    });
  }
}

function base(r: Reader, name: string, type: ConnectorType): ConnectorConfigBase {
  const http = type !== 'syslog';
  const batch = r.object('batch');
  batch?.onlyKeys(['maxEvents', 'maxBytes']);
  const retry = r.object('retry');
  retry?.onlyKeys(['initialMs', 'maxMs']);
  const retryInitialMs =
    retry?.int('initialMs', DEFAULT_RETRY_INITIAL_MS, 1, 3_600_000) ?? DEFAULT_RETRY_INITIAL_MS;
  const retryMaxMs =
    retry?.int('maxMs', DEFAULT_RETRY_MAX_MS, 1, 3_600_000) ?? DEFAULT_RETRY_MAX_MS;
  if (retryMaxMs < retryInitialMs) r.fail('retry', 'maxMs must be at least initialMs');
  const maxEvents = http ? DEFAULT_HTTP_MAX_EVENTS : DEFAULT_SYSLOG_MAX_EVENTS;
  const maxBytes = http ? DEFAULT_HTTP_MAX_BYTES : DEFAULT_SYSLOG_MAX_BYTES;
  return {
    name,
    format: r.oneOf('format', SIEM_FORMATS, type === 'syslog' ? 'cef' : 'ocsf'),
    types: r.stringSet('types', (t) =>
      KNOWN_TYPES.has(t)
        ? undefined
        : `unknown event type; expected any of ${[...KNOWN_TYPES].join(', ')}`,
    ),
    tenants: r.stringSet('tenants'),
    startAt: r.oneOf('startAt', ['beginning', 'end'] as const, 'beginning'),
    maxEvents: batch?.int('maxEvents', maxEvents, 1, 100_000) ?? maxEvents,
    maxBytes: batch?.int('maxBytes', maxBytes, 1024, 256 * 1024 * 1024) ?? maxBytes,
    retryInitialMs,
    retryMaxMs,
    timeoutMs: r.int('timeoutMs', DEFAULT_TIMEOUT_MS, 100, 600_000),
  };
}

function parseConnector(
  r: Reader,
  type: ConnectorType,
  common: ConnectorConfigBase,
): ConnectorConfig | undefined {
  r.onlyKeys(KEYS[type]);
  switch (type) {
    case 'splunk-hec': {
      const url = r.url('url');
      const token = r.secret('token');
      if (url === undefined || token === undefined) return undefined;
      return {
        ...common,
        type,
        url,
        token,
        index: r.string('index', false),
        source: r.string('source', false) ?? 'audit-ledger',
        sourcetype: r.string('sourcetype', false) ?? `audit-ledger:${common.format}`,
        host: r.string('host', false),
        tls: r.tls(),
      };
    }
    case 'syslog': {
      const host = r.string('host', true);
      const port = r.has('port') ? r.int('port', 0, 1, 65535) : r.fail('port', 'is required');
      const facility = r.int('facility', DEFAULT_SYSLOG_FACILITY, 0, 23);
      const appName = r.string('appName', false) ?? 'audit-ledger';
      if (appName.length > 48) r.fail('appName', 'must be at most 48 characters (RFC 5424)');
      const hostname = r.string('hostname', false) ?? osHostname();
      if (hostname.length > 255) r.fail('hostname', 'must be at most 255 characters (RFC 5424)');
      if (host === undefined || port === undefined) return undefined;
      return {
        ...common,
        type,
        host,
        port,
        useTls: r.bool('tls', false),
        tls: r.tls(),
        facility,
        hostname,
        appName,
        enterpriseId: r.int('enterpriseId', DEFAULT_ENTERPRISE_ID, 1, 2 ** 31 - 1),
      };
    }
    case 'webhook': {
      const url = r.url('url');
      const secret = r.secret('secret');
      const headers: Record<string, string> = {};
      const h = r.object('headers');
      if (h !== undefined) {
        for (const [k, v] of h.entries()) {
          if (!HEADER_NAME.test(k) || RESERVED_HEADERS.has(k.toLowerCase())) {
            h.fail(k, 'is not a header name this connector may set');
          } else if (typeof v !== 'string' || /[\r\n]/.test(v)) {
            h.fail(k, `must be a single-line string, got ${describe(v)}`);
          } else headers[k.toLowerCase()] = v;
        }
      }
      if (url === undefined || secret === undefined) return undefined;
      if (secret.length < 16) r.fail('secret', 'must be at least 16 characters');
      return { ...common, type, url, secret, headers: Object.freeze(headers), tls: r.tls() };
    }
  }
}

/**
 * Validates a parsed connectors document. Throws ConnectorConfigError
 * (LDG_ERR_CONFIG) listing every bad key by path.
 */
export function parseConnectorsConfig(
  doc: unknown,
  options: ParseConnectorsOptions = {},
): ConnectorsConfig {
  const source = options.source ?? 'connectors config';
  const issues: FieldIssue[] = [];
  if (!isObject(doc))
    throw new ConnectorConfigError(source, [
      { path: '', message: `must be a JSON object, got ${describe(doc)}` },
    ]);
  for (const key of Object.keys(doc)) {
    if (key !== 'connectors')
      issues.push({ path: key, message: 'unknown key; expected connectors' });
  }
  const list = doc['connectors'];
  const connectors: ConnectorConfig[] = [];
  if (!Array.isArray(list)) {
    issues.push({ path: 'connectors', message: `must be an array, got ${describe(list)}` });
  } else {
    const names = new Map<string, number>();
    list.forEach((item, i) => {
      const path = `connectors[${i}]`;
      if (!isObject(item)) {
        issues.push({ path, message: `must be an object, got ${describe(item)}` });
        return;
      }
      const r = new Reader(item, path, issues, options);
      const name = r.string('name', true);
      if (name !== undefined) {
        if (!NAME.test(name)) {
          r.fail('name', 'must match [A-Za-z0-9][A-Za-z0-9_-]{0,62}');
        } else if (names.has(name)) {
          r.fail('name', `duplicates connectors[${names.get(name)}].name`);
        } else names.set(name, i);
      }
      const typeRaw = item['type'];
      if (
        typeof typeRaw !== 'string' ||
        !(CONNECTOR_TYPES as readonly string[]).includes(typeRaw)
      ) {
        r.fail('type', `must be one of ${CONNECTOR_TYPES.join(', ')}, got ${describe(typeRaw)}`);
        return;
      }
      const type = typeRaw as ConnectorType;
      const c = parseConnector(r, type, base(r, name ?? '', type));
      if (c !== undefined) connectors.push(Object.freeze(c));
    });
  }
  if (issues.length > 0) throw new ConnectorConfigError(source, issues);
  return Object.freeze({ connectors: Object.freeze(connectors) });
}

/**
 * Reads and validates the connectors file at `path`. Throws LDG_ERR_CONFIG
 * naming the file when it cannot be read or parsed, ConnectorConfigError
 * listing every bad key otherwise.
 */
export function loadConnectorsConfig(
  path: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ConnectorsConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new LedgerError(
      'LDG_ERR_CONFIG',
      `connectors file ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new LedgerError(
      'LDG_ERR_CONFIG',
      `connectors file ${path}: not valid JSON (${(e as Error).message})`,
    );
  }
  return parseConnectorsConfig(doc, {
    env,
    baseDir: dirname(resolve(path)),
    source: `connectors file ${path}`,
  });
}
