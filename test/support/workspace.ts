// Temp workspace folders holding copies of the seed articles, so tests never touch the repo's seeds/.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SeedWorkspace {
  dir: string;
  files: string[];
  remove(): void;
}

export function createSeedWorkspace(projectRoot: string): SeedWorkspace {
  const parent = mkdtempSync(join(tmpdir(), 'dossier-ws-'));
  // A stable, readable folder name: it shows in the explorer and in screenshots.
  const dir = join(parent, 'dossier-workspace');
  mkdirSync(dir);
  const seeds = join(projectRoot, 'seeds');
  const files = readdirSync(seeds).filter((file) => file.endsWith('.txt')).sort();
  if (files.length === 0) throw new Error(`no seeds/*.txt in ${projectRoot}`);
  for (const file of files) copyFileSync(join(seeds, file), join(dir, file));
  const remove = (): void => {
    process.off('exit', remove);
    rmSync(parent, { recursive: true, force: true });
  };
  // Also on an interrupted run (codeServer.ts turns SIGINT/SIGTERM into an exit).
  process.on('exit', remove);
  return { dir, files, remove };
}
