// A writer to kill: writes .dossier/annotations.json over and over, atomically, each time a complete file of
// about half a megabyte whose claims all carry the number of the write. Run as a child process:
//   DOSSIER_WRITER=1 node out/test/robustness/annotationWriter.worker.js FILE
// (the variable, because the test imports this module too, and must not start writing itself).
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { emptyAnnotations, serializeAnnotations } from '../../src/core/curation/annotations';
import { writeAtomically, type AtomicFileSystem } from '../../src/extension/atomicWrite';

export const CLAIMS_PER_WRITE = 3_000;

const NODE_FS: AtomicFileSystem<string> = {
  createDirectory: async (dir) => void (await mkdir(dir, { recursive: true })),
  writeFile: (file, bytes) => writeFile(file, bytes),
  rename: (from, to) => rename(from, to),
  delete: (file) => rm(file, { force: true }),
  dirname: (file) => dirname(file),
  join: (dir, name) => join(dir, name),
};

/** The text of write number `n`: every claim's note says n. */
export function nthFile(n: number): string {
  const claims = Array.from({ length: CLAIMS_PER_WRITE }, (_, i) => ({
    document: `doc${i % 50}.txt`,
    quote: `Claim number ${i} of a long report, quoted at length so that the file is large.`,
    status: 'disputed' as const,
    note: `write ${n}`,
  }));
  return serializeAnnotations({ ...emptyAnnotations(), claims });
}

async function main(file: string): Promise<void> {
  // Two texts alternate: building one is slower than writing it, and the writer must spend its time writing.
  const texts = [nthFile(1), nthFile(2)];
  process.stdout.write('ready\n');
  for (let n = 0; ; n++) await writeAtomically(NODE_FS, file, texts[n % 2]);
}

if (process.env.DOSSIER_WRITER === '1' && process.argv[2]) void main(process.argv[2]);
