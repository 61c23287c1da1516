// Serialises analyses and the corpus: the CLI's JSON contract and the exported Markdown dossier.
import type { Corpus } from './corpus/corpus';
import type { Claim, DocumentAnalysis, EntityType, Mention } from './types';

export interface JsonMention {
  start: number;
  end: number;
  text: string;
  type: EntityType;
  entity: string;
  value?: Mention['value'];
}

function mentionJson(m: Mention, entity: string): JsonMention {
  return { start: m.start, end: m.end, text: m.text, type: m.type, entity, ...(m.value ? { value: m.value } : {}) };
}

function claimJson(c: Claim, linkOf: (key: string) => string) {
  const withEntity = <T extends { entity?: string }>(s: T): T => (s.entity ? { ...s, entity: linkOf(s.entity) } : s);
  return {
    start: c.start,
    end: c.end,
    text: c.text,
    score: c.score,
    kind: c.kind,
    ...(c.source ? { source: withEntity(c.source) } : {}),
    ...(c.cue ? { cue: c.cue } : {}),
    ...(c.originalSource ? { originalSource: withEntity(c.originalSource) } : {}),
    ...(c.direct !== undefined ? { direct: c.direct } : {}),
    hedges: c.hedges,
    boosters: c.boosters,
    entities: c.entities.map(linkOf),
    values: c.values,
    negated: c.negated,
  };
}

/** A mention as JSON text, written directly: the batch output's most numerous object. */
function mentionJsonText(m: Mention): string {
  const value = m.value ? `,"value":${JSON.stringify(m.value)}` : '';
  return `{"start":${m.start},"end":${m.end},"text":${JSON.stringify(m.text)},"type":"${m.type}","entity":${JSON.stringify(m.entity)}${value}}`;
}

/** One `analyze --jsonl` output line: entity ids are the document's own entity keys. */
export function analysisJsonLine(id: unknown, a: DocumentAnalysis): string {
  const same = (k: string) => k;
  const entities = a.entities.map(mentionJsonText).join(',');
  const rest = JSON.stringify({ references: a.references, claims: a.claims.map((c) => claimJson(c, same)) }).slice(1);
  return `{"id":${JSON.stringify(id ?? null)},"entities":[${entities}],${rest}`;
}

/** The whole corpus as `analyze --json` prints it; `label` maps a document id to the path shown. */
export function corpusJson(corpus: Corpus, label: (document: string) => string = (d) => d) {
  const documents = corpus.documents();
  const position = new Map(documents.map((d, i) => [d, i]));
  return {
    documents: documents.map((d) => {
      const a = corpus.get(d) as DocumentAnalysis;
      const linkOf = (key: string) => corpus.entityIdOf(d, key) ?? key;
      return {
        path: label(d),
        ...(a.documentDate ? { documentDate: a.documentDate } : {}),
        entities: a.entities.map((m) => mentionJson(m, linkOf(m.entity))),
        references: a.references.map((r) => ({ ...r, entity: linkOf(r.entity) })),
        claims: a.claims.map((c, i) => {
          // The user's verdict, when the workspace's annotations give one.
          const verdict = corpus.claimStatus(d, i);
          return { ...claimJson(c, linkOf), ...(verdict ? { status: verdict.status, ...(verdict.note ? { note: verdict.note } : {}) } : {}) };
        }),
      };
    }),
    entities: corpus.entities().map((e) => ({ ...e, documents: e.documents.map(label) })),
    claimGroups: corpus.claimGroups().map((g, i) => ({
      id: `g${i + 1}`,
      relation: g.relation,
      reason: g.reason,
      claims: g.claims.map((c) => ({ document: position.get(c.document) as number, index: c.index })),
    })),
  };
}

const TYPE_TITLES: Record<EntityType, string> = {
  person: 'People',
  organization: 'Organizations',
  place: 'Places',
  nationality: 'Nationalities',
  event: 'Events',
  date: 'Dates',
  quantity: 'Quantities',
};

export function typeTitle(type: EntityType): string {
  return TYPE_TITLES[type];
}

/** Markdown text is data: characters that Markdown would interpret are escaped. */
export function escapeMarkdown(text: string): string {
  // \r alone is a line ending to Markdown too.
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|~&"'$]/g, (c) => `\\${c}`).replace(/\r\n?|\n/g, ' ');
}

function oneLine(text: string, max = 160): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** The exported dossier: entities with their mentions per document, claims with sources, conflicts. */
export function corpusMarkdown(corpus: Corpus, label: (document: string) => string = (d) => d, minScore = 0.5): string {
  const out: string[] = ['# Dossier', ''];
  const docs = corpus.documents();
  out.push(`${docs.length} documents, ${corpus.entities().length} entities, ${corpus.claimGroups().length} claim groups.`, '');
  out.push('## Entities', '');
  const byType = new Map<EntityType, ReturnType<Corpus['entities']>>();
  for (const e of corpus.entities()) byType.set(e.type, [...(byType.get(e.type) ?? []), e]);
  for (const [type, list] of byType) {
    out.push(`### ${TYPE_TITLES[type]}`, '');
    for (const e of list) {
      const aliases = e.aliases.filter((a) => a !== e.name);
      const perDocument = new Map<string, number>();
      for (const m of corpus.mentionsOf(e.id)) perDocument.set(m.document, (perDocument.get(m.document) ?? 0) + 1);
      const where = e.documents.map((d) => `${escapeMarkdown(label(d))}${perDocument.has(d) ? ` (${perDocument.get(d)})` : ' (described)'}`);
      out.push(`- **${escapeMarkdown(e.name)}**${aliases.length ? ` (also: ${aliases.map(escapeMarkdown).join(', ')})` : ''} — ${e.mentions} mention${e.mentions === 1 ? '' : 's'} in ${e.documents.length} document${e.documents.length === 1 ? '' : 's'}: ${where.join(', ')}`);
    }
    out.push('');
  }
  out.push('## Claims', '');
  for (const d of docs) {
    const a = corpus.get(d) as DocumentAnalysis;
    const claims = a.claims.filter((c) => c.score >= minScore);
    out.push(`### ${escapeMarkdown(label(d))}`, '');
    if (claims.length === 0) out.push('_No check-worthy claims._');
    for (const c of claims) {
      const verdict = corpus.claimStatus(d, a.claims.indexOf(c));
      const status = verdict ? `, **${verdict.status}**${verdict.note ? `: ${escapeMarkdown(oneLine(verdict.note))}` : ''}` : '';
      const source = c.source ? ` — source: ${escapeMarkdown(c.source.text)}${c.originalSource ? ` citing ${escapeMarkdown(c.originalSource.text)}` : ''}` : ' — no source named';
      const hedges = c.hedges.length ? ` — hedges: ${c.hedges.map((h) => escapeMarkdown(h.text)).join(', ')}` : '';
      const boosters = c.boosters.length ? ` — boosters: ${c.boosters.map((h) => escapeMarkdown(h.text)).join(', ')}` : '';
      out.push(`- [${c.kind}, ${c.score.toFixed(2)}${status}] ${escapeMarkdown(oneLine(c.text))}${source}${hedges}${boosters}`);
    }
    out.push('');
  }
  out.push('## Conflicts and agreements', '');
  const groups = corpus.claimGroups();
  if (groups.length === 0) out.push('_None found._');
  for (const g of groups) {
    out.push(`- **${g.relation}** (${escapeMarkdown(g.reason)})`);
    for (const ref of g.claims) {
      const c = corpus.get(ref.document)?.claims[ref.index];
      if (c) out.push(`  - ${escapeMarkdown(label(ref.document))}: ${escapeMarkdown(oneLine(c.text))}`);
    }
  }
  out.push('');
  return out.join('\n');
}
