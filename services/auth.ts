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
  interface FastifyInstance {
    /** Principals of recently verified bearer tokens (see VerifiedTokens). */
    verifiedTokens: VerifiedTokens;
  }
}

/** Entries of VerifiedTokens and of fast-jwt's own cache. */
const TOKEN_CACHE_SIZE = 10_000;
/** How long a verified token is reused without verifying it again (fast-jwt's default cacheTTL). */
const TOKEN_CACHE_TTL_MS = 600_000;

interface VerifiedToken {
  readonly principal: Principal;
  /** Unix ms: usable from (`nbf`) ... */
  readonly from: number;
  /** ... until (`exp`, or the cache TTL, whichever is first), inclusive as in fast-jwt's cache. */
  readonly until: number;
}

/**
 * The principals of bearer tokens that passed the full verification (signature,
 * algorithm, audience, issuer, required claims, `nbf`, `exp`), keyed by the
 * whole Authorization header. A gateway sends the same token with every
 * request; a hit skips the decoding, hashing and verifying for the token's
 * remaining life (bounded by TOKEN_CACHE_TTL_MS, as fast-jwt's cache is), so
 * an expired token is refused exactly as before. Only successes are kept;
 * one cache per app, since apps may trust different keys.
 */
export class VerifiedTokens {
  readonly #entries = new Map<string, VerifiedToken>();

  get(header: string, now: number): Principal | undefined {
    const hit = this.#entries.get(header);
    if (hit === undefined) return undefined;
    if (now >= hit.from && now <= hit.until) return hit.principal;
    this.#entries.delete(header);
    return undefined;
  }

  set(header: string, principal: Principal, claims: Record<string, unknown>, now: number): void {
    const exp = claims.exp;
    const nbf = claims.nbf;
    // requiredClaims has exp: a token without a numeric exp never gets here; be safe anyway
    if (typeof exp !== 'number') return;
    const until = Math.min(exp * 1000, now + TOKEN_CACHE_TTL_MS);
    const from = typeof nbf === 'number' ? nbf * 1000 : 0;
    if (this.#entries.size >= TOKEN_CACHE_SIZE) {
      // the oldest insertion goes first (Map keeps insertion order)
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    this.#entries.set(header, { principal, from, until });
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
    cache: TOKEN_CACHE_SIZE,
    cacheTTL: TOKEN_CACHE_TTL_MS,
  };
  app.decorate('verifiedTokens', new VerifiedTokens());
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

/** The scope check of a principal from VerifiedTokens (its sub and tenant were checked when cached). */
function requireScopeOf(principal: Principal, scope: Scope): Principal {
  if (!principal.scopes.has(scope) && !principal.scopes.has('ledger:admin')) {
    throw new LedgerError('LDG_ERR_FORBIDDEN', `token lacks scope ${scope}`);
  }
  return principal;
}

/**
 * A preHandler that verifies the bearer token and requires `scope`.
 * 401 LDG_ERR_UNAUTHORIZED for a missing, malformed, expired, wrong-key,
 * wrong-audience or disallowed-algorithm token; 403 LDG_ERR_FORBIDDEN for a
 * valid token without the scope or without a tenant.
 */
export function requireScope(scope: Scope) {
  return async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const header = request.headers.authorization;
    const cache = request.server.verifiedTokens;
    const cached = typeof header === 'string' ? cache.get(header, Date.now()) : undefined;
    if (cached !== undefined) {
      request.principal = requireScopeOf(cached, scope);
      return;
    }
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
    const principal: Principal = { subject: sub, tenant, scopes };
    if (typeof header === 'string') cache.set(header, principal, claims, Date.now());
    request.principal = principal;
  };
}
