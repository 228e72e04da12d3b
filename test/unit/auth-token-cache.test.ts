import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { VerifiedTokens, mintToken, requireScope } from '../../services/auth.js';
import type { Principal } from '../../services/auth.js';
import type { AuthConfig } from '../../services/config.js';
import { buildHttpShell } from '../../services/http.js';
import { createMetrics } from '../../services/metrics.js';

const principal: Principal = { subject: 'gw', tenant: 'acme', scopes: new Set(['ledger:write']) };

void t.test('a cached token is usable from nbf to exp only', async (t) => {
  const cache = new VerifiedTokens();
  const now = 1_700_000_000_000;
  cache.set('Bearer a', principal, { exp: now / 1000 + 60, nbf: now / 1000 - 1 }, now);
  t.equal(cache.get('Bearer a', now), principal);
  t.equal(cache.get('Bearer a', now + 60_000), principal, 'exp itself is still valid');
  t.equal(cache.get('Bearer a', now + 60_001), undefined, 'after exp');
  t.equal(cache.get('Bearer a', now), undefined, 'an expired entry is dropped');
  cache.set('Bearer b', principal, { exp: now / 1000 + 60, nbf: now / 1000 + 10 }, now);
  t.equal(cache.get('Bearer b', now), undefined, 'before nbf');
  cache.set('Bearer c', principal, { exp: now / 1000 + 60 }, now);
  t.equal(cache.get('Bearer c', now), principal);
  t.equal(cache.get('Bearer d', now), undefined, 'another header is a miss');
});

void t.test('a long-lived token is verified again after the cache TTL', async (t) => {
  const cache = new VerifiedTokens();
  const now = 1_700_000_000_000;
  cache.set('Bearer a', principal, { exp: now / 1000 + 86_400 }, now);
  t.equal(cache.get('Bearer a', now + 600_000), principal);
  t.equal(cache.get('Bearer a', now + 600_001), undefined);
});

void t.test('a token without exp is never cached', async (t) => {
  const cache = new VerifiedTokens();
  cache.set('Bearer a', principal, {}, 0);
  t.equal(cache.get('Bearer a', 0), undefined);
});

void t.test('the cache holds at most 10,000 tokens, dropping the oldest', async (t) => {
  const cache = new VerifiedTokens();
  const now = 1_700_000_000_000;
  const claims = { exp: now / 1000 + 60 };
  for (let i = 0; i <= 10_000; i++) cache.set(`Bearer ${i}`, principal, claims, now);
  t.equal(cache.get('Bearer 0', now), undefined, 'the oldest went');
  t.equal(cache.get('Bearer 1', now), principal);
  t.equal(cache.get('Bearer 10000', now), principal);
});

const auth = (secret: string): AuthConfig => ({
  hmacSecret: secret,
  publicKeyFile: null,
  jwksUrl: null,
  issuer: null,
  audience: 'audit-ledger',
  algorithms: ['HS256'],
});

async function app(secret: string): Promise<FastifyInstance> {
  const a = await buildHttpShell({
    auth: auth(secret),
    hmacSecret: secret,
    metrics: createMetrics(),
    logLevel: 'silent',
  });
  a.get('/w', { preHandler: requireScope('ledger:write') }, (request) =>
    Promise.resolve({ sub: request.principal?.subject, tenant: request.principal?.tenant }),
  );
  a.get('/r', { preHandler: requireScope('ledger:read') }, () => Promise.resolve({}));
  return a;
}

const token = (secret: string, scopes: ('ledger:write' | 'ledger:read')[], ttlSeconds = 600) =>
  mintToken({
    secret,
    subject: 'gw-1',
    tenant: 'acme',
    scopes,
    audience: 'audit-ledger',
    ttlSeconds,
  });

void t.test('each app trusts only the tokens it verified itself', async (t) => {
  const a = await app('a'.repeat(40));
  const b = await app('b'.repeat(40));
  t.teardown(() => Promise.all([a.close(), b.close()]));
  const headers = { authorization: `Bearer ${token('a'.repeat(40), ['ledger:write'])}` };
  for (let i = 0; i < 2; i++) {
    const ok = await a.inject({ method: 'GET', url: '/w', headers });
    t.equal(ok.statusCode, 200, `request ${i + 1} on the issuer's app`);
    t.same(ok.json(), { sub: 'gw-1', tenant: 'acme' });
    const refused = await b.inject({ method: 'GET', url: '/w', headers });
    t.equal(refused.statusCode, 401, `request ${i + 1} on an app with another key`);
  }
});

void t.test('a cached token is still checked for the route scope', async (t) => {
  const a = await app('a'.repeat(40));
  t.teardown(() => a.close());
  const headers = { authorization: `Bearer ${token('a'.repeat(40), ['ledger:write'])}` };
  t.equal((await a.inject({ method: 'GET', url: '/w', headers })).statusCode, 200);
  for (let i = 0; i < 2; i++) {
    const r = await a.inject({ method: 'GET', url: '/r', headers });
    t.equal(r.statusCode, 403);
    t.equal(r.json<{ error: { code: string } }>().error.code, 'LDG_ERR_FORBIDDEN');
  }
});

void t.test('a token used before it expired is refused once it has', async (t) => {
  const a = await app('a'.repeat(40));
  t.teardown(() => a.close());
  const headers = { authorization: `Bearer ${token('a'.repeat(40), ['ledger:write'], 1)}` };
  t.equal((await a.inject({ method: 'GET', url: '/w', headers })).statusCode, 200);
  // exp is whole seconds: at most 2 s from now it has passed
  await sleep(2100);
  const r = await a.inject({ method: 'GET', url: '/w', headers });
  t.equal(r.statusCode, 401);
  t.equal(r.json<{ error: { code: string } }>().error.code, 'LDG_ERR_UNAUTHORIZED');
});
