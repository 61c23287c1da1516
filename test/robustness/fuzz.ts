// The pipeline fuzzer: each case mutates a seed article (or builds hostile text), analyses it, checks the
// offset contract and the report builders, and feeds the result to a Corpus between random deletes, renames,
// relinks and curations, checking the cross-document views after each step. Case i is built from
// caseSeed(seed, i) alone, so one failing case replays on its own.
import { analyzeText } from '../../src/core/analyze';
import { ChunkedAnalyzer } from '../../src/core/chunked';
import { Corpus } from '../../src/core/corpus/corpus';
import { emptyAnnotations, normalizeAnnotations, type Annotations } from '../../src/core/curation/annotations';
import { Curation } from '../../src/core/curation/curate';
import { analysisJsonLine, corpusJson, corpusMarkdown, escapeMarkdown } from '../../src/core/report';
import { decodeDocument } from '../../src/core/text/decode';
import { ENTITY_TYPES, type DocumentAnalysis } from '../../src/core/types';
import { caseSeed, contractViolations, preview, random } from './support';

type Rng = () => number;

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, list: readonly T[]): T => list[int(rng, list.length)];

/** Hostile pieces: markup and links a hover or report must not interpret, invisible and direction marks, odd breaks. */
const INJECTIONS = [
  '[x](command:workbench.action.terminal.new)',
  '[click](command:dossier.openLocation?%5B%22file%3A%2F%2F%2Fetc%2Fpasswd%22%5D)',
  '<img src=x onerror=alert(1)>',
  '<script>alert("Putin")</script>',
  '```js\nrequire("child_process").exec("rm -rf /")\n```',
  '`Kim Jong Un`',
  '# Vladimir Putin\n',
  '| Putin | 5 million |\n|---|---|\n',
  '**North Korea** _said_ ~~no~~',
  '![img](https://example.invalid/x.png)',
  '<a href="javascript:alert(1)">Kim</a>',
  '&lt;b&gt;&#x27;',
  '\u202eRTL override\u202c',
  '\u200d\u200c\u200b\ufeff',
  '\u0000',
  '\r',
  '\u2028\u2029',
  '\ud800',
  '\udfff',
  'e\u0301\u0302\u0303\u0304',
  '👩‍👩‍👧‍👦🇰🇵🇷🇺',
  'מוסקבה אמרה ש-5 מיליון',
  '普京说朝鲜将提供500万发炮弹。',
  '"Putin," said Kim. "No."',
  'U.S. Mr. Dr. St. e.g. i.e. a.m.',
  'https://example.invalid/a?b=c&d=[e](f) user@example.invalid',
  '$1,000,000,000.00 45% 3bn 1990s 5th',
  'June 31, 2024 0000-00-00 2024-13-45',
];

/** Units that are repeated many times: runs of them stress every loop that walks tokens or sentences. */
const REPEATS = ['Putin said ', '.', '. ', 'A. ', 'U.S.', '1,000,', 'Mr. ', '"', '\n', '\r\n', 'Kim Jong Un ', 'the Russian leader ', '😀', 'e\u0301', '((((', 'said, citing ', 'nearly ', 'x'];

const ALPHABET = ['a', 'Z', ' ', '.', ',', '"', '\n', '\r', '\t', '0', '9', '-', "'", '’', '😀', '\ud83d', '\ude00', 'é', '\u0301', 'Ж', '中', 'ש', '\u0000', '\u0007', '\u00a0', '\u3000', 'Putin', 'Korea', 'said'];

/** A case's text, and what was done to make it (for the failure report). */
export function makeCase(seeds: readonly string[], seed: number): { text: string; steps: string[]; bytes?: Uint8Array } {
  const rng = random(seed);
  const steps: string[] = [];
  let text: string;
  const base = rng();
  if (base < 0.6) {
    const k = int(rng, seeds.length);
    text = seeds[k];
    steps.push(`seed ${k}`);
  } else if (base < 0.8) {
    // Paragraphs of both seeds, shuffled together.
    const paragraphs = seeds.flatMap((s) => s.split(/\n\s*\n/));
    text = Array.from({ length: 1 + int(rng, 12) }, () => pick(rng, paragraphs)).join(pick(rng, ['\n\n', '\r\n\r\n', '\n', ' ']));
    steps.push('mixed paragraphs');
  } else {
    text = Array.from({ length: int(rng, 400) }, () => pick(rng, ALPHABET)).join('');
    steps.push('random alphabet');
  }
  let bytes: Uint8Array | undefined;
  const mutations = int(rng, 6);
  for (let m = 0; m < mutations; m++) {
    const r = rng();
    const at = () => int(rng, text.length + 1);
    if (r < 0.15) {
      // Bit flips in the UTF-8 bytes: what a damaged file looks like; decoded leniently afterwards.
      const b = new TextEncoder().encode(text);
      const flips = 1 + int(rng, 8);
      for (let f = 0; f < flips && b.length; f++) b[int(rng, b.length)] ^= 1 << int(rng, 8);
      bytes = b;
      text = new TextDecoder('utf-8').decode(b);
      steps.push(`${flips} bit flips`);
    } else if (r < 0.3) {
      const a = at();
      const len = int(rng, 400);
      const c = at();
      const piece = text.slice(a, a + len);
      text = text.slice(0, c) + piece + text.slice(c);
      steps.push(`duplicate [${a},+${len}) at ${c}`);
    } else if (r < 0.45) {
      const a = at();
      const len = int(rng, 400);
      text = text.slice(0, a) + text.slice(a + len);
      steps.push(`delete [${a},+${len})`);
    } else if (r < 0.65) {
      const piece = pick(rng, INJECTIONS);
      const c = at();
      text = text.slice(0, c) + piece + text.slice(c);
      steps.push(`inject ${preview(piece, 40)} at ${c}`);
    } else if (r < 0.72) {
      // A long run; capped so a case stays well under a second.
      const unit = rng() < 0.5 ? pick(rng, REPEATS) : text.slice(at()).slice(0, 1 + int(rng, 60)) || 'x';
      const times = Math.min(1 + int(rng, 20_000), Math.floor(200_000 / unit.length));
      const c = at();
      text = text.slice(0, c) + unit.repeat(times) + text.slice(c);
      steps.push(`repeat ${preview(unit, 30)} ×${times} at ${c}`);
    } else if (r < 0.8) {
      // Code-unit damage: lone surrogates, controls and marks anywhere, even inside a pair.
      const count = 1 + int(rng, 10);
      const units = text.split('');
      for (let k = 0; k < count && units.length; k++) units[int(rng, units.length)] = String.fromCharCode(int(rng, 0x10000));
      text = units.join('');
      steps.push(`${count} code units replaced`);
    } else if (r < 0.87) {
      const a = at();
      const b = a + int(rng, 500);
      const upper = rng() < 0.5;
      text = text.slice(0, a) + (upper ? text.slice(a, b).toUpperCase() : text.slice(a, b).toLowerCase()) + text.slice(b);
      steps.push(`${upper ? 'upper' : 'lower'} case [${a},${b})`);
    } else {
      const to = pick(rng, ['\r\n', '\r', '\n', '\n\n', ' ', '\u2028']);
      const a = at();
      const b = a + int(rng, 2000);
      text = text.slice(0, a) + text.slice(a, b).replace(/\r\n|\r|\n/g, to) + text.slice(b);
      steps.push(`line breaks in [${a},${b}) → ${JSON.stringify(to)}`);
    }
  }
  return bytes ? { text, steps, bytes } : { text, steps };
}

/** One text through the single-document pipeline: analysis, contract, serialisation, reports. */
export function checkText(text: string, bytes?: Uint8Array): { analysis: DocumentAnalysis; problems: string[] } {
  const problems: string[] = [];
  if (bytes) {
    const decoded = decodeDocument(bytes);
    if (decoded.ok && decoded.text !== new TextDecoder('utf-8').decode(bytes)) problems.push('decodeDocument accepted the bytes but gave another text');
    if (!decoded.ok && !decoded.reason) problems.push('decodeDocument refused without a reason');
  }
  const analysis = analyzeText(text);
  problems.push(...contractViolations(text, analysis));
  // Plain data: it crosses the worker boundary and the CLI's JSON unchanged, and in size proportional to the
  // text (articles give ~6 characters of JSON per character, "0 0 0 …" with a value in every other character
  // ~100; one long name repeated in every mention's key once gave thousands).
  const line = analysisJsonLine('case', analysis);
  if (line.length > 256 * text.length + 10_000) problems.push(`the JSON line is ${line.length} characters for ${text.length} of text`);
  const parsed = JSON.parse(line) as { entities: { start: number; end: number; text: string }[] };
  if (parsed.entities.length !== analysis.entities.length) problems.push('the JSON line lost mentions');
  for (const m of analysis.entities) {
    const escaped = escapeMarkdown(m.text);
    if (/(^|[^\\])[[\]()<>`]/.test(escaped)) problems.push(`escapeMarkdown left markup in ${preview(m.text, 60)}`);
  }
  return { analysis, problems };
}

/** Curation drawn from what the corpus holds: renames, merges, retypes, splits, mentions struck out. */
function randomCuration(rng: Rng, corpus: Corpus): Annotations {
  const a = emptyAnnotations();
  const entities = corpus.entities();
  if (entities.length === 0) return a;
  const some = () => pick(rng, entities);
  for (let k = int(rng, 6); k > 0; k--) {
    const e = some();
    const r = rng();
    if (r < 0.3) a.entities.push({ type: e.type, name: e.name, rename: `${e.name} (renamed)` });
    else if (r < 0.5) a.entities.push({ type: e.type, name: e.name, retype: pick(rng, ENTITY_TYPES) });
    else if (r < 0.6 && e.aliases.length > 1) a.entities.push({ type: e.type, name: e.name, split: [pick(rng, e.aliases)] });
    else if (r < 0.8) {
      const other = some();
      a.merges.push({ into: { type: e.type, name: e.name }, from: [{ type: other.type, name: other.name }] });
    } else {
      const document = rng() < 0.5 ? pick(rng, e.documents) : undefined;
      a.notEntities.push(document ? { document, text: pick(rng, e.aliases), type: e.type } : { text: pick(rng, e.aliases), type: e.type });
    }
  }
  return normalizeAnnotations(a);
}

/** The cross-document views agree with each other and with the documents the corpus holds. */
export function corpusViolations(corpus: Corpus, expected: ReadonlySet<string>, rng: Rng): string[] {
  const problems: string[] = [];
  const docs = corpus.documents();
  if (docs.length !== expected.size || docs.some((d) => !expected.has(d))) problems.push(`documents() is [${docs.join(', ')}], expected [${[...expected].join(', ')}]`);
  const entities = corpus.entities();
  const ids = new Set<string>();
  for (const e of entities) {
    if (ids.has(e.id)) problems.push(`entity id ${e.id} listed twice`);
    ids.add(e.id);
    for (const d of e.documents) if (!expected.has(d)) problems.push(`entity ${e.id} (${e.name}) lists a document the corpus does not hold: ${d}`);
  }
  // Every named mention of every document belongs to a listed entity.
  for (const d of docs) {
    const a = corpus.get(d);
    if (!a) {
      problems.push(`get(${d}) is undefined`);
      continue;
    }
    for (const e of a.documentEntities) {
      if (e.type === 'date' || e.type === 'quantity') continue;
      const id = corpus.entityIdOf(d, e.key);
      if (id === undefined || !corpus.entity(id)) problems.push(`${d}: entity ${e.key} is linked to no workspace entity (${id})`);
    }
  }
  // mentionsOf of a few entities points at real mentions.
  for (let k = 0; k < 5 && entities.length; k++) {
    const e = pick(rng, entities);
    for (const m of corpus.mentionsOf(e.id)) {
      if (corpus.get(m.document)?.entities[m.index] !== m.mention) problems.push(`mentionsOf(${e.id}) points at ${m.document}#${m.index}, which is not that mention`);
    }
  }
  for (const g of corpus.claimGroups()) {
    for (const ref of g.claims) {
      if (!corpus.get(ref.document)?.claims[ref.index]) problems.push(`a ${g.relation} group refers to a missing claim ${ref.document}#${ref.index}`);
    }
  }
  corpus.knownNames();
  if (entities.length) corpus.search(pick(rng, entities).name.slice(0, 6));
  JSON.stringify(corpusJson(corpus));
  corpusMarkdown(corpus);
  return problems;
}

/** Queries while the links are held (a scan runs): they may answer from former links, but answer without throwing. */
function heldQueryFailures(corpus: Corpus): string[] {
  try {
    for (const e of corpus.entities().slice(0, 5)) corpus.mentionsOf(e.id);
    for (const d of corpus.documents()) {
      corpus.get(d);
      corpus.conflicts(d);
      corpus.groupsOf(d, 0);
    }
    corpus.claimGroups();
    corpus.knownNames();
    return [];
  } catch (err) {
    return [`a query threw while the links were held: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`];
  }
}

export interface FuzzFailure {
  index: number;
  seed: number;
  steps: string[];
  problems: string[];
  text: string;
  /** The last corpus operations before the failure. */
  corpusSteps: string[];
}

/**
 * Runs cases until the budget is spent (at least `minCases`), or exactly `cases` cases when given (a replay:
 * the corpus steps depend on every case before, so a failure replays from case 0). Reports the first failing
 * case. `progress` is called before each case, so a watchdog can name the case that hangs.
 */
export async function fuzz(
  seeds: readonly string[],
  options: { seed: number; budgetMs: number; minCases: number; cases?: number; progress?: (index: number, steps: string[]) => void },
): Promise<{ cases: number; failure?: FuzzFailure }> {
  const started = Date.now();
  // Corpus operations draw from their own stream, so the text of case i does not depend on them.
  const ops = random(caseSeed(options.seed, -1));
  const corpus = new Corpus();
  const held = new Set<string>();
  const log: string[] = [];
  const note = (step: string) => {
    log.push(step);
    if (log.length > 12) log.shift();
  };
  // A sliced relink advances one slice when the fuzzer opens its gate, between the other operations.
  let gate: (() => void) | undefined;
  let building = false;
  // A scan: the links held (Corpus.holdLinks) for a few cases, then released and relinked as a scan ends.
  let scan: { release: () => void; casesLeft: number } | undefined;
  let cases = 0;
  for (let index = 0; ; index++) {
    if (options.cases !== undefined ? index >= options.cases : cases >= options.minCases && Date.now() - started >= options.budgetMs) break;
    const seed = caseSeed(options.seed, index);
    const made = makeCase(seeds, seed);
    options.progress?.(index, made.steps);
    const problems: string[] = [];
    try {
      const { analysis, problems: own } = checkText(made.text, made.bytes);
      problems.push(...own);
      // Every third text also as the extension analyses a large document: a chunk at a time, small chunks.
      if (index % 3 === 0) problems.push(...contractViolations(made.text, new ChunkedAnalyzer(2_000).analyze(made.text).analysis).map((p) => `chunked: ${p}`));
      // Then into the workspace, with a few other things happening to it.
      if (gate && ops() < 0.6) {
        const open = gate;
        gate = undefined;
        open();
        await new Promise((resolve) => setImmediate(resolve));
        note(building ? 'sliced relink: one slice' : 'sliced relink: took over or was superseded');
      }
      const name = `doc${int(ops, 8)}.md`;
      corpus.set(name, analysis);
      held.add(name);
      note(`case ${index}: set ${name}`);
      const r = ops();
      if (r < 0.15 && held.size) {
        const victim = pick(ops, [...held]);
        corpus.delete(victim);
        held.delete(victim);
        note(`delete ${victim}`);
      } else if (r < 0.3 && held.size) {
        const from = pick(ops, [...held]);
        const to = ops() < 0.3 ? from : `doc${int(ops, 8)}.md`;
        corpus.rename(from, to);
        held.delete(from);
        held.add(to);
        note(`rename ${from} → ${to}`);
      } else if (r < 0.35) {
        corpus.relink();
        note('relink');
      } else if (r < 0.4 && !building) {
        building = true;
        void corpus.relinkInSlices({ sliceMs: 0, pause: () => new Promise<void>((resume) => (gate = resume)) }).finally(() => (building = false));
        note('sliced relink started');
      } else if (r < 0.5) {
        const curation = ops() < 0.3 ? Curation.NONE : new Curation(randomCuration(ops, corpus));
        corpus.setCuration(curation);
        note(`curation ${JSON.stringify(curation.annotations).slice(0, 400)}`);
      } else if (r < 0.52) {
        corpus.clear();
        held.clear();
        note('clear');
      } else if (r < 0.56 && !scan) {
        scan = { release: corpus.holdLinks(), casesLeft: 1 + int(ops, 5) };
        note('links held (scan)');
      }
      if (scan && --scan.casesLeft <= 0) {
        scan.release();
        scan = undefined;
        // As a scan ends: the held documents linked all at once (a gated build, if one runs, is superseded).
        await corpus.relinkInSlices({ sliceMs: 8 });
        note('links released and relinked');
      }
      // While the links are held, queries answer from the links as they stood: only that they answer is checked.
      if (scan) problems.push(...heldQueryFailures(corpus));
      else problems.push(...corpusViolations(corpus, held, ops));
    } catch (err) {
      problems.push(`threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
    cases++;
    if (problems.length) return { cases, failure: { index, seed: options.seed, steps: made.steps, problems: problems.slice(0, 20), text: made.text, corpusSteps: [...log] } };
  }
  return { cases };
}
