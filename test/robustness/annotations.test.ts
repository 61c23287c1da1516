// A malicious .dossier/annotations.json (from a cloned repository) is refused with a message: it never
// throws, never hangs (each file is parsed in a worker stopped after HANG_MS) and pollutes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_ANNOTATIONS_CHARS, parseAnnotations, serializeAnnotations } from '../../src/core/curation/annotations';
import { HANG_MS, runGuarded } from './support';

const guard = { timeout: HANG_MS + 10_000 };

/** Parsed in a worker: must be refused with at least one short message. */
async function refused(text: string, message?: RegExp): Promise<string[]> {
  const r = await runGuarded('parseAnnotations', { text });
  assert.ok(r.ok, `threw: ${(r.problems ?? []).join('\n')}`);
  assert.equal(r.accepted, false, 'accepted');
  const errors = r.errors as string[];
  assert.ok(errors.length > 0);
  for (const e of errors) assert.ok(e.length < 300, `message of ${e.length} characters: ${e.slice(0, 100)}…`);
  if (message) assert.ok(errors.some((e) => message.test(e)), `no message matches ${message}: ${errors.join('; ')}`);
  return errors;
}

const valid = {
  version: 1,
  entities: [{ type: 'person', name: 'Vladimir Putin', rename: 'V. Putin', split: ['Putin Jr.'] }],
  merges: [{ into: { type: 'person', name: 'Kim Jong Un' }, from: [{ type: 'person', name: 'Kim Jong-un' }] }],
  notEntities: [{ document: 'a.md', text: 'Will', type: 'person' }],
  claims: [{ document: 'a.md', quote: 'Five million shells were sent.', status: 'disputed', note: 'Two sources differ.' }],
};

/** Every object of the valid file, by a path of keys, to inject strangers at every level. */
function objectPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectPaths(v, [...path, i]));
  if (value && typeof value === 'object') return [path, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...path, k]))];
  return [];
}

test('the valid file is accepted (the baseline of the cases below)', () => {
  const r = parseAnnotations(JSON.stringify(valid));
  assert.ok(r.ok, r.ok ? '' : r.errors.join('\n'));
});

test('prototype-pollution keys at every level are refused, and pollute nothing', guard, async () => {
  const paths = objectPaths(valid);
  assert.ok(paths.length >= 7, `${paths.length} objects`);
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    for (const path of paths) {
      // Written as JSON text: JSON.parse makes "__proto__" an own key, as a file on disk would.
      const copy = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
      let target = copy as Record<string | number, unknown>;
      for (const k of path) target = target[k] as Record<string | number, unknown>;
      target.__marker__ = 1;
      const text = JSON.stringify(copy).replace('"__marker__":1', `${JSON.stringify(key)}:{"polluted":true,"isAdmin":true}`);
      const r = parseAnnotations(text);
      assert.equal(r.ok, false, `${key} at $.${path.join('.')} accepted`);
      if (!r.ok) assert.ok(r.errors.some((e) => e.includes('unknown field') && e.includes(key)), r.errors.join('; '));
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype polluted');
      assert.equal(({} as Record<string, unknown>).isAdmin, undefined, 'Object.prototype polluted');
    }
  }
  // And in the worker, once, to be sure nothing hangs on the way.
  await refused('{"version":1,"__proto__":{"polluted":true}}', /unknown field "__proto__"/);
});

test('huge strings are refused by length, wherever they are', guard, async () => {
  const huge = 'A'.repeat(5_000_001);
  await refused(JSON.stringify({ ...valid, entities: [{ type: 'person', name: huge, rename: 'x' }] }), /longer than 5000 characters/);
  await refused(JSON.stringify({ ...valid, claims: [{ document: 'a.md', quote: 'q', status: 'false', note: huge }] }), /longer than 5000 characters/);
  await refused(JSON.stringify({ ...valid, [huge.slice(0, 100_000)]: 1 }), /unknown field/);
  await refused(JSON.stringify({ version: huge }), /is not a version/);
});

test('nesting 10,000 (and 1,000,000) levels deep is refused, not a stack overflow', guard, async () => {
  for (const depth of [10_000, 1_000_000]) {
    const lists = '['.repeat(depth) + ']'.repeat(depth);
    const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    await refused(`{"version":${lists}}`, /not a version/);
    await refused(`{"version":${objects}}`, /not a version/);
    await refused(`{"version":1,"entities":${lists}}`, /expected an object/);
    await refused(`{"version":1,"merges":[{"into":${objects},"from":[]}]}`, /unknown field "a"/);
    // Unbalanced: not JSON at all.
    await refused(`{"version":1,"claims":${'['.repeat(depth)}`, /not valid JSON/);
  }
});

test('a 50 MB file is refused by its size with a message, before parsing', guard, async () => {
  const entry = JSON.stringify({ document: 'a.md', quote: 'Q'.repeat(400), status: 'verified' });
  const count = Math.ceil(50_000_000 / entry.length);
  const text = `{"version":1,"claims":[${Array.from({ length: count }, () => entry).join(',')}]}`;
  assert.ok(text.length > MAX_ANNOTATIONS_CHARS);
  await refused(text, /larger than 10 MB/);
  // Under the size limit, 100,001 entries are refused by count, and the errors stay a list of short messages.
  const many = `{"version":1,"notEntities":[${Array.from({ length: 100_001 }, () => '{"text":"x","type":"person"}').join(',')}]}`;
  await refused(many, /more than 100000 entries/);
});

test('other hostile shapes: wrong types everywhere, control characters, a BOM, not JSON', guard, async () => {
  const cases: [string, RegExp][] = [
    ['', /not valid JSON/],
    ['\u0000\u0001', /not valid JSON/],
    ['null', /expected an object/],
    ['[]', /expected an object/],
    ['{"version":"1"}', /not a version/],
    ['{"version":1,"entities":{}}', /expected a list/],
    ['{"version":1,"entities":[null,1,"x",[]]}', /expected an object/],
    ['{"version":1,"entities":[{"type":"person","name":"Putin\\u0007","rename":"x"}]}', /control characters/],
    ['{"version":1,"entities":[{"type":"alien","name":"x","rename":"y"}]}', /expected one of/],
    ['{"version":1,"claims":[{"document":"a","quote":"q","status":"true"}]}', /expected one of verified/],
    ['{"version":1,"merges":[{"into":{"type":"person","name":"x"},"from":"y"}]}', /expected a list/],
    ['{"version":1,"version":2}', /not a version/],
  ];
  for (const [text, message] of cases) await refused(text, message);
  // A BOM is not an error: editors on Windows write one.
  const base = parseAnnotations(JSON.stringify(valid));
  assert.ok(base.ok);
  assert.ok(parseAnnotations(`\ufeff${serializeAnnotations(base.annotations)}`).ok);
});

test('CLI --annotations: a malicious file stops the run with a message (exit code 2), no stack trace', guard, () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-annotations-'));
  try {
    const cases: [string, string | Buffer, RegExp][] = [
      ['pollution.json', '{"version":1,"__proto__":{"polluted":true}}', /unknown field "__proto__"/],
      ['deep.json', `{"version":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, /not a version/],
      ['binary.json', Buffer.from([0x7b, 0x00, 0xff, 0x7d]), /binary content/],
      ['huge.json', `{"version":1,"claims":[${'"x",'.repeat(3_000_000)}"x"]}`, /larger than 10 MB/],
    ];
    for (const [name, content, message] of cases) {
      const file = join(dir, name);
      writeFileSync(file, content);
      const r = spawnSync(process.execPath, ['dist/cli.js', 'analyze', '--annotations', file, 'seeds/putin-kim-visit-news.txt'], { encoding: 'utf8', timeout: HANG_MS });
      assert.equal(r.error, undefined, `${name}: ${r.error?.message} (hang?)`);
      assert.equal(r.status, 2, `${name}: ${r.stderr}`);
      assert.match(r.stderr, message, name);
      assert.doesNotMatch(r.stderr, /\n\s+at /, `${name}: stack trace`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
