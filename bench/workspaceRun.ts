// A workspace of articles indexed as the editor indexes it: every document analysed, the names the workspace
// labels given back to each document (second pass), entities linked and claims grouped; then one document
// edited and the index brought up to date. Times in milliseconds; peak memory of the whole process.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { analyzeText, reanalyzeWithNames } from '../src/core/analyze';
import { LabelMemo } from '../src/core/labelMemo';
import { Corpus } from '../src/core/corpus/corpus';
import { mayFindKnownNames } from '../src/core/corpus/workspaceNames';

export interface WorkspaceRun {
  articles: number;
  mb: number;
  firstPassMs: number;
  /**
   * Only the articles that hold a name the workspace knows where they have no mention are analysed again, from
   * their first labels; of those, only the ones the names give another mention are put into the index again.
   */
  secondPassMs: number;
  reanalysed: number;
  linkMs: number;
  entities: number;
  claimGroups: number;
  /** One article edited: reanalysed with the workspace's names, entities relinked and claims regrouped. */
  changeMs: number;
  /** Of which the analysis of the article, and the relinking of entities. */
  analyseMs: number;
  relinkMs: number;
  peakRssMb: number;
}

export function indexWorkspace(file: string): WorkspaceRun {
  const texts = readFileSync(file, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { text: string }).text);
  const corpus = new Corpus();
  // As the editor's analysis worker does: a scan's second pass reuses the first pass's labels.
  const labelMemo = new LabelMemo();
  let t0 = performance.now();
  texts.forEach((text, i) => corpus.set(`doc${i}`, analyzeText(text, { labelMemo })));
  const firstPassMs = performance.now() - t0;
  t0 = performance.now();
  const knownNames = corpus.knownNames();
  corpus.relink();
  let reanalysed = 0;
  texts.forEach((text, i) => {
    const first = corpus.documentMentions(`doc${i}`);
    if (!first || !mayFindKnownNames(text, first, knownNames)) return;
    // As the extension's worker does: the analysis stays when the names change none of the mentions it holds.
    const again = reanalyzeWithNames(text, { knownNames, labelMemo, baseline: first });
    if (!again) return;
    reanalysed++;
    corpus.set(`doc${i}`, again);
  });
  const secondPassMs = performance.now() - t0;
  t0 = performance.now();
  const entities = corpus.entities().length;
  // Counted, not listed: the extension's views ask for the groups of a claim or a document.
  const claimGroups = corpus.claimGroupCount();
  const linkMs = performance.now() - t0;

  const edited = `${texts[0]}\nThe ministry said on Monday that 1,200 people had been evacuated.`;
  t0 = performance.now();
  const analysis = analyzeText(edited, { knownNames });
  const analyseMs = performance.now() - t0;
  corpus.set('doc0', analysis);
  corpus.entities();
  const relinkMs = performance.now() - t0 - analyseMs;
  corpus.conflicts('doc0');
  const changeMs = performance.now() - t0;
  const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
  return { articles: texts.length, mb, firstPassMs, secondPassMs, reanalysed, linkMs, entities, claimGroups, changeMs, analyseMs, relinkMs, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}
