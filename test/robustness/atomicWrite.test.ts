// The annotations file survives a writer killed in mid-write: what is left is the old file or the new one,
// complete, never a half-written one (the write goes to a temporary file renamed over the target).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAnnotations } from '../../src/core/curation/annotations';
import { CLAIMS_PER_WRITE } from './annotationWriter.worker';

test('a writer killed at random moments leaves a complete annotations file every time', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-atomic-'));
  const file = join(dir, '.dossier', 'annotations.json');
  let seed = 20240619;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  try {
    for (let round = 0; round < 12; round++) {
      const child = spawn(process.execPath, [join(__dirname, 'annotationWriter.worker.js'), file], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DOSSIER_WRITER: '1' } });
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`the writer exited (${code}) before it was ready`)));
      });
      // Kill it somewhere in its stream of writes.
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(rand() * 250)));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      if (!existsSync(file)) continue;
      const text = readFileSync(file, 'utf8');
      const parsed = parseAnnotations(text);
      assert.ok(parsed.ok, `round ${round}: the file is not a whole annotations file (${text.length} characters): ${parsed.ok ? '' : parsed.errors.slice(0, 2).join('; ')}`);
      assert.equal(parsed.annotations.claims.length, CLAIMS_PER_WRITE, `round ${round}: a partial file`);
      // All its claims come from one write.
      assert.equal(new Set(parsed.annotations.claims.map((c) => c.note)).size, 1, `round ${round}: two writes mixed`);
    }
    assert.ok(existsSync(file), 'the writer never completed a write in 12 rounds');
    // Temporary files of killed writes may be left beside it; they are never read as annotations.
    for (const name of readdirSync(join(dir, '.dossier'))) assert.ok(name === 'annotations.json' || /^\.annotations\..*\.tmp$/.test(name), name);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
