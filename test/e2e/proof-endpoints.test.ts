/**
 * The read-only log endpoints of a real ledger on a loopback port, checked by
 * an independent path (test/support/sequencer-reference.ts: the naive RFC
 * 9162 tree over the stored entries, the RFC's verification algorithms, and
 * signed-note checks with node:crypto), not by the ledger's own verifier; and
 * the CLI's `verify` and `verify-log --url` against the same server.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { generateNoteKey } from '../../ledger/checkpoint/signed-note.js';
import { mintToken } from '../../services/auth.js';
import type { Scope } from '../../services/auth.js';
import { encodeLedgerEntry } from '../../ledger/events/index.js';
import type { StoredEvent } from '../../ledger/store/event-store.js';
import {
  encodeBatch,
  makeEvents,
  postEvents,
  readAllEvents,
  startTestLedger,
  tempDir,
} from '../support/ledger-server.js';
import { checkpointSizesIn, runCli, verifierKeyOf } from '../support/sequencer-cli.js';
import {
  referenceLeafHash,
  referenceOpenCheckpoint,
  referenceTile,
  referenceTreeOf,
  rfcVerifyConsistency,
  rfcVerifyInclusion,
} from '../support/sequencer-reference.js';

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

void t.test('proof endpoints', async (t) => {
  // the archiver stays idle: a bundle_archived event appended mid-test would be a
  // new leaf, and the next checkpoint would replace the one the proofs are checked against
  const l = await startTestLedger(t, {
    LEDGER_CHECKPOINT_INTERVAL_MS: '50',
    LEDGER_ARCHIVE_POLL_MS: '600000',
  });
  const token = (sub: string, tenant: string, scopes: readonly Scope[]): string =>
    mintToken({
      secret: l.secret,
      subject: sub,
      tenant,
      scopes,
      audience: 'audit-ledger',
      ttlSeconds: 600,
    });
  const vkey = verifierKeyOf(l.dataDir);

  // three batches, each acknowledged only once a signed checkpoint covers it
  const batches: [string, string, number][] = [
    ['gw-a', 'acme', 300],
    ['gw-g', 'globex', 200],
    ['gw-a', 'acme', 150],
  ];
  const acked: { event_id: string; position: number; leaf_index?: number }[] = [];
  for (const [i, [gw, tenant, n]] of batches.entries()) {
    const res = await postEvents(
      l.url,
      token(gw, tenant, ['ledger:write']),
      encodeBatch(makeEvents(gw, tenant, n, 100 + i)),
      'application/x-protobuf',
      '?wait=checkpoint',
    );
    t.equal(res.status, 200, `batch ${i} accepted`);
    const results = res.body.results ?? [];
    t.ok(
      results.every((r) => r.leaf_index === r.position),
      `batch ${i}: every result has its leaf index (= position in the SQLite store)`,
    );
    const note = await (await fetch(`${l.url}/checkpoint`)).text();
    const covering = Math.max(...results.map((r) => r.leaf_index ?? Infinity));
    t.ok(
      referenceOpenCheckpoint(note, vkey).size > covering,
      `batch ${i}: a signed checkpoint covers it`,
    );
    acked.push(...results);
  }

  const checkpointResponse = await fetch(`${l.url}/checkpoint`);
  t.match(checkpointResponse.headers.get('content-type'), /^text\/plain/);
  const latest = referenceOpenCheckpoint(await checkpointResponse.text(), vkey);
  t.ok(latest.signedByKey, '/checkpoint is signed by the ledger key (checked with node:crypto)');
  const stored = (await readAllEvents(l.store)).slice(0, latest.size);
  const ref = referenceTreeOf(stored);
  t.equal(
    b64(latest.rootHash),
    b64(ref.root(latest.size)),
    'its root is the reference root of the stored entries',
  );

  await t.test('hash tiles byte-match tiles recomputed from the reference tree', async (t) => {
    const size = latest.size;
    for (let level = 0; 256 ** level <= size; level++) {
      const count = Math.floor(size / 256 ** level);
      for (let index = 0; index * 256 < count; index++) {
        const width = Math.min(256, count - index * 256);
        const path = `tile/${level}/${String(index).padStart(3, '0')}${width < 256 ? `.p/${width}` : ''}`;
        const res = await fetch(`${l.url}/${path}`);
        t.equal(res.status, 200, path);
        t.equal(res.headers.get('content-type'), 'application/octet-stream');
        t.match(res.headers.get('cache-control'), /immutable/);
        const body = new Uint8Array(await res.arrayBuffer());
        t.equal(
          b64(body),
          b64(referenceTile(ref, level, index, width)),
          `${path} equals the reference tile`,
        );
      }
    }
    const narrower = new Uint8Array(await (await fetch(`${l.url}/tile/0/000.p/7`)).arrayBuffer());
    t.equal(b64(narrower), b64(referenceTile(ref, 0, 0, 7)), 'a narrower partial tile is a prefix');
    for (const bad of [
      'tile/0/1',
      'tile/0/000.p/0',
      'tile/0/000.p/256',
      'tile/64/000',
      'tile/x/000',
    ]) {
      const res = await fetch(`${l.url}/${bad}`);
      t.equal(res.status, 400, `${bad}: 400`);
      t.equal(
        ((await res.json()) as { error: { code: string } }).error.code,
        'LDG_ERR_BAD_REQUEST',
      );
    }
    const missing = await fetch(`${l.url}/tile/0/999`);
    t.equal(missing.status, 404);
  });

  await t.test(
    'entry bundles need ledger:verify and hold exactly the stored entries',
    async (t) => {
      t.equal((await fetch(`${l.url}/tile/entries/000`)).status, 401, 'no token: 401');
      const auditor = { authorization: `Bearer ${token('alice', 'acme', ['ledger:read'])}` };
      t.equal(
        (await fetch(`${l.url}/tile/entries/000`, { headers: auditor })).status,
        403,
        'auditor: 403',
      );
      const verifier = { authorization: `Bearer ${token('v', 'acme', ['ledger:verify'])}` };
      const width = latest.size - 256;
      const res = await fetch(`${l.url}/tile/entries/001${width < 256 ? `.p/${width}` : ''}`, {
        headers: verifier,
      });
      t.equal(res.status, 200);
      const bundle = new Uint8Array(await res.arrayBuffer());
      const entries: Uint8Array[] = [];
      for (let at = 0; at < bundle.length;) {
        const n = ((bundle[at] as number) << 8) | (bundle[at + 1] as number);
        entries.push(bundle.subarray(at + 2, at + 2 + n));
        at += 2 + n;
      }
      t.equal(entries.length, Math.min(256, width));
      const mismatched = entries.findIndex((entry, k) => {
        const s = stored[256 + k] as StoredEvent;
        const want = encodeLedgerEntry({
          event: s.data,
          recordedAtMs: s.recordedAt,
          position: s.position,
          leafIndex: 256 + k,
        });
        return b64(entry) !== b64(want);
      });
      t.equal(mismatched, -1, 'each entry is the LedgerEntry of its stored event');
      t.equal((await fetch(`${l.url}/tile/entries/999`, { headers: verifier })).status, 404);
    },
  );

  /** A tlog-proof split by hand (not with the ledger's parser). */
  const readProof = (
    text: string,
  ): { extra: Uint8Array; index: number; hashes: Uint8Array[]; note: string } => {
    const blank = text.indexOf('\n\n');
    const lines = text.slice(0, blank).split('\n');
    t.equal(lines[0], 'c2sp.org/tlog-proof@v1');
    t.match(lines[1], /^extra /);
    t.match(lines[2], /^index \d+$/);
    return {
      extra: new Uint8Array(Buffer.from((lines[1] as string).slice(6), 'base64')),
      index: Number((lines[2] as string).slice(6)),
      hashes: lines.slice(3).map((h) => new Uint8Array(Buffer.from(h, 'base64'))),
      note: text.slice(blank + 2),
    };
  };

  await t.test(
    'inclusion proofs verify with the RFC algorithm against the signed root',
    async (t) => {
      const auditorOf = (tenant: string): Record<string, string> => ({
        authorization: `Bearer ${token('auditor', tenant, ['ledger:read'])}`,
      });
      const picks = [0, 1, 255, 256, 299, 300, 420, latest.size - 1]
        .map((i) => stored[i] as StoredEvent)
        .filter((s) => s.tenantId !== 'ledger');
      for (const s of picks) {
        const res = await fetch(`${l.url}/v1/proofs/inclusion?event_id=${s.eventId}`, {
          headers: auditorOf(s.tenantId),
        });
        t.equal(res.status, 200, `proof for position ${s.position}`);
        const proof = readProof(await res.text());
        const cp = referenceOpenCheckpoint(proof.note, vkey);
        t.ok(cp.signedByKey && cp.size === latest.size, 'against the latest signed checkpoint');
        t.equal(proof.index, s.position, 'leaf index');
        const entry = encodeLedgerEntry({
          event: s.data,
          recordedAtMs: s.recordedAt,
          position: s.position,
          leafIndex: s.position,
        });
        t.equal(b64(proof.extra), b64(entry), 'the extra line carries the leaf data');
        t.same(
          proof.hashes.map(b64),
          ref.inclusionPath(proof.index, cp.size).map(b64),
          'the reference audit path',
        );
        t.ok(
          rfcVerifyInclusion(
            proof.index,
            cp.size,
            referenceLeafHash(entry),
            proof.hashes,
            cp.rootHash,
          ),
          'RFC 9162 §2.1.3.2 verifies it',
        );
      }
      // against an older checkpoint recorded in the log
      const older = checkpointSizesIn(await readAllEvents(l.store))[0] as number;
      const first = stored[5] as StoredEvent;
      const res = await fetch(
        `${l.url}/v1/proofs/inclusion?event_id=${first.eventId}&tree_size=${older}`,
        {
          headers: auditorOf('acme'),
        },
      );
      t.equal(res.status, 200);
      const proof = readProof(await res.text());
      const cp = referenceOpenCheckpoint(proof.note, vkey);
      t.equal(cp.size, older);
      t.ok(
        rfcVerifyInclusion(5, older, referenceLeafHash(proof.extra), proof.hashes, cp.rootHash),
        'verifies at the older size',
      );

      const json = await fetch(
        `${l.url}/v1/proofs/inclusion?event_id=${first.eventId}&format=json`,
        { headers: auditorOf('acme') },
      );
      const body = (await json.json()) as {
        leaf_index: number;
        tree_size: number;
        proof: string;
        entry: string;
        event: { event_id?: string; eventId?: string };
      };
      t.equal(body.leaf_index, 5);
      t.equal(body.tree_size, latest.size);
      t.equal(body.entry, b64(readProof(body.proof).extra));
      t.equal(body.event.event_id ?? body.event.eventId, first.eventId);

      const late = stored.find((s) => s.position >= older && s.tenantId === 'acme') as StoredEvent;
      const globexEvent = stored.find((s) => s.tenantId === 'globex') as StoredEvent;
      const other = await fetch(`${l.url}/v1/proofs/inclusion?event_id=${globexEvent.eventId}`, {
        headers: auditorOf('acme'),
      });
      t.equal(other.status, 404, "another tenant's event is not found");
      const cases: [string, number, string, string?][] = [
        ['event_id=0190a000-0000-7000-8000-000000000000', 404, 'LDG_ERR_NOT_FOUND'],
        ['', 400, 'LDG_ERR_VALIDATION', 'event_id'],
        ['event_id=NOT-A-UUID', 400, 'LDG_ERR_VALIDATION', 'event_id'],
        [`event_id=${first.eventId}&tree_size=abc`, 400, 'LDG_ERR_VALIDATION', 'tree_size'],
        [`event_id=${late.eventId}&tree_size=${older}`, 400, 'LDG_ERR_BAD_REQUEST'],
        [`event_id=${first.eventId}&tree_size=3`, 404, 'LDG_ERR_NOT_FOUND'],
        [`event_id=${first.eventId}&tree_size=1000000`, 404, 'LDG_ERR_NOT_FOUND'],
        [`event_id=${first.eventId}&format=xml`, 400, 'LDG_ERR_VALIDATION', 'format'],
      ];
      for (const [query, status, code, path] of cases) {
        const r = await fetch(`${l.url}/v1/proofs/inclusion?${query}`, {
          headers: auditorOf('acme'),
        });
        const e = (
          (await r.json()) as {
            error: { code: string; message: string; issues?: { path: string }[] };
          }
        ).error;
        t.equal(r.status, status, `${query}: ${status}`);
        t.equal(e.code, code, `${query}: ${code}`);
        if (path !== undefined) t.equal(e.issues?.[0]?.path, path, `${query}: names ${path}`);
      }
      t.equal(
        (await fetch(`${l.url}/v1/proofs/inclusion?event_id=${first.eventId}`)).status,
        401,
        'no token: 401',
      );
    },
  );

  await t.test(
    'consistency proofs verify with the RFC algorithm between signed roots',
    async (t) => {
      const sizes = checkpointSizesIn(await readAllEvents(l.store)).filter((s) => s <= latest.size);
      const pairs: [number, number][] = [
        [sizes[0] as number, latest.size],
        [sizes[0] as number, sizes[1] as number],
        [1, latest.size],
        [256, latest.size],
        [latest.size, latest.size],
      ];
      for (const [from, to] of pairs) {
        const res = await fetch(`${l.url}/v1/proofs/consistency?from=${from}&to=${to}`);
        t.equal(res.status, 200, `${from} → ${to}`);
        const body = (await res.json()) as {
          from: number;
          to: number;
          proof: string[];
          to_checkpoint?: string;
        };
        const hashes = body.proof.map((h) => new Uint8Array(Buffer.from(h, 'base64')));
        t.same(
          body.proof,
          ref.consistency(from, to).map(b64),
          `${from} → ${to}: the reference proof`,
        );
        t.ok(
          rfcVerifyConsistency(from, to, hashes, ref.root(from), ref.root(to)),
          `${from} → ${to}: RFC 9162 §2.1.4.2 verifies it`,
        );
      }
      const signed = (await (
        await fetch(`${l.url}/v1/proofs/consistency?from=${sizes[0]}&to=${latest.size}`)
      ).json()) as { to_checkpoint?: string };
      t.ok(
        signed.to_checkpoint !== undefined &&
          referenceOpenCheckpoint(signed.to_checkpoint, vkey).signedByKey,
        'the signed checkpoints come along',
      );
      for (const [query, name] of [
        ['from=0&to=5', 'from'],
        ['from=5&to=4', 'to'],
        [`from=1&to=${latest.size + 1000}`, 'to'],
        ['to=5', 'from'],
        ['from=1&to=x', 'to'],
      ]) {
        const r = await fetch(`${l.url}/v1/proofs/consistency?${query}`);
        const e = ((await r.json()) as { error: { message: string; issues?: { path: string }[] } })
          .error;
        t.equal(r.status, 400, `${query}: 400`);
        t.ok(
          e.issues?.[0]?.path === name || e.message.startsWith(`${name}:`),
          `${query}: names ${name}`,
        );
      }
    },
  );

  await t.test('`verify PROOF_FILE` accepts a real proof and refuses tampered ones', async (t) => {
    const dir = tempDir();
    const s = stored[42] as StoredEvent;
    const headers = { authorization: `Bearer ${token('auditor', s.tenantId, ['ledger:read'])}` };
    const text = await (
      await fetch(`${l.url}/v1/proofs/inclusion?event_id=${s.eventId}`, { headers })
    ).text();
    const file = join(dir, 'event.tlog-proof');
    writeFileSync(file, text);
    const ok = await runCli(['verify', file, '--key', vkey]);
    t.equal(ok.code, 0, ok.stderr);
    t.match(
      ok.stdout,
      new RegExp(`OK: event ${s.eventId} \\(tenant ${s.tenantId}, .*\\) is leaf 42 of `),
    );
    const keyFile = join(dir, 'ledger.vkey');
    writeFileSync(keyFile, `${vkey}\n`);
    t.equal(
      (await runCli(['verify', file, '--key', keyFile])).code,
      0,
      'the key can come from a file',
    );

    const jsonFile = join(dir, 'event.json');
    writeFileSync(
      jsonFile,
      await (
        await fetch(`${l.url}/v1/proofs/inclusion?event_id=${s.eventId}&format=json`, { headers })
      ).text(),
    );
    t.equal(
      (await runCli(['verify', jsonFile, '--key', vkey])).code,
      0,
      'the JSON form verifies too',
    );

    const lines = text.split('\n');
    const flip = (line: string): string => `${line[0] === 'A' ? 'B' : 'A'}${line.slice(1)}`;
    const tampered: [string, string, RegExp][] = [
      [
        'a proof hash changed',
        [...lines.slice(0, 3), flip(lines[3] as string), ...lines.slice(4)].join('\n'),
        /LDG_ERR_PROOF_INVALID/,
      ],
      [
        'the entry changed',
        text.replace(/^extra (.*)$/m, (_m, e: string) => {
          const entry = Buffer.from(e, 'base64');
          entry.writeUInt8(entry.readUInt8(entry.length - 20) ^ 1, entry.length - 20);
          return `extra ${entry.toString('base64')}`;
        }),
        /LDG_ERR_PROOF_INVALID/,
      ],
      [
        'another index',
        text.replace(/^index 42$/m, 'index 43'),
        /LDG_ERR_PROOF_(INVALID|MALFORMED)/,
      ],
      [
        'the checkpoint root changed',
        text.replace(b64(latest.rootHash), b64(ref.root(1))),
        /LDG_ERR_SIGNATURE_INVALID/,
      ],
    ];
    for (const [name, content, code] of tampered) {
      const f = join(dir, `${name.replaceAll(' ', '-')}.tlog-proof`);
      writeFileSync(f, content);
      const run = await runCli(['verify', f, '--key', vkey]);
      t.equal(run.code, 1, `${name}: refused`);
      t.match(run.stderr, code, `${name}: ${code.source}`);
    }
    const wrongKey = await runCli([
      'verify',
      file,
      '--key',
      generateNoteKey('other.example/log').verifierKey,
    ]);
    t.equal(wrongKey.code, 1, 'another key: refused');
    t.match(wrongKey.stderr, /LDG_ERR_SIGNATURE_INVALID/);
    const badKey = await runCli(['verify', file, '--key', 'not-a-key']);
    t.equal(badKey.code, 2, 'a malformed key is a usage error');
    const noFile = await runCli(['verify', join(dir, 'missing'), '--key', vkey]);
    t.equal(noFile.code, 2, 'a missing file is a usage error');
  });

  await t.test('`verify-log --url` recomputes the live log', async (t) => {
    const run = await runCli([
      'verify-log',
      '--url',
      l.url,
      '--token',
      token('v', 'acme', ['ledger:verify']),
      '--key',
      vkey,
    ]);
    t.equal(run.code, 0, run.stderr);
    t.match(run.stdout, /verify-log: OK: .* at size \d+/);
    const denied = await runCli(['verify-log', '--url', l.url, '--key', vkey]);
    t.equal(denied.code, 1, 'without a verifier token the entries cannot be read');
    t.match(denied.stderr, /LDG_ERR_UNAUTHORIZED/);
  });

  await t.test('metrics', async (t) => {
    const metrics = await (await fetch(`${l.url}/metrics`)).text();
    t.match(metrics, /ledger_sequencer_tree_size \d+/);
    t.match(metrics, /ledger_sequencer_lag_events 0/);
    t.match(metrics, /ledger_sequencer_duplicates_skipped 0/);
    t.match(metrics, /ledger_sequencer_checkpoints_signed [1-9]/);
    t.match(metrics, /ledger_sequencer_checkpoint_size [1-9]/);
  });
  t.equal(acked.length, 650);
});
