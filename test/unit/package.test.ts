// The packaged extension holds what it needs to run and nothing of the sources (dist/ is built before the
// unit tests run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const vsce = join(process.cwd(), 'node_modules', '@vscode', 'vsce', 'vsce');

test('the .vsix contains the bundles, the worker, the model, the manifest and the walkthrough (media, sample articles), and no sources', () => {
  const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.trim().split('\n').map((f) => f.trim());
  for (const needed of ['package.json', 'README.md', 'dist/extension.js', 'dist/worker.js', 'dist/ner-model.bin', 'dist/cli.js', 'dist/cli-worker.js', 'media/dossier.svg', 'seeds/putin-kim-visit-news.txt', 'seeds/putin-kim-visit-oped.txt', 'media/walkthrough/open-samples.md', 'media/walkthrough/hover.md', 'media/walkthrough/sidebar.md']) {
    assert.ok(files.includes(needed), `${needed} is not packaged (packaged: ${files.join(', ')})`);
  }
  assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('node_modules/') || f.endsWith('.map')), `sources or maps packaged: ${files.join(', ')}`);
});

test('vsce builds the .vsix', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-vsix-'));
  try {
    const out = join(dir, 'dossier.vsix');
    const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr || r.stdout);
    assert.ok(existsSync(out) && statSync(out).size > 100_000);
    // The brief's budget: model and lexicons add at most 8 MB; the whole package stays well under it.
    assert.ok(statSync(out).size < 8_000_000, `package is ${statSync(out).size} bytes`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
