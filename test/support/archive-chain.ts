/**
 * Builds a chain of bundles by hand, with the real sealing code, and lets a
 * test decide where each one is stored: how the tests make archives that are
 * damaged in one precise way (a bundle stored elsewhere, two swapped, a
 * tampered copy) without touching the verifier.
 */
import { prepareBundle, sealBundle } from '../../ledger/archive/bundle.js';
import type { SealedBundle } from '../../ledger/archive/bundle.js';
import type { ArchiveTestLedger } from './archive-ledger.js';

/**
 * Seals `ranges` (contiguous, from 0, each ending at a signed checkpoint of
 * `ledger`) in order; `store` puts each where the test wants and returns the
 * version id the next manifest must name.
 */
export async function buildChain(
  ledger: ArchiveTestLedger,
  prefix: string,
  ranges: readonly (readonly [number, number])[],
  store: (bundle: SealedBundle, index: number) => Promise<string | null>,
): Promise<SealedBundle[]> {
  const out: SealedBundle[] = [];
  let previous: { bundle: SealedBundle; versionId: string | null } | null = null;
  for (const [i, [first, end]] of ranges.entries()) {
    const checkpoint = await ledger.source.checkpointAt(end);
    const prev = first === 0 ? null : await ledger.source.checkpointAt(first);
    if (checkpoint === null || (first > 0 && prev === null)) {
      throw new Error(`no checkpoint at ${first} or ${end}`);
    }
    const prepared = prepareBundle({
      origin: ledger.origin,
      frontier: previous?.bundle.endFrontier ?? [],
      first,
      entries: await ledger.source.entries(first, end),
      checkpoint: checkpoint.note,
      previousCheckpoint: prev?.note ?? null,
      verifiers: [ledger.signer.verifier()],
    });
    const sealed = sealBundle(
      prepared,
      previous === null
        ? null
        : {
            key: previous.bundle.key,
            sha256: previous.bundle.sha256,
            versionId: previous.versionId,
          },
      ledger.signer,
      prefix,
    );
    previous = { bundle: sealed, versionId: await store(sealed, i) };
    out.push(sealed);
  }
  return out;
}

/** A copy of `bytes` with one bit flipped at `offset` from the end (inside the entries part). */
export function tamperedCopy(bytes: Uint8Array, offsetFromEnd = 10): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const at = copy.length - offsetFromEnd;
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}
