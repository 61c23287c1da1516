// Finds dates and quantities in a token stream and normalises them, so that claims in different
// documents can be compared ("nearly five million shells" → 5,000,000 shell; "June 18-19" → 2024-06-18).
import type { Lexicon } from '../lexicon';
import type { Token } from '../text/segment';
import { isUpperStart } from '../text/segment';
import { lowerText } from '../text/intern';
import type { Value } from '../types';

export interface ValueMatch {
  /** Token index range [first, last]. */
  first: number;
  last: number;
  type: 'date' | 'quantity';
  value?: Value;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function yearOf(tok: Token | undefined): number | undefined {
  if (!tok || tok.kind !== 'number' || tok.text.length !== 4) return undefined;
  const y = Number(tok.text);
  return y >= 1000 && y <= 2199 ? y : undefined;
}

function dayOf(tok: Token | undefined): number | undefined {
  if (!tok || tok.kind !== 'number') return undefined;
  const m = /^(\d{1,2})(st|nd|rd|th)?$/.exec(tok.text);
  if (!m) return undefined;
  const d = Number(m[1]);
  return d >= 1 && d <= 31 ? d : undefined;
}

function monthOf(tok: Token | undefined, lex: Lexicon): number | undefined {
  if (!tok || tok.kind !== 'word' || !isUpperStart(tok.text)) return undefined;
  const key = tok.text.toLowerCase().replace(/\.$/, '');
  return lex.months.get(key);
}

/** Parses a number written in digits ("1,000", "2.5", "3bn") or words ("five", "twenty"). */
export function parseNumber(text: string, lex: Lexicon): { amount: number; multiplier?: number } | undefined {
  const lower = text.toLowerCase();
  const digits = /^(\d+(?:,\d{3})*(?:\.\d+)?)(bn|m|k)?$/.exec(lower);
  if (digits) {
    const amount = Number(digits[1].replace(/,/g, ''));
    return { amount, multiplier: digits[2] ? lex.multipliers.get(digits[2]) : undefined };
  }
  const word = lex.numberWords.get(lower);
  return word === undefined ? undefined : { amount: word };
}

export function lowerCase(tokens: Token[]): string[] {
  return tokens.map((t) => lowerText(t.id, t.text));
}

/** The date relative expressions are read against: the document's own date. */
interface Reference {
  year: number;
  month: number;
  day: number;
}

function parseReference(iso: string | undefined): Reference | undefined {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
}

function shiftDays(ref: Reference, days: number): string {
  const d = new Date(Date.UTC(ref.year, ref.month - 1, ref.day + days));
  return d.toISOString().slice(0, 10);
}

function shiftMonths(ref: Reference, months: number): string {
  const index = ref.year * 12 + (ref.month - 1) + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** Words before a number that make it approximate ("nearly five million"). */
const APPROXIMATE = new Set(['nearly', 'almost', 'about', 'around', 'approximately', 'roughly', 'some', 'over', 'under', 'more', 'less', 'fewer', 'up', 'least', 'estimated', 'circa', 'perhaps']);

/** @param lowered the tokens in lower case, when the caller has them already. */
export function findValues(tokens: Token[], lex: Lexicon, documentDate?: string, lowered: string[] = lowerCase(tokens)): ValueMatch[] {
  const out: ValueMatch[] = [];
  const ref = parseReference(documentDate);
  const refYear = ref?.year ?? (documentDate ? Number(documentDate.slice(0, 4)) : undefined);
  const lowerAt = (i: number) => lowered[i] ?? '';
  let i = 0;
  while (i < tokens.length) {
    // Only numbers, currency signs and a few words (months, weekdays, number words, "yesterday"…) start a value.
    if (tokens[i].kind !== 'number' && !lex.valueStarters.has(lowered[i]) && !lex.currencySymbols.has(tokens[i].text)) {
      i++;
      continue;
    }
    const date = matchDate(tokens, i, lex, refYear, lowerAt, ref);
    if (date) {
      out.push(date);
      i = date.last + 1;
      continue;
    }
    const quantity = matchQuantity(tokens, i, lex, lowerAt);
    if (quantity) {
      out.push(quantity);
      i = quantity.last + 1;
      continue;
    }
    i++;
  }
  return out;
}

function matchDate(
  tokens: Token[],
  i: number,
  lex: Lexicon,
  refYear: number | undefined,
  lowerAt: (i: number) => string,
  ref: Reference | undefined,
): ValueMatch | undefined {
  const tok = tokens[i];
  // ISO: 2024-06-18
  const isoYear = yearOf(tok);
  if (isoYear && tokens[i + 1]?.text === '-' && tokens[i + 3]?.text === '-' && tokens[i + 2]?.kind === 'number' && tokens[i + 4]?.kind === 'number' && tokens[i + 1].start === tok.end) {
    const month = Number(tokens[i + 2].text);
    const day = Number(tokens[i + 4].text);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
      return { first: i, last: i + 4, type: 'date', value: { kind: 'date', iso: `${isoYear}-${pad(month)}-${pad(day)}`, precision: 'day' } };
    }
  }
  // Month [day[-day]] [,] [year]
  const month = monthOf(tok, lex);
  if (month !== undefined) {
    // "May" and "March" are also words: require a day or year right after them.
    let j = i + 1;
    if (tokens[j]?.text === '.') j++;
    const day = dayOf(tokens[j]);
    let endDay: number | undefined;
    let last = i;
    if (day !== undefined) {
      last = j;
      if ((tokens[j + 1]?.text === '-' || tokens[j + 1]?.text === '–') && dayOf(tokens[j + 2]) !== undefined) {
        endDay = dayOf(tokens[j + 2]);
        last = j + 2;
      }
      j = last + 1;
      if (tokens[j]?.text === ',') j++;
    }
    const year = yearOf(tokens[j]);
    if (year !== undefined) last = j;
    if (day === undefined && year === undefined) {
      const word = tok.text.toLowerCase();
      const prev = lowerAt(i - 1);
      const directed = prev === 'last' || prev === 'next' || prev === 'this';
      if (!directed && (word === 'may' || word === 'march' || tok.text.length <= 3)) return undefined;
      if (!directed && !['in', 'since', 'until', 'by', 'early', 'late', 'mid', 'from', 'of', 'during', 'through'].includes(prev)) return undefined;
    }
    // "last September", "next March", "this June": the month nearest the document's date in that direction.
    const relative = year === undefined && day === undefined ? lowerAt(i - 1) : '';
    let first = i;
    let y = year ?? refYear;
    if (ref && (relative === 'last' || relative === 'next' || relative === 'this')) {
      first = i - 1;
      if (relative === 'last') y = month < ref.month ? ref.year : ref.year - 1;
      else if (relative === 'next') y = month > ref.month ? ref.year : ref.year + 1;
      else y = ref.year;
    }
    let value: Value | undefined;
    if (y !== undefined) {
      value = day !== undefined
        ? { kind: 'date', iso: `${y}-${pad(month)}-${pad(day)}`, precision: 'day', ...(endDay !== undefined ? { endIso: `${y}-${pad(month)}-${pad(endDay)}` } : {}) }
        : { kind: 'date', iso: `${y}-${pad(month)}`, precision: 'month' };
    }
    return { first, last, type: 'date', value };
  }
  // Day Month [Year]: "18 June 2024"
  const day = dayOf(tok);
  if (day !== undefined) {
    const m = monthOf(tokens[i + 1], lex);
    if (m !== undefined && tokens[i + 1].text.length > 2) {
      const year = yearOf(tokens[i + 2]);
      const y = year ?? refYear;
      return {
        first: i,
        last: year !== undefined ? i + 2 : i + 1,
        type: 'date',
        value: y !== undefined ? { kind: 'date', iso: `${y}-${pad(m)}-${pad(day)}`, precision: 'day' } : undefined,
      };
    }
  }
  // A year on its own: "in 2000", "the 2024 election". A decade: "the 1990s".
  const year = yearOf(tok);
  if (year !== undefined && !lex.quantityUnits.has(lowerAt(i + 1)) && tokens[i - 1]?.text !== '$') {
    return { first: i, last: i, type: 'date', value: { kind: 'date', iso: String(year), precision: 'year' } };
  }
  if (tok.kind === 'number' && /^\d{4}s$/.test(tok.text)) {
    return { first: i, last: i, type: 'date' };
  }
  // Weekdays.
  if (tok.kind === 'word' && isUpperStart(tok.text) && lex.weekdays.has(tok.text.toLowerCase())) {
    return { first: i, last: i, type: 'date' };
  }
  // "two decades ago", "three years ago"
  const n = tok.kind === 'number' || lex.numberWords.has(lowerAt(i)) ? parseNumber(tok.text, lex) : undefined;
  if (n && lowerAt(i) !== 'a' && lowerAt(i + 2) === 'ago') {
    const unit = lowerAt(i + 1);
    const years = unit.startsWith('decade') ? 10 : unit.startsWith('year') ? 1 : unit.startsWith('centur') ? 100 : 0;
    if (years || ['months', 'month', 'weeks', 'week', 'days', 'day'].includes(unit)) {
      const value: Value | undefined = years && refYear !== undefined ? { kind: 'date', iso: String(refYear - n.amount * years), precision: 'year' } : undefined;
      return { first: i, last: i + 2, type: 'date', value };
    }
  }
  // Relative phrases: "last year", "in the coming weeks".
  for (const phrase of lex.relativeDates.get(lowerAt(i)) ?? []) {
    if (phrase.every((w, k) => lowerAt(i + k) === w)) {
      return { first: i, last: i + phrase.length - 1, type: 'date', value: relativeValue(phrase, ref, refYear) };
    }
  }
  return undefined;
}

/** The date a relative phrase names, read against the document's date ("last year" → 2023). */
function relativeValue(phrase: string[], ref: Reference | undefined, refYear: number | undefined): Value | undefined {
  const lastWord = phrase[phrase.length - 1];
  const offset = phrase.includes('last') ? -1 : phrase.includes('next') ? 1 : 0;
  if (lastWord === 'year' && refYear !== undefined) return { kind: 'date', iso: String(refYear + offset), precision: 'year' };
  if (!ref) return undefined;
  if (lastWord === 'month') return { kind: 'date', iso: shiftMonths(ref, offset), precision: 'month' };
  if (lastWord === 'today' || lastWord === 'tonight' || phrase[0] === 'this') return { kind: 'date', iso: shiftDays(ref, 0), precision: 'day' };
  if (lastWord === 'yesterday' || (phrase[0] === 'last' && lastWord === 'night')) return { kind: 'date', iso: shiftDays(ref, -1), precision: 'day' };
  if (lastWord === 'tomorrow') return { kind: 'date', iso: shiftDays(ref, 1), precision: 'day' };
  return undefined;
}

function matchQuantity(tokens: Token[], i: number, lex: Lexicon, lowerAt: (i: number) => string): ValueMatch | undefined {
  let j = i;
  let currency: string | undefined;
  if (lex.currencySymbols.has(tokens[j].text) && tokens[j + 1]?.kind === 'number') {
    currency = tokens[j].text;
    j++;
  }
  const tok = tokens[j];
  if (!tok) return undefined;
  const lower = tok.text.toLowerCase();
  const isWordNumber = tok.kind === 'word' && lex.numberWords.has(lower);
  if (tok.kind !== 'number' && !isWordNumber) return undefined;
  const parsed = parseNumber(tok.text, lex);
  if (!parsed) return undefined;
  let amount = parsed.amount * (parsed.multiplier ?? 1);
  let last = j;
  // Multipliers: "five million", "1.5 billion", "hundreds of thousands".
  while (tokens[last + 1] && lex.multipliers.has(lowerAt(last + 1)) && lowerAt(last + 1).length > 1) {
    amount *= lex.multipliers.get(lowerAt(last + 1)) ?? 1;
    last++;
  }
  const hasMultiplier = last > j;
  // Unit: a symbol, a known unit word, or the next lower-case noun-like word ("artillery shells").
  let unit = currency ? currencyUnit(currency) : '';
  const next = lowerAt(last + 1);
  if (!unit) {
    if (next === '%' || next === 'percent' || (next === 'per' && lowerAt(last + 2) === 'cent')) {
      unit = 'percent';
      last += next === 'per' ? 2 : 1;
    } else if (lex.quantityUnits.has(next)) {
      unit = singular(next);
      last++;
    } else if (lex.quantityUnits.has(lowerAt(last + 2)) && /^[a-z]+$/.test(next)) {
      unit = singular(lowerAt(last + 2));
      last += 2;
    } else if (lex.unitMultipliers.has(next)) {
      unit = next;
      last++;
    }
  }
  // Bare word numbers ("one of", "a") are too ambiguous without a unit or a multiplier.
  if (isWordNumber && !unit && !hasMultiplier) return undefined;
  if (lower === 'a' && !hasMultiplier) return undefined;
  if (!unit && !hasMultiplier && tok.kind === 'number' && tokens[last + 1]?.kind === 'word' && /^[a-z]{3,}$/.test(tokens[last + 1].text)) {
    unit = singular(lowerAt(last + 1));
    last++;
  }
  const approximate = APPROXIMATE.has(lowerAt(i - 1)) || APPROXIMATE.has(lowerAt(i - 2)) && (lowerAt(i - 1) === 'than' || lowerAt(i - 1) === 'to');
  return { first: i, last, type: 'quantity', value: { kind: 'quantity', amount, unit, ...(approximate ? { approximate: true } : {}) } };
}

function currencyUnit(symbol: string): string {
  switch (symbol) {
    case '$':
    case 'US$':
      return 'USD';
    case '€':
      return 'EUR';
    case '£':
      return 'GBP';
    case '¥':
      return 'JPY';
    case '₩':
      return 'KRW';
    case '₽':
      return 'RUB';
    default:
      return symbol;
  }
}

export function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('ss')) return word;
  if (word.endsWith('s') && word.length > 3) return word.slice(0, -1);
  return word;
}

/** "5000000" → "5,000,000" (toLocaleString is correct too, but far slower on this hot path). */
function groupThousands(n: number): string {
  const digits = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}

export function formatValue(value: Value): string {
  if (value.kind === 'date') return value.endIso ? `${value.iso}/${value.endIso.slice(-2)}` : value.iso;
  const amount = Number.isSafeInteger(value.amount) ? groupThousands(value.amount) : String(value.amount);
  return value.unit ? `${amount} ${value.unit}` : amount;
}
