/**
 * The package's HTML report, rendered by a real browser: Debian's chromium,
 * headless, offline (no network, no extensions), dumping the DOM it built
 * from report.html. Checks that the summary renders with the package's own
 * numbers. Fails, naming scripts/chromium-install, when chromium is missing.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import t from 'tap';
import { buildEvidencePackage } from '../../ledger/evidence/builder.js';
import { parseEvidenceRequest } from '../../ledger/evidence/query.js';
import { verifyEvidencePackage } from '../../ledger/evidence/verify.js';
import { lines, readParts } from '../support/evidence-package.js';
import { simulatedEvents, startEvidenceLedger } from '../support/evidence-ledger.js';

function chromiumPath(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function dumpDom(chromium: string, file: string): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'evidence-chromium-'));
  return new Promise<string>((resolve, reject) => {
    execFile(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        '--dump-dom',
        pathToFileURL(file).href,
      ],
      { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        rmSync(profile, { recursive: true, force: true });
        if (error) reject(new Error(`chromium failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

const cell = (dom: string, id: string): string | undefined =>
  new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(dom)?.[1];

void t.test('the HTML report renders its summary in headless chromium', async (t) => {
  const chromium = chromiumPath();
  if (chromium === null) {
    t.fail(
      'chromium is missing: run scripts/chromium-install (installs Debian chromium) and retry',
    );
    return;
  }
  const l = await startEvidenceLedger(t);
  await l.ingest(simulatedEvents('acme', 1500, Date.UTC(2026, 6, 1), 3_000_000, 5));
  await l.settle();
  const path = join(l.dataDir, 'report.evidence');
  const built = await buildEvidencePackage(
    parseEvidenceRequest(
      { controls: ['8.2', 'A.9.4.1'], from: '2026-07-01', to: '2026-09-30' },
      'acme',
      'auditor',
    ),
    { source: l.source, signer: l.signer, output: path },
  );
  const verified = await verifyEvidencePackage(path, { keys: [l.verifierKey] });
  t.equal(verified.ok, true);
  const parts = await readParts(path);
  const html = join(l.dataDir, 'report.html');
  writeFileSync(html, parts.get('report.html') as Uint8Array);
  const dom = await dumpDom(chromium, html);

  t.equal(cell(dom, 'total-events'), String(built.events), 'the event total');
  t.equal(cell(dom, 'tenant'), 'acme');
  for (const control of ['8.2', '8.3']) {
    const row = new RegExp(
      `<tr data-control="${control.replace('.', '\\.')}">.*?<td class="count">(\\d+)</td>`,
    ).exec(dom);
    t.equal(row?.[1], String(verified.perControl[control] ?? 0), `control ${control} count`);
  }
  // the chart: one bar per day with events, summing to the total
  const bars = [...dom.matchAll(/<rect [^>]*data-count="(\d+)"/g)].map((m) => Number(m[1]));
  t.ok(bars.length > 10, `${bars.length} days drawn`);
  t.equal(
    bars.reduce((a, b) => a + b, 0),
    built.events,
  );
  // sessions with their approvals, blocked commands and masking counts
  t.ok(/<tr data-session="sess-/.test(dom), 'sessions listed');
  t.match(dom, /GRANTED|DENIED|PENDING/);
  const events = lines(parts, 'events.ndjson').map(
    (s) =>
      JSON.parse(s) as { event: { commandBlocked?: unknown; fieldMasked?: { count?: number } } },
  );
  t.equal(
    cell(dom, 'blocked-total'),
    String(events.filter((e) => e.event.commandBlocked !== undefined).length),
  );
  t.equal(
    cell(dom, 'masked-values'),
    String(events.reduce((s, e) => s + (e.event.fieldMasked?.count ?? 0), 0)),
  );
});
