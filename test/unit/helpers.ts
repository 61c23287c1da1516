import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentAnalysis } from '../../src/core/types';
import assert from 'node:assert/strict';

export const SEEDS = ['seeds/putin-kim-visit-oped.txt', 'seeds/putin-kim-visit-news.txt'];

export function readSeed(path: string): string {
  return readFileSync(join(process.cwd(), path), 'utf8');
}

/** Every span the analysis reports slices the text exactly to its `text`. */
export function assertSpansExact(text: string, a: DocumentAnalysis): number {
  let checked = 0;
  const check = (s: { start: number; end: number; text: string }, what: string) => {
    assert.ok(s.start >= 0 && s.end <= text.length && s.start < s.end, `${what} [${s.start},${s.end}) out of range`);
    assert.equal(text.slice(s.start, s.end), s.text, `${what} at ${s.start} does not slice the text`);
    checked++;
  };
  for (const m of a.entities) check(m, `${m.type} mention`);
  for (const c of a.claims) {
    check(c, 'claim');
    if (c.source) check(c.source, 'source');
    if (c.cue) check(c.cue, 'cue');
    if (c.originalSource) check(c.originalSource, 'original source');
    for (const h of c.hedges) check(h, 'hedge');
    for (const b of c.boosters) check(b, 'booster');
    for (const v of c.values) check(v, 'value');
  }
  return checked;
}
