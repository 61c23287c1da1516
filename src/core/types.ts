// The data Dossier's engine produces. Plain serialisable values: they cross the worker boundary and
// the CLI's JSON as they are. Every offset is a UTF-16 code-unit index into the analysed text, end exclusive.

export type EntityType = 'person' | 'organization' | 'place' | 'nationality' | 'event' | 'date' | 'quantity';
export const ENTITY_TYPES: readonly EntityType[] = ['person', 'organization', 'place', 'nationality', 'event', 'date', 'quantity'];

export type ClaimKind = 'fact' | 'quote' | 'opinion' | 'prediction';
// A record, so that the compiler insists on every kind.
const CLAIM_KIND_SET: Record<ClaimKind, true> = { fact: true, quote: true, opinion: true, prediction: true };
export const CLAIM_KINDS = Object.keys(CLAIM_KIND_SET) as readonly ClaimKind[];

export interface Span {
  start: number;
  end: number;
  text: string;
}

/** A normalised date or quantity, so that two documents can be compared. */
export type Value =
  | { kind: 'date'; iso: string; precision: 'day' | 'month' | 'year'; endIso?: string }
  | { kind: 'quantity'; amount: number; unit: string; /** Hedged: "nearly", "about", "more than"… */ approximate?: boolean };

export interface Mention extends Span {
  type: EntityType;
  /** Key of the document entity this mention belongs to (see DocumentEntity.key). */
  entity: string;
  value?: Value;
}

export interface DocumentEntity {
  key: string;
  name: string;
  type: EntityType;
  aliases: string[];
  /** For a nationality, the country it belongs to ("Russian" → "Russia"). */
  country?: string;
  /** Indexes into DocumentAnalysis.entities. */
  mentions: number[];
}

export interface Attribution {
  source: Span & { entity?: string };
  cue: Span;
  /** Who the source itself cites ("Bloomberg, citing the Defense Ministry"). */
  originalSource?: Span & { entity?: string };
  direct: boolean;
}

export interface Claim extends Span {
  /** Check-worthiness in [0,1]. */
  score: number;
  kind: ClaimKind;
  source?: Span & { entity?: string };
  cue?: Span;
  originalSource?: Span & { entity?: string };
  direct?: boolean;
  /** Words that weaken the claim ("nearly" before a number, "likely", "reportedly", "rumors"). */
  hedges: Span[];
  /** Words that strengthen it ("of course", "clearly", "literally"). */
  boosters: Span[];
  /** Keys of the document entities mentioned inside the claim. */
  entities: string[];
  /** Normalised dates and quantities inside the claim, with their spans. */
  values: (Span & { value: Value })[];
  negated: boolean;
}

/** A description that refers to an entity without naming it ("the Russian leader" → Vladimir Putin). */
export interface Reference extends Span {
  /** Key of the document entity it refers to. */
  entity: string;
}

/** A named event or organisation written out as a description ("the recent economic forum in St. Petersburg"). */
export interface NameDescription extends Span {
  /** Its head word, lower case ("forum"). */
  head: string;
  /** Its other naming words, lower case ("economic"; not "recent"). */
  words: string[];
  /** The place it is in, as written ("St. Petersburg"). */
  place: string;
}

export interface DocumentAnalysis {
  /** Length of the analysed text, to detect a stale analysis cheaply. */
  length: number;
  sentences: { start: number; end: number }[];
  entities: Mention[];
  documentEntities: DocumentEntity[];
  /** Role descriptions linked to the person they describe. */
  references: Reference[];
  /** Events and organisations written out as descriptions, for linking across documents. */
  nameDescriptions?: NameDescription[];
  claims: Claim[];
  /** The document's own date when it states one (ISO), used to resolve relative dates. */
  documentDate?: string;
}
