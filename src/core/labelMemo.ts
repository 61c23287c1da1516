// What the labeller found in texts analysed lately, kept compactly, so that analysing the same text again with
// other workspace names (the second pass of a scan) skips the labeller, by far the costliest step. Bounded by
// the characters of the texts it keeps: the oldest are forgotten first.
import { ENTITY_TYPES, type Mention, type Value } from './types';

interface Labelled {
  /** The document date the values were read against (the option given, or the one found). */
  dateOption: string | undefined;
  documentDate: string | undefined;
  /** Per mention: sentence, start, end, type index. */
  rows: Int32Array;
  values: (Value | undefined)[];
}

export class LabelMemo {
  private readonly entries = new Map<string, Labelled>();
  private chars = 0;

  constructor(private readonly maxChars = 8_000_000) {}

  get size(): number {
    return this.entries.size;
  }

  /** The labelled mentions of each of `sentences` sentences, fresh objects, or undefined when not kept. */
  recall(text: string, dateOption: string | undefined, sentences: number): { found: Mention[][]; documentDate: string | undefined } | undefined {
    const entry = this.entries.get(text);
    if (!entry || entry.dateOption !== dateOption) return undefined;
    const found: Mention[][] = Array.from({ length: sentences }, () => []);
    const { rows, values } = entry;
    for (let k = 0; k < values.length; k++) {
      const start = rows[k * 4 + 1];
      const end = rows[k * 4 + 2];
      const value = values[k];
      found[rows[k * 4]].push({ start, end, text: text.slice(start, end), type: ENTITY_TYPES[rows[k * 4 + 3]], entity: '', ...(value ? { value } : {}) });
    }
    return { found, documentDate: entry.documentDate };
  }

  remember(text: string, dateOption: string | undefined, documentDate: string | undefined, found: readonly Mention[][]): void {
    if (text.length > this.maxChars) return;
    const previous = this.entries.get(text);
    if (previous) {
      this.entries.delete(text);
      this.chars -= text.length;
    }
    let count = 0;
    for (const own of found) count += own.length;
    const rows = new Int32Array(count * 4);
    const values: (Value | undefined)[] = new Array(count);
    let k = 0;
    found.forEach((own, si) => {
      for (const m of own) {
        rows[k * 4] = si;
        rows[k * 4 + 1] = m.start;
        rows[k * 4 + 2] = m.end;
        rows[k * 4 + 3] = ENTITY_TYPES.indexOf(m.type);
        values[k++] = m.value;
      }
    });
    this.entries.set(text, { dateOption, documentDate, rows, values });
    this.chars += text.length;
    for (const [oldest] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }
}
