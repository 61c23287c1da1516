import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project root: the nearest ancestor of this (bundled) file with Dossier's package.json. */
export function projectRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'dossier') {
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`no Dossier package.json above ${__dirname}`);
  }
}
