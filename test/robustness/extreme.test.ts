// Bad and extreme input in the core and the CLI: each must finish without a crash, with exact offsets, within
// a hang bound (HANG_MS, generous on purpose: these are not speed tests; `npm run bench` measures speed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText } from '../../src/core/analyze';
import { decodeDocument } from '../../src/core/text/decode';
import { contractViolations, HANG_MS, readSeeds, runGuarded } from './support';

const [news, oped] = readSeeds().map((s) => s.replace(/\r\n/g, '\n'));

/** Analyses in a worker stopped after HANG_MS; the offset contract must hold. */
async function analyzeGuarded(text: string) {
  const r = await runGuarded('analyze', { text });
  assert.ok(r.ok, `offset contract broken:\n${(r.problems ?? []).join('\n')}`);
  return r as unknown as { sentences: number; entities: number; claims: number };
}

const guard = { timeout: HANG_MS + 10_000 };

test('empty and blank texts give an empty analysis', () => {
  for (const text of ['', ' ', '\n', '\r\n\r\n', '\t \u00a0\u3000\ufeff', '\u200b']) {
    const a = analyzeText(text);
    assert.deepEqual(contractViolations(text, a), []);
    assert.equal(a.entities.length, 0, JSON.stringify(text));
    assert.equal(a.claims.length, 0, JSON.stringify(text));
  }
});

test('a single 5 MB line of article text', guard, async () => {
  const line = news.replace(/\s+/g, ' ');
  const text = line.repeat(Math.ceil(5_000_000 / line.length)).slice(0, 5_000_000);
  const r = await analyzeGuarded(text);
  assert.ok(r.entities > 10_000 && r.claims > 1_000, `${r.entities} mentions, ${r.claims} claims`);
});

test('a single 5 MB word, and 5 MB of digits', guard, async () => {
  await analyzeGuarded('a'.repeat(5_000_000));
  await analyzeGuarded('7'.repeat(5_000_000));
});

test('100,000 short lines', guard, async () => {
  const words = ['Putin', 'met', 'Kim.', 'Shells', 'sent', '5 million', 'June 2024.', 'ok'];
  const text = Array.from({ length: 100_000 }, (_, i) => `${words[i % words.length]} ${words[(i * 7) % words.length]}`).join('\n');
  const r = await analyzeGuarded(text);
  assert.ok(r.sentences > 10_000);
});

test('long runs of one unit (300,000 characters each) stay linear enough to finish', guard, async () => {
  // Quadratic work on a run this long takes minutes (the quadratic segmenter took 14 s on 115,000 periods):
  // past the hang bound. Linear takes well under a second.
  for (const unit of ['. ', '!x', 'A. ', 'U.S.', '1,', '\r', ' \n', 'e\u0301😀', 'Mr. ', 'Kim Jong Un said, ', '\ud800']) {
    await analyzeGuarded(unit.repeat(Math.ceil(300_000 / unit.length)));
  }
});

test('mixed CRLF, LF and CR line endings keep offsets exact and find the same names as LF', () => {
  const lines = news.split('\n');
  const endings = ['\r\n', '\n', '\r\n', '\n', '\r'];
  const mixed = lines.map((l, i) => l + (i < lines.length - 1 ? endings[i % endings.length] : '')).join('');
  const a = analyzeText(mixed);
  assert.deepEqual(contractViolations(mixed, a), []);
  const lf = analyzeText(mixed.replace(/\r\n?/g, '\n'));
  assert.deepEqual(
    a.entities.map((m) => m.text),
    lf.entities.map((m) => m.text),
  );
});

test('emoji, combining marks, right-to-left and CJK text around the names keep offsets exact', () => {
  const decorations = [
    (t: string) => t.replace(/Putin/g, 'Putin 🇷🇺👍🏽').replace(/\n\n/g, '\n\n👩‍👩‍👧‍👦 '),
    (t: string) => t.replace(/e/g, 'e\u0301').replace(/a/g, 'a\u0308\u0323'),
    (t: string) => t.replace(/\n\n/g, '\n\nהנשיא הרוסי אמר כי 5 מיליון פגזים נשלחו. \u202bمرحبا\u202c\n\n'),
    (t: string) => t.replace(/\n\n/g, '\n\n普京与金正恩在平壤会面。朝鲜将提供500万发炮弹。\n\n'),
    (t: string) => t.replace(/ /g, '\u200b ').replace(/\./g, '.\u200f'),
  ];
  for (const [k, decorate] of decorations.entries()) {
    for (const seed of [news, oped]) {
      const text = decorate(seed);
      const a = analyzeText(text);
      assert.deepEqual(contractViolations(text, a), [], `decoration ${k}`);
      if (k !== 1 && k !== 4) assert.ok(a.entities.some((m) => m.text.includes('Putin')), `decoration ${k}: Putin still found`);
    }
  }
});

test('NUL and other control characters in the text are data: no crash, exact offsets', () => {
  const text = news.replace(/ /g, (_, i: number) => (i % 7 === 0 ? '\u0000' : i % 11 === 0 ? '\u0007\u001b[31m' : ' '));
  const a = analyzeText(text);
  assert.deepEqual(contractViolations(text, a), []);
});

test('decodeDocument: text is decoded, a BOM dropped, binary and invalid UTF-8 refused with a reason', () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  assert.deepEqual(decodeDocument(new Uint8Array(0)), { ok: true, text: '' });
  assert.deepEqual(decodeDocument(bytes(0xef, 0xbb, 0xbf)), { ok: true, text: '' });
  assert.deepEqual(decodeDocument(new TextEncoder().encode('\ufeffKim 😀 e\u0301 普京')), { ok: true, text: 'Kim 😀 e\u0301 普京' });
  const refused: [string, Uint8Array, RegExp][] = [
    ['PNG header', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d), /binary/],
    ['UTF-16 with BOM', new Uint8Array(Buffer.from('\ufeffPutin', 'utf16le')), /binary/],
    ['NUL in text', new TextEncoder().encode('Putin\u0000Kim'), /binary/],
    ['NUL after 1 MB of text', new TextEncoder().encode(`${'Putin met Kim. '.repeat(70_000)}\u0000`), /binary/],
    ['Latin-1', bytes(0x63, 0x61, 0x66, 0xe9), /UTF-8/],
    ['lone 0xff', bytes(0x41, 0xff, 0x42), /UTF-8/],
    ['truncated sequence at the end', bytes(0x41, 0xe2, 0x82), /UTF-8/],
    ['overlong NUL', bytes(0x41, 0xc0, 0x80), /UTF-8/],
    ['encoded surrogate', bytes(0x41, 0xed, 0xa0, 0x80), /UTF-8/],
    ['beyond U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), /UTF-8/],
    ['PDF', new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n1 0 obj\n')])), /UTF-8/],
  ];
  for (const [name, input, reason] of refused) {
    const d = decodeDocument(input);
    assert.equal(d.ok, false, name);
    if (!d.ok) assert.match(d.reason, reason, name);
  }
  // A megabyte of noise: refused, whatever the first NUL's place.
  let x = 12345;
  const noise = Uint8Array.from({ length: 1 << 20 }, () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 24));
  assert.equal(decodeDocument(noise).ok, false);
});

// The CLI, run as a user would (dist/cli.js is built by `npm test` before this stage).
function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { input, encoding: 'utf8', timeout: HANG_MS, maxBuffer: 1 << 30 });
  assert.equal(r.error, undefined, `dossier ${args.join(' ')}: ${r.error?.message} (hang?)`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('CLI: bad files are named with a reason and skipped, the good ones analysed, exit code 1', guard, () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-robust-'));
  try {
    const files = {
      empty: join(dir, 'empty.txt'),
      binary: join(dir, 'scan.pdf.md'),
      latin1: join(dir, 'latin1.txt'),
      big: join(dir, 'big.txt'),
      good: join(dir, 'good.md'),
      crlf: join(dir, 'crlf.txt'),
    };
    writeFileSync(files.empty, '');
    writeFileSync(files.binary, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x0a, 0x00, 0x00, 0xff]));
    writeFileSync(files.latin1, Buffer.from('Le pr\xe9sident Putin', 'latin1'));
    writeFileSync(files.big, 'Putin '.repeat(5000));
    writeFileSync(files.good, news);
    const crlf = news.replace(/\n/g, (_, i: number) => (i % 3 ? '\r\n' : '\n'));
    writeFileSync(files.crlf, crlf);
    const r = cli(['analyze', '--json', '--max-size', '20000', files.empty, files.binary, files.latin1, files.big, join(dir, 'missing.txt'), files.good, files.crlf]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /scan\.pdf\.md: binary content/);
    assert.match(r.stderr, /latin1\.txt: not valid UTF-8/);
    assert.match(r.stderr, /big\.txt: larger than 20000 bytes/);
    assert.match(r.stderr, /missing\.txt: no such file/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    const out = JSON.parse(r.stdout) as { documents: { path: string; entities: { start: number; end: number; text: string }[] }[] };
    assert.deepEqual(
      out.documents.map((d) => d.path),
      [files.empty, files.good, files.crlf],
    );
    const crlfDoc = out.documents[2];
    assert.ok(crlfDoc.entities.length > 20);
    for (const m of crlfDoc.entities) assert.equal(crlf.slice(m.start, m.end), m.text);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI: an empty file alone is analysed (nothing found), exit code 0; the usage documents the exit codes', guard, () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-robust-'));
  try {
    const empty = join(dir, 'empty.md');
    writeFileSync(empty, '');
    const r = cli(['analyze', empty]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /0 entities/);
    assert.match(cli(['--help']).stdout, /Exit status: 0 .*; 1 .*skipped.*; 2 bad usage/s);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI: a 5 MB single-line file, with exact offsets', guard, () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-robust-'));
  try {
    const line = `😀 ${oped.replace(/\s+/g, ' ')} `;
    const text = line.repeat(Math.ceil(5_000_000 / line.length));
    const file = join(dir, 'one-line.txt');
    writeFileSync(file, text);
    const r = cli(['analyze', '--json', file]);
    assert.equal(r.code, 0, r.stderr);
    const doc = (JSON.parse(r.stdout) as { documents: { entities: { start: number; end: number; text: string }[] }[] }).documents[0];
    assert.ok(doc.entities.length > 10_000);
    for (const m of [...doc.entities.slice(0, 200), ...doc.entities.slice(-200)]) assert.equal(text.slice(m.start, m.end), m.text);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('CLI --jsonl: 100,000 short lines, with hostile ones among them, one answer each in order', guard, () => {
  const texts = Array.from({ length: 100_000 }, (_, i) => (i % 1000 === 0 ? '\u0000\ud800 [x](command:evil) <img onerror=1>' : `Line ${i}: Putin met Kim.`));
  const lines = texts.map((text, i) => (i % 25_000 === 1 ? '{"id": broken' : JSON.stringify({ id: i, text })));
  const r = cli(['analyze', '--jsonl'], lines.join('\n'));
  assert.equal(r.code, 1, 'the broken lines make the exit code 1');
  const out = r.stdout.trimEnd().split('\n');
  assert.equal(out.length, texts.length);
  for (const i of [1, 25_001, ...Array.from({ length: 101 }, (_, k) => k * 990)]) {
    const o = JSON.parse(out[i]) as { id: number | null; error?: string; entities: { start: number; end: number; text: string }[] };
    if (i % 25_000 === 1) assert.ok(o.error);
    else {
      assert.equal(o.id, i);
      for (const m of o.entities) assert.equal(texts[i].slice(m.start, m.end), m.text);
    }
  }
  assert.equal((r.stderr.match(/not valid JSON/g) ?? []).length, 4);
});
