// The user's corrections of the machine, as stored in `.dossier/annotations.json`: what they renamed, merged,
// split, retyped or struck out, and what they found about claims. Plain data, read with a strict validator
// (the file may come from a cloned repository: anything unknown is refused with a message, never used) and
// written with a stable layout (fixed key order, sorted lists) so that git diffs show only what changed.
//
// Anchors are words, not offsets: an entity is named by its type and one of its names, a mention by its
// document and text, a claim by its document and quote. They survive edits of the text around them.
import { compareCodeUnits } from '../text/compare';
import { ENTITY_TYPES, type EntityType } from '../types';

export const ANNOTATIONS_VERSION = 1;

export type ClaimStatus = 'verified' | 'disputed' | 'false';
export const CLAIM_STATUSES: readonly ClaimStatus[] = ['verified', 'disputed', 'false'];

/** A workspace entity, by its type and any name it goes by. */
export interface EntityAnchor {
  type: EntityType;
  name: string;
}

export interface EntityAnnotation extends EntityAnchor {
  /** The name the user wants shown. */
  rename?: string;
  /** The type the user says it has. */
  retype?: EntityType;
  /** Names that belong to someone else: taken out into entities of their own. */
  split?: string[];
}

export interface MergeAnnotation {
  /** The entity the others join; it keeps its name and type. */
  into: EntityAnchor;
  from: EntityAnchor[];
}

/** Mentions the machine marked that are not entities at all ("Will" as a person). */
export interface NotEntityAnnotation {
  /** Workspace-relative path; absent: in every document. */
  document?: string;
  text: string;
  type: EntityType;
}

export interface ClaimAnnotation {
  document: string;
  /** The claim's text, whitespace collapsed. */
  quote: string;
  status: ClaimStatus;
  note?: string;
}

export interface Annotations {
  version: typeof ANNOTATIONS_VERSION;
  entities: EntityAnnotation[];
  merges: MergeAnnotation[];
  notEntities: NotEntityAnnotation[];
  claims: ClaimAnnotation[];
}

export function emptyAnnotations(): Annotations {
  return { version: ANNOTATIONS_VERSION, entities: [], merges: [], notEntities: [], claims: [] };
}

export type ParseResult = { ok: true; annotations: Annotations } | { ok: false; errors: string[] };

/** Longest string accepted anywhere in the file: a quote of a long claim fits, a payload does not. */
const MAX_STRING = 5_000;
const MAX_ITEMS = 100_000;
/** Largest file read: a year of one newsroom's corrections is well under a megabyte. */
export const MAX_ANNOTATIONS_CHARS = 10_000_000;

/** Reads the file's text; every problem is reported with its JSON path, and nothing partial is returned. */
export function parseAnnotations(text: string): ParseResult {
  if (text.length > MAX_ANNOTATIONS_CHARS) return { ok: false, errors: [`larger than ${MAX_ANNOTATIONS_CHARS / 1_000_000} MB (${text.length} characters); not read`] };
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, errors: [`not valid JSON: ${(e as Error).message}`] };
  }
  const errors: string[] = [];
  const v = new Validator(errors);
  const root = v.object(data, '$', ['version', 'entities', 'merges', 'notEntities', 'claims'], ['version']);
  if (!root) return { ok: false, errors };
  if (root.version !== ANNOTATIONS_VERSION) {
    // Named, not quoted, when it is a list or an object: it may be megabytes, or nested too deep to stringify.
    const v = root.version;
    const shown = typeof v === 'object' && v !== null ? (Array.isArray(v) ? 'a list' : 'an object') : String(JSON.stringify(v)).slice(0, 40);
    errors.push(`$.version: ${shown} is not a version this Dossier reads (${ANNOTATIONS_VERSION})`);
    return { ok: false, errors };
  }
  const annotations: Annotations = {
    version: ANNOTATIONS_VERSION,
    entities: v.list(root.entities, '$.entities', (item, path) => {
      const o = v.object(item, path, ['type', 'name', 'rename', 'retype', 'split'], ['type', 'name']);
      if (!o) return undefined;
      const anchor = v.anchor(o, path);
      const out: EntityAnnotation | undefined = anchor && { ...anchor };
      const rename = v.optionalString(o.rename, `${path}.rename`);
      const retype = o.retype === undefined ? undefined : v.type(o.retype, `${path}.retype`);
      const split = o.split === undefined ? undefined : v.list(o.split, `${path}.split`, (s, p) => v.string(s, p));
      if (!out) return undefined;
      if (rename) out.rename = rename;
      if (retype) out.retype = retype;
      if (split?.length) out.split = split;
      return out;
    }),
    merges: v.list(root.merges, '$.merges', (item, path) => {
      const o = v.object(item, path, ['into', 'from'], ['into', 'from']);
      if (!o) return undefined;
      const intoObject = v.object(o.into, `${path}.into`, ['type', 'name'], ['type', 'name']);
      const into = intoObject && v.anchor(intoObject, `${path}.into`);
      const from = v.list(o.from, `${path}.from`, (f, p) => {
        const fo = v.object(f, p, ['type', 'name'], ['type', 'name']);
        return fo && v.anchor(fo, p);
      });
      return into && from.length ? { into, from } : undefined;
    }),
    notEntities: v.list(root.notEntities, '$.notEntities', (item, path) => {
      const o = v.object(item, path, ['document', 'text', 'type'], ['text', 'type']);
      if (!o) return undefined;
      const document = v.optionalString(o.document, `${path}.document`);
      const text = v.string(o.text, `${path}.text`);
      const type = v.type(o.type, `${path}.type`);
      if (!text || !type) return undefined;
      return document ? { document, text, type } : { text, type };
    }),
    claims: v.list(root.claims, '$.claims', (item, path) => {
      const o = v.object(item, path, ['document', 'quote', 'status', 'note'], ['document', 'quote', 'status']);
      if (!o) return undefined;
      const document = v.string(o.document, `${path}.document`);
      const quote = v.string(o.quote, `${path}.quote`);
      const status = v.status(o.status, `${path}.status`);
      const note = v.optionalString(o.note, `${path}.note`, true);
      if (!document || !quote || !status) return undefined;
      return note ? { document, quote: collapse(quote), status, note } : { document, quote: collapse(quote), status };
    }),
  };
  return errors.length ? { ok: false, errors } : { ok: true, annotations: normalizeAnnotations(annotations) };
}

/** The file's text: fixed key order, sorted lists, two-space indent, a final newline. */
export function serializeAnnotations(annotations: Annotations): string {
  const a = normalizeAnnotations(annotations);
  const anchor = (x: EntityAnchor) => ({ type: x.type, name: x.name });
  const ordered = {
    version: a.version,
    entities: a.entities.map((e) => ({ ...anchor(e), ...(e.rename ? { rename: e.rename } : {}), ...(e.retype ? { retype: e.retype } : {}), ...(e.split?.length ? { split: e.split } : {}) })),
    merges: a.merges.map((m) => ({ into: anchor(m.into), from: m.from.map(anchor) })),
    notEntities: a.notEntities.map((n) => ({ ...(n.document ? { document: n.document } : {}), text: n.text, type: n.type })),
    claims: a.claims.map((c) => ({ document: c.document, quote: c.quote, status: c.status, ...(c.note ? { note: c.note } : {}) })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Sorted, de-duplicated, empty entries dropped: one content, one text. */
export function normalizeAnnotations(a: Annotations): Annotations {
  const entities = new Map<string, EntityAnnotation>();
  for (const e of a.entities) {
    const key = anchorKey(e);
    const prev = entities.get(key);
    const split = [...new Set([...(prev?.split ?? []), ...(e.split ?? [])])].sort(compareCodeUnits);
    const merged: EntityAnnotation = { type: e.type, name: e.name };
    const rename = e.rename ?? prev?.rename;
    const retype = e.retype ?? prev?.retype;
    if (rename && rename !== e.name) merged.rename = rename;
    if (retype && retype !== e.type) merged.retype = retype;
    if (split.length) merged.split = split;
    if (merged.rename || merged.retype || merged.split) entities.set(key, merged);
    else entities.delete(key);
  }
  const merges = new Map<string, MergeAnnotation>();
  for (const m of a.merges) {
    const key = anchorKey(m.into);
    const from = new Map([...(merges.get(key)?.from ?? []), ...m.from].filter((f) => anchorKey(f) !== key).map((f) => [anchorKey(f), f]));
    if (from.size) merges.set(key, { into: m.into, from: [...from.values()].sort(compareAnchors) });
  }
  const notEntities = new Map(a.notEntities.map((n) => [`${n.document ?? ''}\u0000${n.type}\u0000${n.text}`, n]));
  const claims = new Map(a.claims.map((c) => [`${c.document}\u0000${collapse(c.quote)}`, { ...c, quote: collapse(c.quote) }]));
  return {
    version: ANNOTATIONS_VERSION,
    entities: [...entities.values()].sort(compareAnchors),
    merges: [...merges.values()].sort((x, y) => compareAnchors(x.into, y.into)),
    notEntities: [...notEntities.values()].sort((x, y) => compareCodeUnits(x.document ?? '', y.document ?? '') || compareCodeUnits(x.text, y.text) || compareCodeUnits(x.type, y.type)),
    claims: [...claims.values()].sort((x, y) => compareCodeUnits(x.document, y.document) || compareCodeUnits(x.quote, y.quote)),
  };
}

/** Case- and space-insensitive identity of an anchor. */
export function anchorKey(a: EntityAnchor): string {
  return `${a.type}:${normalizeName(a.name)}`;
}

export function normalizeName(name: string): string {
  return collapse(name).toLowerCase();
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function compareAnchors(a: EntityAnchor, b: EntityAnchor): number {
  return compareCodeUnits(a.type, b.type) || compareCodeUnits(normalizeName(a.name), normalizeName(b.name));
}

/** Collects every problem of the file instead of stopping at the first. */
class Validator {
  constructor(private readonly errors: string[]) {}

  object(value: unknown, path: string, allowed: readonly string[], required: readonly string[]): Record<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.errors.push(`${path}: expected an object`);
      return undefined;
    }
    let ok = true;
    // Own keys only, "__proto__" included: JSON.parse makes it an own key, and it is refused like any stranger.
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.errors.push(`${path}: unknown field ${JSON.stringify(key.slice(0, 40))}`);
        ok = false;
      }
    }
    for (const key of required) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) {
        this.errors.push(`${path}: missing field "${key}"`);
        ok = false;
      }
    }
    return ok ? (value as Record<string, unknown>) : undefined;
  }

  list<T>(value: unknown, path: string, item: (v: unknown, path: string) => T | undefined): T[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.errors.push(`${path}: expected a list`);
      return [];
    }
    if (value.length > MAX_ITEMS) {
      this.errors.push(`${path}: more than ${MAX_ITEMS} entries`);
      return [];
    }
    const out: T[] = [];
    value.forEach((v, i) => {
      const x = item(v, `${path}[${i}]`);
      if (x !== undefined) out.push(x);
    });
    return out;
  }

  string(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string' || !value.trim()) {
      this.errors.push(`${path}: expected a non-empty string`);
      return undefined;
    }
    if (value.length > MAX_STRING) {
      this.errors.push(`${path}: longer than ${MAX_STRING} characters`);
      return undefined;
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) {
      this.errors.push(`${path}: contains control characters`);
      return undefined;
    }
    return value;
  }

  optionalString(value: unknown, path: string, allowEmpty = false): string | undefined {
    if (value === undefined || (allowEmpty && value === '')) return undefined;
    return this.string(value, path);
  }

  type(value: unknown, path: string): EntityType | undefined {
    if (typeof value === 'string' && (ENTITY_TYPES as readonly string[]).includes(value)) return value as EntityType;
    this.errors.push(`${path}: expected one of ${ENTITY_TYPES.join(', ')}`);
    return undefined;
  }

  status(value: unknown, path: string): ClaimStatus | undefined {
    if (typeof value === 'string' && (CLAIM_STATUSES as readonly string[]).includes(value)) return value as ClaimStatus;
    this.errors.push(`${path}: expected one of ${CLAIM_STATUSES.join(', ')}`);
    return undefined;
  }

  anchor(o: Record<string, unknown>, path: string): EntityAnchor | undefined {
    const type = this.type(o.type, `${path}.type`);
    const name = this.string(o.name, `${path}.name`);
    return type && name ? { type, name: collapse(name) } : undefined;
  }
}
