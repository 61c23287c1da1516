// The workspace index: every document's analysis, the entities linked across documents, and the claim
// groups (agree, conflict, related). Documents are added, replaced and removed one at a time; the derived
// views are recomputed lazily on the next query.
import Fuse from 'fuse.js';
import { isAcronym, nameTokens } from '../entities/names';
import { getLexicon, WORD } from '../lexicon';
import type { DocumentAnalysis, DocumentEntity, EntityType, Mention } from '../types';
import { groupClaims, type ClaimGroup } from './claimGroups';
import { personTokensMatch, tokensMatch } from './linking';

export type { ClaimGroup, ClaimRef } from './claimGroups';

export interface WorkspaceEntity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  /** Document ids, in corpus order. */
  documents: string[];
  mentions: number;
  /** For a nationality, the country it belongs to. */
  country?: string;
}

export interface EntityMention {
  document: string;
  /** Index into that document's analysis.entities. */
  index: number;
  mention: Mention;
}

interface Derived {
  entities: WorkspaceEntity[];
  byId: Map<string, WorkspaceEntity>;
  /** `${document}\u0000${documentEntityKey}` → workspace entity id. */
  link: Map<string, string>;
  /** Grouped on first use: entities alone are needed far more often. */
  groups?: ClaimGroup[];
  fuse?: Fuse<{ entity: WorkspaceEntity; alias: string }>;
}

const NAMED: ReadonlySet<EntityType> = new Set(['person', 'organization', 'place', 'nationality', 'event']);
/** Types the labeller confuses with each other. */
const PROPER: ReadonlySet<EntityType> = new Set(['person', 'organization', 'place']);

export class Corpus {
  private readonly docs = new Map<string, DocumentAnalysis>();
  private derived: Derived | undefined;

  set(document: string, analysis: DocumentAnalysis): void {
    this.docs.set(document, analysis);
    this.derived = undefined;
  }

  delete(document: string): boolean {
    const had = this.docs.delete(document);
    if (had) this.derived = undefined;
    return had;
  }

  rename(from: string, to: string): void {
    const a = this.docs.get(from);
    if (!a) return;
    this.docs.delete(from);
    this.docs.set(to, a);
    this.derived = undefined;
  }

  clear(): void {
    this.docs.clear();
    this.derived = undefined;
  }

  get(document: string): DocumentAnalysis | undefined {
    return this.docs.get(document);
  }

  documents(): string[] {
    return [...this.docs.keys()];
  }

  entities(): WorkspaceEntity[] {
    return this.view().entities;
  }

  /**
   * One-word names of people, organisations and places as the workspace writes them ("Putin", "Colts"), with
   * their type: what analyzeText's knownNames option takes, so that a document that only says "Bush" finds the
   * name another one labels. Words the workspace labels with two types are left out.
   */
  knownNames(): Map<string, EntityType> {
    const names = new Map<string, EntityType | null>();
    const note = (word: string, type: EntityType) => {
      const known = names.get(word);
      names.set(word, known === undefined || known === type ? type : null);
    };
    for (const e of this.view().entities) {
      if (!PROPER.has(e.type)) continue;
      for (const alias of e.aliases) {
        const words = alias.split(/\s+/);
        if (words.length === 1) note(alias, e.type);
        else if (e.type === 'person') note(words[words.length - 1], 'person');
      }
    }
    // Not the short last parts of names written given-name last ("Un" of Kim Jong Un).
    const out = new Map<string, EntityType>();
    for (const [word, type] of names) if (type && word.length > 2 && /^\p{Lu}/u.test(word)) out.set(word, type);
    return out;
  }

  entity(id: string): WorkspaceEntity | undefined {
    return this.view().byId.get(id);
  }

  /** The workspace entity a document entity was linked to. */
  entityIdOf(document: string, documentEntityKey: string): string | undefined {
    return this.view().link.get(`${document}\u0000${documentEntityKey}`);
  }

  mentionsOf(entityId: string): EntityMention[] {
    const view = this.view();
    const out: EntityMention[] = [];
    for (const [document, a] of this.docs) {
      a.entities.forEach((mention, index) => {
        if (view.link.get(`${document}\u0000${mention.entity}`) === entityId) out.push({ document, index, mention });
      });
    }
    return out;
  }

  claimGroups(): ClaimGroup[] {
    const view = this.view();
    return (view.groups ??= groupClaims(this.docs, (doc, key) => view.link.get(`${doc}\u0000${key}`)));
  }

  /** Groups that contain the given claim. */
  groupsOf(document: string, claimIndex: number): ClaimGroup[] {
    return this.claimGroups().filter((g) => g.claims.some((c) => c.document === document && c.index === claimIndex));
  }

  /** Fuzzy search over entity names and aliases (fuse.js), best first. */
  search(query: string, limit = 50): WorkspaceEntity[] {
    const view = this.view();
    view.fuse ??= new Fuse(
      view.entities.flatMap((entity) => [entity.name, ...entity.aliases.filter((a) => a !== entity.name)].map((alias) => ({ entity, alias }))),
      { keys: ['alias'], threshold: 0.35, ignoreLocation: true, includeScore: true },
    );
    const seen = new Set<string>();
    const out: WorkspaceEntity[] = [];
    for (const r of view.fuse.search(query)) {
      if (seen.has(r.item.entity.id)) continue;
      seen.add(r.item.entity.id);
      out.push(r.item.entity);
      if (out.length >= limit) break;
    }
    return out;
  }

  private view(): Derived {
    if (this.derived) return this.derived;
    const { entities, link } = linkEntities(this.docs);
    const byId = new Map(entities.map((e) => [e.id, e]));
    this.derived = { entities, byId, link };
    return this.derived;
  }
}

interface Cluster {
  id: string;
  type: EntityType;
  /** Each name written for it, with how many mentions it names. */
  names: Map<string, number>;
  /** The same names split into normalised tokens. */
  nameTokens: string[][];
  aliases: Set<string>;
  /** Aliases of one word, normalised ("NATO" → "nato"). */
  oneWordAliases: Set<string>;
  tokens: Set<string>;
  documents: Set<string>;
  mentions: number;
  country?: string;
}

/**
 * Where a name can find the clusters it may match: by type and the first two letters of a name's last
 * token (full names and transliterations share their surname), and by type and any whole token (a lone
 * word joins the full name that contains it). Never a scan of every cluster.
 */
class ClusterIndex {
  private readonly byLast = new Map<string, Cluster[]>();
  private readonly byToken = new Map<string, Cluster[]>();

  add(cluster: Cluster, tokens: readonly string[]): void {
    if (tokens.length === 0) return;
    push(this.byLast, `${cluster.type}:${tokens[tokens.length - 1].slice(0, 2)}`, cluster);
    for (const t of tokens) push(this.byToken, `${cluster.type}:${t}`, cluster);
  }

  candidates(type: EntityType, tokens: readonly string[]): Set<Cluster> {
    const out = new Set<Cluster>();
    if (tokens.length === 0) return out;
    // A lone word the labeller typed as an organisation or place may be a person's surname ("Cheeks" →
    // Maurice Cheeks), one it took for a person a team's nickname ("Colts").
    const types: EntityType[] = [type];
    if (surnameCandidate(type, tokens)) types.push('person');
    if (type === 'person' && tokens.length === 1) types.push('organization');
    for (const t of types) {
      for (const c of this.byLast.get(`${t}:${tokens[tokens.length - 1].slice(0, 2)}`) ?? []) out.add(c);
      if (tokens.length === 1) for (const c of this.byToken.get(`${t}:${tokens[0]}`) ?? []) out.add(c);
    }
    return out;
  }
}

function push(map: Map<string, Cluster[]>, key: string, cluster: Cluster): void {
  const list = map.get(key);
  if (!list) map.set(key, [cluster]);
  else if (list[list.length - 1] !== cluster && !list.includes(cluster)) list.push(cluster);
}

function linkEntities(docs: Map<string, DocumentAnalysis>): { entities: WorkspaceEntity[]; link: Map<string, string> } {
  const clusters: Cluster[] = [];
  const byName = new Map<string, Cluster[]>();
  const index = new ClusterIndex();
  const link = new Map<string, string>();
  const usedIds = new Set<string>();
  // Names repeat across documents: each is normalised and split once.
  const tokenCache = new Map<string, string[]>();
  const tokensOf = (name: string): string[] => {
    let t = tokenCache.get(name);
    if (!t) tokenCache.set(name, (t = nameTokens(name)));
    return t;
  };
  // Full names first, so that a document that only says "Putin" finds the Vladimir Putin of another.
  const items: { document: string; entity: DocumentEntity }[] = [];
  for (const [document, a] of docs) for (const entity of a.documentEntities) items.push({ document, entity });
  items.sort((x, y) => tokensOf(y.entity.name).length - tokensOf(x.entity.name).length);

  for (const { document, entity } of items) {
    const tokens = tokensOf(entity.name);
    const normalized = NAMED.has(entity.type) ? tokens.join(' ') : entity.key;
    const sameName = byName.get(normalized) ?? [];
    let cluster = sameName.find((c) => c.type === entity.type) ?? (PROPER.has(entity.type) ? mostMentioned(sameName.filter((c) => PROPER.has(c.type))) : undefined);
    if (!cluster && NAMED.has(entity.type)) cluster = findSimilar(index.candidates(entity.type, tokens), entity.type, tokens, isAcronym(entity.name));
    if (!cluster) {
      // Dates and quantities keep their document key ("date:2024-06-18"); names get "type:name-in-words".
      const base = NAMED.has(entity.type) ? `${entity.type}:${normalized.replace(/\s+/g, '-')}` : entity.key.replace(/\s+/g, '-');
      let id = base;
      for (let n = 2; usedIds.has(id); n++) id = `${base}~${n}`;
      usedIds.add(id);
      cluster = { id, type: entity.type, names: new Map(), nameTokens: [], aliases: new Set(), oneWordAliases: new Set(), tokens: new Set(), documents: new Set(), mentions: 0 };
      clusters.push(cluster);
    }
    const list = byName.get(normalized) ?? [];
    if (!list.includes(cluster)) list.push(cluster);
    byName.set(normalized, list);
    if (!cluster.names.has(entity.name)) cluster.nameTokens.push(tokens);
    cluster.names.set(entity.name, (cluster.names.get(entity.name) ?? 0) + entity.mentions.length);
    for (const t of tokens) cluster.tokens.add(t);
    for (const alias of entity.aliases) {
      if (cluster.aliases.has(alias)) continue;
      cluster.aliases.add(alias);
      const aliasTokens = tokensOf(alias);
      if (aliasTokens.length === 1) cluster.oneWordAliases.add(aliasTokens[0]);
      index.add(cluster, aliasTokens);
    }
    cluster.documents.add(document);
    cluster.mentions += entity.mentions.length;
    if (entity.country) cluster.country = entity.country;
    link.set(`${document}\u0000${entity.key}`, cluster.id);
  }

  const order = new Map([...docs.keys()].map((d, i) => [d, i]));
  const entities = clusters.map((c): WorkspaceEntity => {
    // The full name written most often: "Maurice Cheeks" (18 times), not a headline's "Hire Maurice Cheeks"
    // (once) nor the surname alone; ties go to the longer.
    const full = [...c.names.keys()].some((n) => tokensOf(n).length > 1);
    let name = '';
    for (const [n, count] of c.names) {
      if (full && tokensOf(n).length < 2) continue;
      const better = count > (c.names.get(name) ?? 0) || (count === c.names.get(name) && tokensOf(n).length > tokensOf(name).length);
      if (!name || better) name = n;
    }
    return {
      id: c.id,
      name,
      type: c.type,
      aliases: [...c.aliases].sort(),
      documents: [...c.documents].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
      mentions: c.mentions,
      ...(c.country ? { country: c.country } : {}),
    };
  });
  entities.sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  return { entities, link };
}

function mostMentioned(clusters: Cluster[]): Cluster | undefined {
  let best: Cluster | undefined;
  for (const c of clusters) if (!best || c.mentions > best.mentions) best = c;
  return best;
}

/** An organisation, or a place no gazetteer knows: perhaps a person's name the labeller mistyped. */
function surnameCandidate(type: EntityType, tokens: readonly string[]): boolean {
  return type === 'organization' || (type === 'place' && getLexicon().names.get(tokens.join(' ')) !== 'place');
}

/** "Colts" is the Indianapolis Colts: the last word of a longer organisation name, when that word is not a generic head ("Bank", "Ministry"). */
function isNameHead(cluster: Cluster, token: string): boolean {
  if (cluster.type !== 'organization' || ((getLexicon().wordFlags.get(token) ?? 0) & WORD.orgHead) !== 0) return false;
  return cluster.nameTokens.some((t) => t.length > 1 && t[t.length - 1] === token);
}

/** A cluster of the same type whose name matches up to spelling, or whose full name contains this short one. */
function findSimilar(clusters: Iterable<Cluster>, type: EntityType, tokens: readonly string[], acronym: boolean): Cluster | undefined {
  // An acronym is never a person's surname ("UN" is not Kim Jong Un).
  const surname = tokens.length === 1 && !acronym;
  let best: Cluster | undefined;
  for (const c of clusters) {
    if (c.type !== type) {
      // A mistyped lone surname or full name joins the person it names; a lone nickname, its team.
      let match = false;
      if (c.type === 'person' && surnameCandidate(type, tokens)) {
        match = tokens.length === 1 ? surname && c.tokens.has(tokens[0]) : c.nameTokens.some((n) => personTokensMatch(n, tokens));
      }
      if (c.type === 'organization' && type === 'person' && tokens.length === 1) match = isNameHead(c, tokens[0]);
      if (match && (!best || c.mentions > best.mentions)) best = c;
      continue;
    }
    let match = c.nameTokens.some((n) => tokensMatch(n, tokens) || (c.type === 'person' && personTokensMatch(n, tokens)));
    // A lone surname ("Putin") joins the one person of the workspace whose name contains it.
    if (!match && surname && type === 'person' && c.tokens.has(tokens[0])) match = true;
    if (!match && tokens.length === 1 && type !== 'person') {
      match = c.oneWordAliases.has(tokens[0]) || (type === 'organization' && isNameHead(c, tokens[0]));
    }
    if (match && (!best || c.mentions > best.mentions)) best = c;
  }
  return best;
}
