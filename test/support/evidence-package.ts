/**
 * Reading and rewriting evidence packages in tests: the parts of a (small)
 * package in memory, and a package file written back from edited parts, as
 * a tamperer would.
 */
import { createWriteStream } from 'node:fs';
import { openPackage, tarTrailer, writeChunk, writeMember } from '../../ledger/evidence/package.js';

/** The parts of a package, in order. */
export type Parts = Map<string, Uint8Array>;

export async function readParts(path: string): Promise<Parts> {
  const pkg = await openPackage(path);
  try {
    const parts: Parts = new Map();
    for (const m of pkg.members) parts.set(m.name, await pkg.readAll(m.name));
    return parts;
  } finally {
    await pkg.close();
  }
}

export async function writeParts(path: string, parts: Parts): Promise<void> {
  const out = createWriteStream(path);
  for (const [name, bytes] of parts) await writeMember(out, name, bytes.length, 0, [bytes]);
  await writeChunk(out, tarTrailer());
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
}

export function text(parts: Parts, name: string): string {
  const bytes = parts.get(name);
  if (bytes === undefined) throw new Error(`no part ${name}`);
  return Buffer.from(bytes).toString('utf8');
}

export function setText(parts: Parts, name: string, value: string): void {
  parts.set(name, new Uint8Array(Buffer.from(value, 'utf8')));
}

/** The lines of an NDJSON part (without the final empty one). */
export function lines(parts: Parts, name: string): string[] {
  return text(parts, name).split('\n').slice(0, -1);
}

/** The framed entries of entries.bin. */
export function entries(parts: Parts): Uint8Array[] {
  const bin = parts.get('entries.bin') as Uint8Array;
  const out: Uint8Array[] = [];
  for (let at = 0; at < bin.length;) {
    const n = ((bin[at] as number) << 8) | (bin[at + 1] as number);
    out.push(bin.slice(at + 2, at + 2 + n));
    at += 2 + n;
  }
  return out;
}

export function setEntries(parts: Parts, list: readonly Uint8Array[]): void {
  const total = list.reduce((s, e) => s + 2 + e.length, 0);
  const bin = new Uint8Array(total);
  let at = 0;
  for (const e of list) {
    bin[at] = e.length >>> 8;
    bin[at + 1] = e.length & 0xff;
    bin.set(e, at + 2);
    at += 2 + e.length;
  }
  parts.set('entries.bin', bin);
}
