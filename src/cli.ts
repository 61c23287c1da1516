// Dossier from a terminal. `analyze FILES…` prints a readable report, `--json` the corpus as JSON, and
// `--jsonl` reads {"id","text"} lines on stdin and writes one analysis line each (the quality contract).
import { readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { analyzeText, Corpus, type DocumentAnalysis } from './core/index';
import { analysisJsonLine, corpusJson, typeTitle } from './core/report';
import { decodeDocument } from './core/text/decode';

const USAGE = `Usage:
  dossier analyze FILES...           readable report of entities, claims and cross-references
  dossier analyze --json FILES...    the same as JSON
  dossier analyze --jsonl            read {"id","text"} lines on stdin, write one JSON line each
Options:
  --max-size BYTES                   skip files larger than this (default 10000000)
  -h, --help                         show this help`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (command !== 'analyze') throw new UsageError(`unknown command '${command}'`);
  let mode: 'report' | 'json' | 'jsonl' = 'report';
  let maxSize = 10_000_000;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--json') mode = 'json';
    else if (arg === '--jsonl') mode = 'jsonl';
    else if (arg === '--max-size') {
      maxSize = Number(rest[++i]);
      if (!Number.isFinite(maxSize) || maxSize <= 0) throw new UsageError('--max-size takes a positive number of bytes');
    } else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else files.push(arg);
  }
  if (mode === 'jsonl') {
    if (files.length) throw new UsageError('--jsonl reads stdin; give no files');
    return analyzeJsonLines();
  }
  if (files.length === 0) throw new UsageError('no files given');

  const corpus = new Corpus();
  let failed = 0;
  for (const file of files) {
    const text = readText(file, maxSize);
    if (typeof text !== 'string') {
      process.stderr.write(`dossier: ${file}: ${text.error}\n`);
      failed++;
      continue;
    }
    corpus.set(file, analyzeText(text));
  }
  if (mode === 'json') process.stdout.write(`${JSON.stringify(corpusJson(corpus))}\n`);
  else process.stdout.write(report(corpus));
  return failed ? 1 : 0;
}

function readText(file: string, maxSize: number): string | { error: string } {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return { error: 'is a directory' };
    if (stat.size > maxSize) return { error: `larger than ${maxSize} bytes (${stat.size}); skipped` };
    const decoded = decodeDocument(readFileSync(file));
    return decoded.ok ? decoded.text : { error: `${decoded.reason}; skipped` };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? String(err)})` };
  }
}

async function analyzeJsonLines(): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  let failed = 0;
  let buffer = '';
  for await (const line of lines) {
    lineNumber++;
    if (!line.trim()) continue;
    let id: unknown = null;
    try {
      const input = JSON.parse(line) as { id?: unknown; text?: unknown };
      id = input.id ?? null;
      if (typeof input.text !== 'string') throw new Error('"text" must be a string');
      buffer += `${analysisJsonLine(id, analyzeText(input.text))}\n`;
    } catch (err) {
      failed++;
      const message = err instanceof SyntaxError ? 'not valid JSON' : (err as Error).message;
      process.stderr.write(`dossier: stdin line ${lineNumber}: ${message}\n`);
      buffer += `${JSON.stringify({ id, entities: [], claims: [], error: message })}\n`;
    }
    if (buffer.length > 1 << 16) {
      if (!process.stdout.write(buffer)) await new Promise((r) => process.stdout.once('drain', r));
      buffer = '';
    }
  }
  process.stdout.write(buffer);
  return failed ? 1 : 0;
}

function report(corpus: Corpus): string {
  const out: string[] = [];
  for (const d of corpus.documents()) {
    const a = corpus.get(d) as DocumentAnalysis;
    out.push(`== ${d}`);
    out.push(`   ${a.documentEntities.length} entities, ${a.claims.filter((c) => c.score >= 0.5).length} check-worthy claims of ${a.claims.length} sentences${a.documentDate ? `, dated ${a.documentDate}` : ''}`);
    const byType = new Map<string, string[]>();
    for (const e of a.documentEntities) {
      const entry = `${e.name}${e.mentions.length > 1 ? ` ×${e.mentions.length}` : ''}`;
      byType.set(e.type, [...(byType.get(e.type) ?? []), entry]);
    }
    for (const [type, names] of byType) out.push(`   ${typeTitle(type as never)}: ${names.join('; ')}`);
    for (const c of a.claims.filter((x) => x.score >= 0.5)) {
      const source = c.source ? ` ← ${c.source.text}${c.originalSource ? ` citing ${c.originalSource.text}` : ''}` : '';
      const hedges = c.hedges.length ? ` [${c.hedges.map((h) => h.text).join(', ')}]` : '';
      out.push(`   • ${c.kind} ${c.score.toFixed(2)}${source}${hedges}: ${c.text.replace(/\s+/g, ' ').slice(0, 140)}`);
    }
    out.push('');
  }
  const shared = corpus.entities().filter((e) => e.documents.length > 1);
  out.push(`== Across ${corpus.documents().length} documents: ${corpus.entities().length} entities, ${shared.length} in more than one`);
  for (const e of shared.slice(0, 30)) out.push(`   ${e.name} (${e.type}) — ${e.mentions} mentions in ${e.documents.length} documents`);
  for (const g of corpus.claimGroups().slice(0, 30)) {
    const texts = g.claims.map((r) => `${r.document}: ${corpus.get(r.document)?.claims[r.index]?.text.replace(/\s+/g, ' ').slice(0, 90)}`);
    out.push(`   ${g.relation.toUpperCase()} (${g.reason})`, ...texts.map((t) => `      ${t}`));
  }
  return `${out.join('\n')}\n`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`dossier: ${err.message}\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`dossier: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 70;
    }
  },
);
