/**
 * Walks test/vectors/merkle (transparency-dev/merkle testdata, Apache-2.0,
 * see LICENSE there) and checks every probe: a probe with wantErr must be
 * rejected, any other accepted. All failures are reported together.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { isLedgerError } from '../../ledger/errors.js';
import { verifyConsistency, verifyInclusion } from '../../ledger/merkle/index.js';

const root = fileURLToPath(new URL('../vectors/merkle/', import.meta.url));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsonFiles(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

function b64(value: unknown): Uint8Array {
  return new Uint8Array(Buffer.from(typeof value === 'string' ? value : '', 'base64'));
}

function proofOf(value: unknown): Uint8Array[] {
  // Go's nil proof (JSON null) is the empty proof
  return Array.isArray(value) ? value.map(b64) : [];
}

interface Outcome {
  readonly rejected: boolean;
  readonly code?: string;
}

function run(check: () => void): Outcome {
  try {
    check();
    return { rejected: false };
  } catch (err) {
    // anything but a LedgerError is a crash, not a rejection
    if (!isLedgerError(err)) throw err;
    return { rejected: true, code: err.code };
  }
}

function probe(kind: string, v: Record<string, unknown>): Outcome {
  if (kind === 'inclusion') {
    return run(() =>
      verifyInclusion(
        v.leafIdx as number,
        v.treeSize as number,
        b64(v.leafHash),
        proofOf(v.proof),
        b64(v.root),
      ),
    );
  }
  return run(() =>
    verifyConsistency(
      v.size1 as number,
      v.size2 as number,
      proofOf(v.proof),
      b64(v.root1),
      b64(v.root2),
    ),
  );
}

void t.test('every merkle vector probe gets the expected verdict', (t) => {
  const files = jsonFiles(root).sort();
  const failures: string[] = [];
  const counts = { inclusion: 0, consistency: 0, accepted: 0, rejected: 0 };
  const codes = new Set<string>();
  for (const file of files) {
    const name = relative(root, file);
    const kind = name.split(/[\\/]/)[0] as 'inclusion' | 'consistency';
    const v = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    counts[kind]++;
    const outcome = probe(kind, v);
    if (outcome.code !== undefined) codes.add(outcome.code);
    counts[outcome.rejected ? 'rejected' : 'accepted']++;
    if (outcome.rejected !== v.wantErr) {
      failures.push(
        `${name} (${String(v.desc)}): wantErr ${String(v.wantErr)}, got ${outcome.code ?? 'accepted'}`,
      );
    }
  }
  t.same(failures, [], 'no probe got the wrong verdict');
  t.equal(files.length, 196, 'all 196 probes were found');
  t.ok(counts.inclusion > 0 && counts.consistency > 0, 'both kinds of probe ran');
  t.ok(counts.accepted >= 10, 'happy paths were accepted');
  t.same(
    [...codes].sort(),
    ['LDG_ERR_PROOF_INVALID', 'LDG_ERR_PROOF_MALFORMED'],
    'rejections carry only the proof codes',
  );
  t.end();
});

void t.test('the vector folder keeps its licence and provenance', (t) => {
  t.match(readFileSync(join(root, 'LICENSE'), 'utf8'), /Apache License/);
  t.match(readFileSync(join(root, 'README.md'), 'utf8'), /transparency-dev\/merkle/);
  t.end();
});
