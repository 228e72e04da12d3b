/**
 * The ledger's version (package.json `version`), for OCSF metadata.product
 * and the CEF header. Found by walking up from this file, so it works from
 * the sources (tests) and from dist/ alike.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'audit-ledger';
let cached: string | undefined;

/** The `version` of the audit-ledger package.json above this file (`0.0.0` if none is found). */
export function ledgerVersion(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === 'string') {
        cached = pkg.version;
        return cached;
      }
    } catch {
      // no package.json here: keep walking up
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  cached = '0.0.0';
  return cached;
}
