// Runs the bundled CLI (dist/cli.js, built by `npm test` before the unit tests) as a user would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEEDS } from './helpers';

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('analyze --jsonl answers one line per input with exact offsets, and survives bad lines', () => {
  const texts = ['Vladimir Putin visited Pyongyang in June 2024.', 'Line two:\r\n😀 Kim Jong Un said North Korea sent 5 million shells.'];
  const input = [...texts.map((text, i) => JSON.stringify({ id: `d${i}`, text })), 'not json', JSON.stringify({ id: 'x' })].join('\n');
  const r = cli(['analyze', '--jsonl'], input);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 4);
  texts.forEach((text, i) => {
    assert.equal(lines[i].id, `d${i}`);
    assert.ok(lines[i].entities.length > 1);
    for (const m of lines[i].entities) assert.equal(text.slice(m.start, m.end), m.text);
    for (const c of lines[i].claims) assert.equal(text.slice(c.start, c.end), c.text);
  });
  assert.equal(lines[3].id, 'x');
  assert.match(lines[3].error, /text/);
  assert.match(r.stderr, /line 3: not valid JSON/);
  assert.equal(r.code, 1);
});

test('analyze --jsonl gives the same lines, in input order, on one thread and on several', () => {
  const lines = Array.from({ length: 150 }, (_, i) => JSON.stringify({ id: `n${i}`, text: `Document ${i}: Vladimir Putin met Kim Jong Un in Pyongyang on June ${(i % 28) + 1}, 2024, and ${i} shells were sent.` }));
  const input = [...lines.slice(0, 70), 'broken', ...lines.slice(70)].join('\n');
  const run = (threads: string) => spawnSync(process.execPath, ['dist/cli.js', 'analyze', '--jsonl'], { input, encoding: 'utf8', env: { ...process.env, DOSSIER_THREADS: threads } });
  const one = run('1');
  const three = run('3');
  assert.equal(one.status, 1, 'the broken line makes the exit code non-zero');
  assert.equal(three.status, 1);
  assert.equal(three.stdout, one.stdout);
  const ids = one.stdout.trim().split('\n').map((l) => JSON.parse(l).id);
  assert.deepEqual(ids, [...lines.slice(0, 70).map((_, i) => `n${i}`), null, ...lines.slice(70).map((_, i) => `n${i + 70}`)]);
  assert.match(three.stderr, /line 71: not valid JSON/);
});

test('analyze --json FILES prints the corpus with cross-document entities', () => {
  const r = cli(['analyze', '--json', ...SEEDS]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.documents.map((d: { path: string }) => d.path), SEEDS);
  const putin = out.entities.find((e: { name: string }) => e.name === 'Vladimir Putin');
  assert.equal(putin.documents.length, 2);
  for (const g of out.claimGroups) assert.ok(['agree', 'conflict', 'related'].includes(g.relation) && g.reason);
});

test('the readable report names the shared entities', () => {
  const r = cli(['analyze', ...SEEDS]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Vladimir Putin \(person\) — \d+ mentions in 2 documents/);
});

test('bad arguments, missing and binary files give a clear message, a non-zero exit and no stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-cli-'));
  const binary = join(dir, 'fake.md');
  writeFileSync(binary, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]));
  const invalid = join(dir, 'latin1.txt');
  writeFileSync(invalid, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff]));
  const cases: [string[], RegExp][] = [
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['analyze'], /no files given/],
    [['analyze', '--bogus', 'x'], /unknown option '--bogus'/],
    [['analyze', join(dir, 'missing.txt')], /missing\.txt: no such file/],
    [['analyze', binary], /fake\.md: binary content/],
    [['analyze', invalid], /latin1\.txt: not valid UTF-8/],
    [['analyze', dir], /is a directory/],
  ];
  try {
    for (const [args, message] of cases) {
      const r = cli(args);
      assert.notEqual(r.code, 0, args.join(' '));
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'stack trace printed');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a reader that stops early (| head) ends the CLI quietly', async () => {
  const child = spawn(process.execPath, ['dist/cli.js', 'analyze', '--json', ...SEEDS, ...SEEDS, ...SEEDS]);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, stderr);
  assert.doesNotMatch(stderr, /EPIPE|\n\s+at /);
});

test('one very long line (1 MB, no sentence breaks) is analysed with exact offsets', () => {
  const unit = 'Vladimir Putin met Kim Jong Un in Pyongyang and the Russian leader promised 5 million shells ; ';
  const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
  const r = spawnSync(process.execPath, ['dist/cli.js', 'analyze', '--jsonl'], { input: JSON.stringify({ id: 'long', text }), encoding: 'utf8', maxBuffer: 1 << 30 });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(out.entities.length > 40_000, `${out.entities.length} mentions`);
  for (const m of out.entities.slice(-100)) assert.equal(text.slice(m.start, m.end), m.text);
});

test('analyze --json --annotations applies the corrections file, and refuses a malformed one with a message', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-cli-annotations-'));
  try {
    const doc = join(dir, 'a.txt');
    const text = 'Angela Merkel met Emmanuel Macron in Berlin. Russia has supplied nearly five million artillery shells, officials said.';
    writeFileSync(doc, text);
    const probe = JSON.parse(cli(['analyze', '--json', doc]).stdout);
    const claim = probe.documents[0].claims.find((c: { score: number }) => c.score >= 0.5);
    assert.ok(claim, 'the text has a check-worthy claim');
    const annotations = join(dir, 'annotations.json');
    writeFileSync(annotations, JSON.stringify({
      version: 1,
      entities: [{ type: 'person', name: 'Angela Merkel', rename: 'Dr. Angela Merkel' }],
      claims: [{ document: doc.replace(/\\/g, '/'), quote: claim.text, status: 'false', note: 'The ministry says three million.' }],
    }));
    const r = cli(['analyze', '--json', '--annotations', annotations, doc]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.ok(out.entities.some((e: { name: string }) => e.name === 'Dr. Angela Merkel'));
    const marked = out.documents[0].claims.find((c: { text: string }) => c.text === claim.text);
    assert.equal(marked.status, 'false');
    assert.equal(marked.note, 'The ministry says three million.');
    const readable = cli(['analyze', '--annotations', annotations, doc]);
    assert.match(readable.stdout, /\{false: The ministry says three million\.\}/);

    writeFileSync(annotations, JSON.stringify({ version: 1, entities: [{ type: 'person', name: 'X', rename: 'Y', run: 'rm -rf /' }] }));
    const bad = cli(['analyze', '--json', '--annotations', annotations, doc]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not a Dossier annotations file: \$\.entities\[0\]: unknown field "run"/);
    assert.equal(bad.stdout, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
