/**
 * Authentication for every HTTP API: JWT bearer tokens verified by
 * @fastify/jwt with an algorithm allow-list, audience and (for public keys or
 * JWKS) issuer checks. Embedded default: an HS256 secret generated into the
 * data directory on first start. Authorisation: scopes (`ledger:write` for
 * gateways, `ledger:read` for auditors, `ledger:stream` for SIEMs,
 * `ledger:verify` for whole-log verifiers, who read every tenant's entries) and the
 * `tenant` claim, which confines every request to one tenant.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyJwt from '@fastify/jwt';
import { createSigner } from 'fast-jwt';
import type { Algorithm } from 'fast-jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import buildGetJwks from 'get-jwks';
import { LedgerError } from '../ledger/errors.js';
import type { AuthConfig } from './config.js';

export type Scope =
  'ledger:write' | 'ledger:read' | 'ledger:stream' | 'ledger:verify' | 'ledger:admin';

/** Roles the `token` command mints, and the scopes each carries. */
export const ROLE_SCOPES: Readonly<Record<string, readonly Scope[]>> = {
  gateway: ['ledger:write'],
  auditor: ['ledger:read'],
  siem: ['ledger:stream'],
  // reads every tenant's entries (tile/entries/...) to verify the whole log
  verifier: ['ledger:verify'],
  admin: ['ledger:write', 'ledger:read', 'ledger:stream', 'ledger:verify', 'ledger:admin'],
};

export interface Principal {
  /** `sub`: the gateway id for gateways, the user for auditors. */
  readonly subject: string;
  readonly tenant: string;
  readonly scopes: ReadonlySet<string>;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const SECRET_FILE = 'jwt-secret';

/** Reads the embedded deployment's HS256 secret, creating it (mode 0600) on first start. */
export function ensureDevSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SECRET_FILE);
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

export interface MintOptions {
  readonly secret: string;
  readonly subject: string;
  readonly tenant: string;
  readonly scopes: readonly Scope[];
  readonly audience: string;
  readonly issuer?: string | null;
  readonly ttlSeconds: number;
}

/** Mints an HS256 token (embedded deployments and tests). */
export function mintToken(o: MintOptions): string {
  const sign = createSigner({
    key: o.secret,
    algorithm: 'HS256',
    expiresIn: o.ttlSeconds * 1000,
    aud: o.audience,
    ...(o.issuer ? { iss: o.issuer } : {}),
  });
  return sign({ sub: o.subject, tenant: o.tenant, scope: o.scopes.join(' ') });
}

/** Registers JWT verification on an app. `hmacSecret` is the resolved HS256 secret, if that mode is used. */
export async function registerAuth(
  app: FastifyInstance,
  auth: AuthConfig,
  hmacSecret: string | null,
): Promise<void> {
  const verify = {
    algorithms: auth.algorithms.map((a) => a as Algorithm),
    allowedAud: auth.audience,
    ...(auth.issuer ? { allowedIss: auth.issuer } : {}),
    requiredClaims: ['sub', 'exp'],
    // fast-jwt caches verified tokens (and honours exp): a gateway reuses its token for many requests
    cache: 10_000,
  };
  if (auth.jwksUrl) {
    const url = new URL(auth.jwksUrl);
    const jwks = buildGetJwks({ jwksPath: url.pathname, providerDiscovery: false, ttl: 600_000 });
    await app.register(fastifyJwt, {
      secret: (_req: FastifyRequest, token: unknown) => {
        const header = (token as { header?: { kid?: string; alg?: string } }).header ?? {};
        return jwks.getPublicKey({
          domain: url.origin,
          kid: header.kid ?? '',
          alg: header.alg ?? '',
        });
      },
      verify,
    });
  } else if (auth.publicKeyFile) {
    await app.register(fastifyJwt, {
      secret: { public: readFileSync(auth.publicKeyFile) },
      verify,
    });
  } else {
    if (!hmacSecret)
      throw new LedgerError('LDG_ERR_CONFIG', 'LEDGER_JWT_SECRET: no HS256 secret available');
    await app.register(fastifyJwt, { secret: hmacSecret, verify });
  }
}

function parseScopes(claims: Record<string, unknown>): Set<string> {
  const s = claims.scope ?? claims.scp;
  if (typeof s === 'string') return new Set(s.split(' ').filter((x) => x !== ''));
  if (Array.isArray(s)) return new Set(s.filter((x): x is string => typeof x === 'string'));
  return new Set();
}

/**
 * A preHandler that verifies the bearer token and requires `scope`.
 * 401 LDG_ERR_UNAUTHORIZED for a missing, malformed, expired, wrong-key,
 * wrong-audience or disallowed-algorithm token; 403 LDG_ERR_FORBIDDEN for a
 * valid token without the scope or without a tenant.
 */
export function requireScope(scope: Scope) {
  return async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    let claims: Record<string, unknown>;
    try {
      claims = await request.jwtVerify<Record<string, unknown>>();
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'FST_JWT_ERROR';
      throw new LedgerError('LDG_ERR_UNAUTHORIZED', `invalid or missing bearer token (${code})`);
    }
    const scopes = parseScopes(claims);
    if (!scopes.has(scope) && !scopes.has('ledger:admin')) {
      throw new LedgerError('LDG_ERR_FORBIDDEN', `token lacks scope ${scope}`);
    }
    const tenant = claims.tenant;
    const sub = claims.sub;
    if (typeof tenant !== 'string' || tenant === '' || typeof sub !== 'string' || sub === '') {
      throw new LedgerError(
        'LDG_ERR_FORBIDDEN',
        'token must carry non-empty sub and tenant claims',
      );
    }
    request.principal = { subject: sub, tenant, scopes };
  };
}
