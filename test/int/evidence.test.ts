/**
 * Evidence packages end to end on a real embedded ledger (SQLite store, real
 * sequencer, projections and directory archiver) fed with simulated traffic
 * of two tenants: packages verify offline; every kind of tampering is found
 * and named; a tenant's package never holds another tenant's events; 2013
 * aliases give the same evidence as their 2022 controls; the API builds
 * packages as jobs and every export is recorded as an EvidenceExported event.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { generateNoteKey, parsePrivateKey, signNote } from '../../ledger/checkpoint/signed-note.js';
import { buildEvidencePackage } from '../../ledger/evidence/builder.js';
import { EVIDENCE_PARTS } from '../../ledger/evidence/package.js';
import { parseEvidenceRequest } from '../../ledger/evidence/query.js';
import type { EvidenceQuery } from '../../ledger/evidence/query.js';
import { isEvidencePackage, verifyEvidencePackage } from '../../ledger/evidence/verify.js';
import type { EvidenceVerifyResult } from '../../ledger/evidence/verify.js';
import { decodeAuditEvent } from '../../ledger/events/decode.js';
import { validateEvent } from '../../ledger/events/validate.js';
import { ensureDevSecret, mintToken } from '../../services/auth.js';
import { loadConfig } from '../../services/config.js';
import { registerEvidenceRoutes } from '../../services/evidence/routes.js';
import { buildHttpShell } from '../../services/http.js';
import { createMetrics } from '../../services/metrics.js';
import { readAllEvents } from '../support/ledger-server.js';
import {
  entries,
  lines,
  readParts,
  setEntries,
  setText,
  text,
  writeParts,
} from '../support/evidence-package.js';
import type { Parts } from '../support/evidence-package.js';
import { simulatedEvents, startEvidenceLedger } from '../support/evidence-ledger.js';

const JULY = Date.UTC(2026, 6, 1);
// 3,000 events over the quarter: one every ~44 minutes
const STEP = Math.floor((92 * 86_400_000) / 3000);

void t.test('evidence packages on a real ledger', async (t) => {
  const l = await startEvidenceLedger(t, { archive: true });
  await l.ingest(simulatedEvents('acme', 3000, JULY, STEP, 1));
  await l.ingest(simulatedEvents('globex', 1500, JULY, STEP * 2, 2));
  await l.settle();
  const sealed = await l.archive();
  t.ok(sealed >= 1, 'the archiver sealed a bundle');
  // more traffic after the bundle: the package checkpoint is beyond the bundle's
  await l.ingest(simulatedEvents('acme', 200, JULY + 40 * 86_400_000, 60_000, 3));
  await l.settle();

  const dir = l.dataDir;
  let n = 0;
  const build = async (
    q: EvidenceQuery,
  ): Promise<{ path: string; sha256: string; events: number }> => {
    const path = join(dir, `p${n++}.evidence`);
    const r = await buildEvidencePackage(q, { source: l.source, signer: l.signer, output: path });
    return { path, sha256: r.sha256, events: r.events };
  };
  const verify = (path: string, keys = [l.verifierKey]): Promise<EvidenceVerifyResult> =>
    verifyEvidencePackage(path, { keys });
  const query = (
    controls: string[],
    tenant = 'acme',
    extra: Record<string, string> = {},
  ): EvidenceQuery =>
    parseEvidenceRequest(
      { controls, from: '2026-07-01', to: '2026-09-30', ...extra },
      tenant,
      'auditor@acme.example',
    );

  const main = await build(query(['8.2', '8.3']));
  const good = await verify(main.path);

  void t.test('a package built from simulated traffic verifies', async (t) => {
    t.same(good.problems, []);
    t.equal(good.ok, true);
    t.ok(good.events > 100, `${good.events} events`);
    t.equal(good.eventsVerified, good.events);
    t.equal(good.events, main.events);
    t.ok((good.perControl['8.2'] ?? 0) > 0 && (good.perControl['8.3'] ?? 0) > 0);
    t.ok(good.bundles >= 1, 'consistency proofs to archived bundles');
    t.equal(await isEvidencePackage(main.path), true);
    t.equal(await isEvidencePackage(new Uint8Array(2048)), false);
  });

  void t.test(
    'the package is a plain tar: system tar lists and extracts it, hashes match',
    async (t) => {
      const out = mkdtempSync(join(tmpdir(), 'evidence-tar-'));
      t.teardown(() => rmSync(out, { recursive: true, force: true }));
      const listed = execFileSync('tar', ['-tf', main.path], { encoding: 'utf8' })
        .trim()
        .split('\n');
      t.same(listed, [...EVIDENCE_PARTS]);
      execFileSync('tar', ['-xf', main.path, '-C', out]);
      const manifest = text(await readParts(main.path), 'manifest.note');
      for (const m of manifest.matchAll(/^part (\S+) ([0-9a-f]{64}) (\d+)$/gm)) {
        const bytes = readFileSync(join(out, m[1] as string));
        t.equal(createHash('sha256').update(bytes).digest('hex'), m[2], `${m[1]} hash`);
        t.equal(bytes.length, Number(m[3]));
      }
    },
  );

  void t.test('a period without events gives an empty package that verifies', async (t) => {
    const pkg = await build(
      parseEvidenceRequest(
        { controls: ['8.2'], from: '2020-01-01', to: '2020-01-31' },
        'acme',
        'auditor',
      ),
    );
    t.equal(pkg.events, 0);
    const r = await verify(pkg.path);
    t.equal(r.ok, true);
    t.equal(r.events, 0);
  });

  void t.test(
    '8.3 holds exactly the blocked and masked events of the tenant in the period',
    async (t) => {
      const pkg = await build(query(['8.3']));
      const parts = await readParts(pkg.path);
      const got = lines(parts, 'events.ndjson').map(
        (s) => (JSON.parse(s) as { position: number }).position,
      );
      const stored = await readAllEvents(l.store);
      const toMs = Date.UTC(2026, 9, 1);
      const expected = stored
        .filter(
          (s) =>
            s.tenantId === 'acme' && (s.type === 'command_blocked' || s.type === 'field_masked'),
        )
        .filter((s) => {
          const e = validateEvent(decodeAuditEvent(s.data), 0, { now: s.recordedAt });
          return e.occurredAtMs >= JULY && e.occurredAtMs < toMs;
        })
        .map((s) => s.position);
      t.same(
        [...got].sort((a, b) => a - b),
        expected.sort((a, b) => a - b),
      );
      t.ok(expected.length > 50);
    },
  );

  void t.test("a tenant's package never holds another tenant's events", async (t) => {
    for (const tenant of ['acme', 'globex']) {
      const pkg = await build(query(['8.2', '8.3', '5.15', '8.5'], tenant));
      const parts = await readParts(pkg.path);
      const tenants = new Set(
        lines(parts, 'events.ndjson').map(
          (s) => (JSON.parse(s) as { event: { tenantId: string } }).event.tenantId,
        ),
      );
      t.same([...tenants], [tenant], `${tenant}: only its own events`);
      t.notMatch(text(parts, 'events.csv'), tenant === 'acme' ? /,globex,/ : /,acme,/);
      t.equal((await verify(pkg.path)).ok, true);
    }
  });

  void t.test('filters by user and resource', async (t) => {
    const pkg = await build(query(['5.15'], 'acme', { user: 'u-1001', resource: 'payments-db' }));
    const parts = await readParts(pkg.path);
    const events = lines(parts, 'events.ndjson').map(
      (s) =>
        (
          JSON.parse(s) as {
            event: {
              actor: { subject: string; agent?: { onBehalfOf: { subject: string } } };
              resource: { name: string };
            };
          }
        ).event,
    );
    t.ok(events.length > 0);
    for (const e of events) {
      t.equal(e.resource.name, 'payments-db');
      t.ok(e.actor.subject === 'u-1001' || e.actor.agent?.onBehalfOf.subject === 'u-1001');
    }
    t.equal((await verify(pkg.path)).ok, true);
  });

  void t.test('2013 aliases give the same evidence as their 2022 controls', async (t) => {
    const a = await readParts((await build(query(['8.2', '8.3']))).path);
    const b = await readParts((await build(query(['A.9.2.3', 'A.9.4.1']))).path);
    for (const name of [
      'events.ndjson',
      'entries.bin',
      'inclusion.ndjson',
      'archive.ndjson',
      'checkpoint.note',
      'events.csv',
    ]) {
      t.equal(
        createHash('sha256')
          .update(a.get(name) as Uint8Array)
          .digest('hex'),
        createHash('sha256')
          .update(b.get(name) as Uint8Array)
          .digest('hex'),
        `${name} is the same`,
      );
    }
    t.match(
      text(b, 'manifest.note'),
      /"controls":\["A\.9\.2\.3","A\.9\.4\.1"\],"controls_2022":\["8\.2","8\.3"\]/,
    );
  });

  void t.test('unknown controls are refused, naming each', async (t) => {
    await t.rejects(build(query(['8.2', '9.99', 'A.1.2.3'])), {
      code: 'LDG_ERR_VALIDATION',
      issues: [{ path: 'controls[1]' }, { path: 'controls[2]' }],
    });
  });

  // --- tampering ---------------------------------------------------------
  const original = await readParts(main.path);
  const tamper = async (name: string, edit: (p: Parts) => void): Promise<EvidenceVerifyResult> => {
    const parts: Parts = new Map([...original].map(([k, v]) => [k, v.slice()]));
    edit(parts);
    const path = join(dir, `tampered-${name}.evidence`);
    await writeParts(path, parts);
    const r = await verify(path);
    t.equal(r.ok, false, `${name}: detected`);
    return r;
  };
  const places = (r: EvidenceVerifyResult): string[] => r.problems.map((p) => p.place);
  const k = 5;
  const leafOf = (line: string): number => (JSON.parse(line) as { leaf_index: number }).leaf_index;
  const leafK = leafOf(lines(original, 'events.ndjson')[k] as string);

  void t.test('an event edited is detected and named', async (t) => {
    const r = await tamper('event-edited', (p) => {
      const ls = lines(p, 'events.ndjson');
      ls[k] = (ls[k] as string).replace(/"subject":"([^"]+)"/, '"subject":"someone-else"');
      setText(p, 'events.ndjson', `${ls.join('\n')}\n`);
    });
    t.ok(places(r).includes('part events.ndjson'), 'the part hash');
    const named = r.problems.find((p) => p.place.startsWith(`event ${k} (leaf ${leafK},`));
    t.equal(named?.code, 'LDG_ERR_TAMPERED');
    t.match(named?.message, /JSON differs from the raw entry/);
  });

  void t.test('a raw entry edited is detected and named', async (t) => {
    const r = await tamper('entry-edited', (p) => {
      const list = entries(p);
      const e = list[k] as Uint8Array;
      // flip a byte inside the event's bytes (past the LedgerEntry field header)
      e[20] = (e[20] as number) ^ 0x01;
      setEntries(p, list);
    });
    t.ok(places(r).includes('part entries.bin'));
    t.ok(
      places(r).some((x) => x.startsWith(`event ${k}`)),
      'names the event',
    );
  });

  void t.test('an event removed is detected', async (t) => {
    const r = await tamper('event-removed', (p) => {
      const drop = <T>(xs: T[]): T[] => xs.filter((_, i) => i !== k);
      setText(p, 'events.ndjson', `${drop(lines(p, 'events.ndjson')).join('\n')}\n`);
      setText(p, 'inclusion.ndjson', `${drop(lines(p, 'inclusion.ndjson')).join('\n')}\n`);
      setEntries(p, drop(entries(p)));
    });
    t.ok(places(r).includes('part events.ndjson'));
    t.ok(places(r).includes('part entries.bin'));
    const count = r.problems.find(
      (p) => p.place === 'part events.ndjson' && /the manifest says/.test(p.message),
    );
    t.ok(count, 'the count differs from the manifest');
  });

  void t.test('an event removed from one part only is named', async (t) => {
    const r = await tamper('event-removed-json-only', (p) => {
      setText(p, 'events.ndjson', `${lines(p, 'events.ndjson').slice(0, -1).join('\n')}\n`);
    });
    t.ok(r.problems.some((p) => /events\.ndjson ends early/.test(p.message)));
  });

  void t.test('a proof altered is detected and named', async (t) => {
    const r = await tamper('proof-altered', (p) => {
      const ls = lines(p, 'inclusion.ndjson');
      const proof = JSON.parse(ls[k] as string) as { leaf_index: number; hashes: string[] };
      const h = Buffer.from(proof.hashes[0] as string, 'base64');
      h[0] = (h[0] as number) ^ 0xff;
      proof.hashes[0] = h.toString('base64');
      ls[k] = JSON.stringify(proof);
      setText(p, 'inclusion.ndjson', `${ls.join('\n')}\n`);
    });
    t.ok(places(r).includes('part inclusion.ndjson'));
    const named = r.problems.find((p) => p.place.startsWith(`event ${k} (leaf ${leafK},`));
    t.equal(named?.code, 'LDG_ERR_PROOF_INVALID');
  });

  void t.test('the report edited is detected and named', async (t) => {
    const r = await tamper('report-edited', (p) => {
      setText(
        p,
        'report.html',
        text(p, 'report.html').replace(/id="total-events">\d+/, 'id="total-events">0'),
      );
    });
    t.same(places(r), ['part report.html']);
    t.equal(r.problems[0]?.code, 'LDG_ERR_TAMPERED');
  });

  void t.test('a manifest re-signed with another key is detected', async (t) => {
    const attacker = parsePrivateKey(generateNoteKey('evidence.test/ledger').privateKey);
    const r = await tamper('manifest-resigned', (p) => {
      // edit an event, fix the hashes, sign again with the attacker's key of the same name
      const ls = lines(p, 'events.ndjson');
      ls[k] = (ls[k] as string).replace(/"subject":"([^"]+)"/, '"subject":"someone-else"');
      setText(p, 'events.ndjson', `${ls.join('\n')}\n`);
      const note = text(p, 'manifest.note');
      let body = note.slice(0, note.indexOf('\n\n') + 1);
      const events = p.get('events.ndjson') as Uint8Array;
      body = body.replace(
        /^part events\.ndjson .*$/m,
        `part events.ndjson ${createHash('sha256').update(events).digest('hex')} ${events.length}`,
      );
      setText(p, 'manifest.note', signNote(body, [attacker]));
    });
    t.same(places(r), ['part manifest.note']);
    t.equal(r.problems[0]?.code, 'LDG_ERR_SIGNATURE_INVALID');
  });

  void t.test('a checkpoint swapped is detected', async (t) => {
    const [earlier] = await l.state.checkpoints();
    const r = await tamper('checkpoint-swapped', (p) => {
      setText(p, 'checkpoint.note', (earlier as { note: string }).note);
    });
    const cp = r.problems.filter((p) => p.place === 'part checkpoint.note');
    t.ok(cp.some((p) => /not the checkpoint the manifest names/.test(p.message)));
    t.ok(cp.some((p) => /SHA-256/.test(p.message)));
  });

  void t.test('a package checked with the wrong key fails on its manifest', async (t) => {
    const other = generateNoteKey('evidence.test/ledger').verifierKey;
    const r = await verify(main.path, [other]);
    t.equal(r.ok, false);
    t.same(places(r), ['part manifest.note']);
    t.equal(r.problems[0]?.code, 'LDG_ERR_SIGNATURE_INVALID');
  });

  void t.test('a part added or missing is named', async (t) => {
    const added = await tamper('part-added', (p) => p.set('extra.txt', new Uint8Array([1])));
    t.ok(places(added).includes('part extra.txt'));
    const missing = await tamper('part-missing', (p) => p.delete('events.csv'));
    t.ok(places(missing).includes('part events.csv'));
  });

  void t.test('not a package at all', async (t) => {
    const path = join(dir, 'garbage.evidence');
    writeFileSync(path, 'hello');
    const r = await verify(path);
    t.equal(r.ok, false);
    t.equal(r.problems[0]?.place, 'package');
  });

  void t.test('--check-archive confirms the referenced versions', async (t) => {
    const r = await verifyEvidencePackage(main.path, { keys: [l.verifierKey], archive: l.target! });
    t.equal(r.ok, true);
    t.ok((r.archive ?? []).length >= 1);
    t.ok((r.archive ?? []).every((a) => a.ok));
  });

  // --- API ----------------------------------------------------------------
  void t.test(
    'the API builds a package as a job, tenant-confined, and records EvidenceExported',
    async (t) => {
      const config = loadConfig({
        LEDGER_DATA_DIR: dir,
        LEDGER_PORT: '0',
        LEDGER_LOG_LEVEL: 'silent',
      });
      const secret = ensureDevSecret(dir);
      const app = await buildHttpShell({
        auth: config.auth,
        hmacSecret: secret,
        metrics: createMetrics(),
        logLevel: 'silent',
      });
      const jobs = registerEvidenceRoutes(app, {
        source: l.source,
        signer: l.signer,
        store: l.store,
        dataDir: dir,
      });
      t.teardown(() => app.close());
      const token = (sub: string, tenant: string, scopes: string[] = ['ledger:read']): string =>
        mintToken({
          secret,
          subject: sub,
          tenant,
          scopes: scopes as never,
          audience: config.auth.audience,
          ttlSeconds: 600,
        });
      const auth = (tok: string): Record<string, string> => ({ authorization: `Bearer ${tok}` });
      const body = {
        controls: ['A.9.2.3'],
        from: '2026-07-01',
        to: '2026-09-30',
        tenant: 'globex',
      };

      const noScope = await app.inject({
        method: 'POST',
        url: '/v1/evidence',
        headers: auth(token('gw', 'acme', ['ledger:write'])),
        payload: body,
      });
      t.equal(noScope.statusCode, 403);
      const bad = await app.inject({
        method: 'POST',
        url: '/v1/evidence',
        headers: auth(token('a', 'acme')),
        payload: { controls: [], from: 'x' },
      });
      t.equal(bad.statusCode, 400);
      t.equal(bad.json<{ error: { code: string } }>().error.code, 'LDG_ERR_VALIDATION');

      const posted = await app.inject({
        method: 'POST',
        url: '/v1/evidence',
        headers: auth(token('carol-auditor', 'acme')),
        payload: body,
      });
      t.equal(posted.statusCode, 202);
      const { id } = posted.json<{ id: string }>();
      const other = await app.inject({
        method: 'GET',
        url: `/v1/evidence/${id}`,
        headers: auth(token('x', 'globex')),
      });
      t.equal(other.statusCode, 404, "another tenant's job is not found");
      await jobs.idle();
      const status = await app.inject({
        method: 'GET',
        url: `/v1/evidence/${id}/status`,
        headers: auth(token('carol-auditor', 'acme')),
      });
      const s = status.json<{
        status: string;
        sha256: string;
        events: number;
        query: { tenant: string };
      }>();
      t.equal(s.status, 'done');
      t.equal(s.query.tenant, 'acme', 'the tenant comes from the token, not the body');
      const got = await app.inject({
        method: 'GET',
        url: `/v1/evidence/${id}`,
        headers: auth(token('carol-auditor', 'acme')),
      });
      t.equal(got.statusCode, 200);
      t.equal(got.headers['content-type'], 'application/x-tar');
      const path = join(dir, 'api.evidence');
      writeFileSync(path, got.rawPayload);
      t.equal(createHash('sha256').update(got.rawPayload).digest('hex'), s.sha256);
      const v = await verify(path);
      t.equal(v.ok, true);
      t.equal(v.manifest?.requester, 'carol-auditor');
      t.equal(v.query?.tenant, 'acme');

      // the export is in the log: an EvidenceExported event in acme's tenant
      const stored = await readAllEvents(l.store);
      const exported = stored.filter((e) => e.type === 'evidence_exported');
      const mine = exported
        .map((e) =>
          validateEvent(decodeAuditEvent(e.data), 0, { now: e.recordedAt, allowInternal: true }),
        )
        .find(
          (e) => e.type === 'evidence_exported' && e.evidenceExported.packageSha256 === s.sha256,
        );
      t.ok(mine, 'EvidenceExported written with the package SHA-256');
      if (mine?.type === 'evidence_exported') {
        t.equal(mine.tenantId, 'acme');
        t.equal(mine.evidenceExported.requester, 'carol-auditor');
        t.equal(mine.evidenceExported.eventCount, s.events);
        t.match(mine.evidenceExported.queryJson, /"controls_2022":\["8\.2"\]/);
      }

      // the auditors are audited: a later package for 5.28 (collection of evidence) holds the export
      await l.settle();
      const audit = await build(
        parseEvidenceRequest(
          { controls: ['5.28'], from: '2026-01-01', to: '2027-12-31' },
          'acme',
          'auditor@acme.example',
        ),
      );
      const parts = await readParts(audit.path);
      t.ok(text(parts, 'events.ndjson').includes(s.sha256), 'the 5.28 package lists the export');
      t.equal((await verify(audit.path)).ok, true);
    },
  );
});
