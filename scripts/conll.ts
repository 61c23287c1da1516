// Reads CoNLL-2003 files into documents the way the shared scorer does (one sentence per line, tokens joined
// with light detokenisation), with gold entity spans as character offsets, so that training sees exactly
// the text the analyser is judged on.
import { readFileSync } from 'node:fs';

export interface GoldSpan {
  start: number;
  end: number;
  type: 'PER' | 'ORG' | 'LOC' | 'MISC';
}

export interface ConllDocument {
  text: string;
  gold: GoldSpan[];
}

const NO_SPACE_BEFORE = /^(?:[,.;:!?%)\]}]|'s|'S|n't|')$/;

export function readConll(path: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument | undefined;
  let tokens: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (!tokens.length) return;
    if (!doc) {
      doc = { text: '', gold: [] };
      docs.push(doc);
    }
    const d = doc;
    if (d.text) d.text += '\n';
    let current: GoldSpan | undefined;
    tokens.forEach((w, i) => {
      if (i && !NO_SPACE_BEFORE.test(w) && tokens[i - 1] !== '(' && tokens[i - 1] !== '$') d.text += ' ';
      const start = d.text.length;
      d.text += w;
      const end = d.text.length;
      const tag = tags[i];
      if (tag === 'O') {
        current = undefined;
        return;
      }
      const [bio, type] = tag.split('-') as [string, GoldSpan['type']];
      if (bio === 'B' || !current || current.type !== type) {
        current = { start, end, type };
        d.gold.push(current);
      } else current.end = end;
    });
    tokens = [];
    tags = [];
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      flush();
      doc = undefined;
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const parts = line.split(' ');
    tokens.push(parts[0]);
    tags.push(parts[parts.length - 1]);
  }
  flush();
  return docs;
}
