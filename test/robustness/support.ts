// Shared by the robustness tests: the offset contract as a list of violations (so a fuzz run can report
// every broken rule of one input at once), the seeds and budgets taken from the environment, a small
// deterministic random generator, and a runner that does a task in a worker thread and stops it on a hang.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentAnalysis } from '../../src/core/types';

/** Generous bound for one extreme input: a hang guard, never a speed target (a slow CI machine still passes). */
export const HANG_MS = 60_000;

/** Seed of the property and fuzz runs: DOSSIER_FUZZ_SEED, else a fixed one so CI is deterministic. */
export function fuzzSeed(): number {
  const raw = process.env.DOSSIER_FUZZ_SEED;
  if (raw === undefined || raw === '') return 20240619;
  const seed = Number(raw);
  if (!Number.isInteger(seed)) throw new Error(`DOSSIER_FUZZ_SEED must be an integer, not "${raw}"`);
  return seed | 0;
}

/** Time budget of the fuzz test: DOSSIER_FUZZ_MS, else 12 s (the property tests add a few more). */
export function fuzzBudgetMs(): number {
  const raw = process.env.DOSSIER_FUZZ_MS;
  if (raw === undefined || raw === '') return 12_000;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms <= 0) throw new Error(`DOSSIER_FUZZ_MS must be a positive number, not "${raw}"`);
  return ms;
}

/** Whether a longer run was asked for: property tests then run for a share of the budget instead of a fixed count. */
export function longRun(): boolean {
  return Boolean(process.env.DOSSIER_FUZZ_MS);
}

/** mulberry32: tiny, fast and the same on every machine, so a seed replays a fuzz case exactly. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of case `index` of a run: each case replays alone from (seed, index). */
export function caseSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) | 0;
}

export const SEED_FILES = ['seeds/putin-kim-visit-news.txt', 'seeds/putin-kim-visit-oped.txt'];

export function readSeeds(): string[] {
  return SEED_FILES.map((f) => readFileSync(join(process.cwd(), f), 'utf8'));
}

interface AnySpan {
  start: number;
  end: number;
  text?: string;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Whether offset i falls between the two halves of a surrogate pair. */
export function splitsPair(text: string, i: number): boolean {
  return i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));
}

/**
 * Every rule of the offset contract the analysis breaks, as messages (empty: all kept). Spans of every kind,
 * sentences in order and apart, and the cross-references between mentions, entities and claims.
 */
export function contractViolations(text: string, a: DocumentAnalysis): string[] {
  const problems: string[] = [];
  const check = (s: AnySpan | undefined, what: string) => {
    if (!s) return;
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= text.length)) {
      problems.push(`${what} [${s.start},${s.end}) out of range 0..${text.length}`);
      return;
    }
    if (s.text !== undefined && text.slice(s.start, s.end) !== s.text) problems.push(`${what} [${s.start},${s.end}) slices ${JSON.stringify(text.slice(s.start, s.end))}, not ${JSON.stringify(s.text)}`);
    if (splitsPair(text, s.start)) problems.push(`${what} starts inside a surrogate pair at ${s.start}`);
    if (splitsPair(text, s.end)) problems.push(`${what} ends inside a surrogate pair at ${s.end}`);
  };
  if (a.length !== text.length) problems.push(`length ${a.length} is not the text's ${text.length}`);
  a.sentences.forEach((s, i) => {
    check(s, `sentence ${i}`);
    const prev = a.sentences[i - 1];
    if (prev && prev.end > s.start) problems.push(`sentence ${i} [${s.start},${s.end}) overlaps or precedes sentence ${i - 1} [${prev.start},${prev.end})`);
  });
  const keys = new Set(a.documentEntities.map((e) => e.key));
  a.entities.forEach((m, i) => {
    check(m, `${m.type} mention ${i}`);
    if (!keys.has(m.entity)) problems.push(`mention ${i} names entity ${JSON.stringify(m.entity)}, which the document does not have`);
  });
  for (const e of a.documentEntities) {
    for (const k of e.mentions) if (a.entities[k]?.entity !== e.key) problems.push(`entity ${e.key} lists mention ${k}, which is not its own`);
  }
  a.references.forEach((r, i) => {
    check(r, `reference ${i}`);
    if (!keys.has(r.entity)) problems.push(`reference ${i} names a missing entity ${JSON.stringify(r.entity)}`);
  });
  (a.nameDescriptions ?? []).forEach((d, i) => check(d, `name description ${i}`));
  a.claims.forEach((c, i) => {
    const what = `claim ${i}`;
    check(c, what);
    check(c.source, `${what} source`);
    check(c.cue, `${what} cue`);
    check(c.originalSource, `${what} original source`);
    c.hedges.forEach((h, k) => check(h, `${what} hedge ${k}`));
    c.boosters.forEach((b, k) => check(b, `${what} booster ${k}`));
    c.values.forEach((v, k) => check(v, `${what} value ${k}`));
    if (!(c.score >= 0 && c.score <= 1)) problems.push(`${what} score ${c.score} outside [0,1]`);
    for (const key of c.entities) if (!keys.has(key)) problems.push(`${what} names a missing entity ${JSON.stringify(key)}`);
  });
  return problems;
}

/** A text short enough to print in a failure message, with its escapes visible. */
export function preview(text: string, max = 300): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text);
}

/** Tasks the worker (analysis.worker.ts) knows; see there. */
export type TaskName = 'analyze' | 'parseAnnotations' | 'fuzz';

export interface TaskResult {
  ok: boolean;
  /** Contract violations or the error thrown, when not ok. */
  problems?: string[];
  [key: string]: unknown;
}

/**
 * Runs a task in a worker thread and stops the thread if it has not answered within `timeoutMs`: a sync
 * loop in the engine cannot be interrupted from its own thread, only by terminating the thread that runs it.
 * `onProgress` receives the worker's progress notes (the fuzz case it is on), so a hang names its input.
 */
export function runGuarded(task: TaskName, payload: unknown, timeoutMs = HANG_MS, onProgress?: (note: unknown) => void): Promise<TaskResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'analysis.worker.js'), { workerData: { task, payload } });
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(() => settle(() => reject(new Error(`${task} did not finish within ${timeoutMs / 1000} s (hang?)`))), timeoutMs);
    worker.on('message', (m: { progress?: unknown; result?: TaskResult }) => {
      if (m.progress !== undefined) onProgress?.(m.progress);
      else if (m.result) {
        const result = m.result;
        settle(() => resolve(result));
      }
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`${task} worker exited with code ${code} before answering`))));
  });
}
