// The curation actions as pure edits of the annotations: each returns new annotations and leaves its input
// alone, so that a writer can apply the same edit again to a copy someone else changed on disk meanwhile.
import type { EntityType } from '../types';
import {
  anchorKey,
  collapse,
  normalizeAnnotations,
  type Annotations,
  type ClaimStatus,
  type EntityAnchor,
  type EntityAnnotation,
} from './annotations';

export type AnnotationEdit = (annotations: Annotations) => Annotations;

/** Shows the entity under another name; the original name is renamed back by giving it again. */
export function renameEntity(entity: EntityAnchor, name: string): AnnotationEdit {
  return (a) => editEntity(a, entity, (e) => ({ ...e, rename: collapse(name) === entity.name ? undefined : collapse(name) }));
}

export function retypeEntity(entity: EntityAnchor, type: EntityType): AnnotationEdit {
  return (a) => editEntity(a, entity, (e) => ({ ...e, retype: type === entity.type ? undefined : type }));
}

/** Takes the document entities written only as `alias` out of the entity. */
export function splitAlias(entity: EntityAnchor, alias: string): AnnotationEdit {
  return (a) => editEntity(a, entity, (e) => ({ ...e, split: [...new Set([...(e.split ?? []), collapse(alias)])] }));
}

/** The `from` entities become part of `into`, which keeps its name and type. */
export function mergeEntities(into: EntityAnchor, from: readonly EntityAnchor[]): AnnotationEdit {
  return (a) => {
    const key = anchorKey(into);
    const sources = from.filter((f) => anchorKey(f) !== key);
    // An entity merged earlier into one of the sources now goes straight into the target.
    const sourceKeys = new Set(sources.map(anchorKey));
    const merges = a.merges.map((m) => (sourceKeys.has(anchorKey(m.into)) ? { into, from: m.from } : m));
    return normalizeAnnotations({ ...a, merges: [...merges, { into, from: sources.map((f) => ({ type: f.type, name: collapse(f.name) })) }] });
  };
}

/** Undoes every merge into `into`. */
export function unmergeEntity(into: EntityAnchor): AnnotationEdit {
  return (a) => normalizeAnnotations({ ...a, merges: a.merges.filter((m) => anchorKey(m.into) !== anchorKey(into)) });
}

/** The text, with this type, is not an entity in this document (or, without a document, anywhere). */
export function markNotEntity(text: string, type: EntityType, document?: string): AnnotationEdit {
  return (a) => normalizeAnnotations({ ...a, notEntities: [...a.notEntities, { ...(document ? { document } : {}), text: collapse(text), type }] });
}

/** Records what the user found about a claim; an undefined status takes the mark away. */
export function setClaimStatus(document: string, quote: string, status: ClaimStatus | undefined, note?: string): AnnotationEdit {
  return (a) => {
    const q = collapse(quote);
    const claims = a.claims.filter((c) => !(c.document === document && c.quote === q));
    if (status) claims.push({ document, quote: q, status, ...(note?.trim() ? { note: note.trim() } : {}) });
    return normalizeAnnotations({ ...a, claims });
  };
}

function editEntity(a: Annotations, anchor: EntityAnchor, change: (e: EntityAnnotation) => EntityAnnotation): Annotations {
  const key = anchorKey(anchor);
  const current = a.entities.find((e) => anchorKey(e) === key) ?? { type: anchor.type, name: collapse(anchor.name) };
  const next = change({ ...current });
  const entities = a.entities.filter((e) => anchorKey(e) !== key);
  if (next.rename === undefined) delete next.rename;
  if (next.retype === undefined) delete next.retype;
  if (!next.split?.length) delete next.split;
  entities.push(next);
  return normalizeAnnotations({ ...a, entities });
}
