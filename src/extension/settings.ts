// Typed access to Dossier's settings (contributes.configuration in package.json). Whatever a user or a
// workspace writes there, reading never throws: a value of the wrong type falls back to its default.
import * as vscode from 'vscode';
import { CLAIM_KINDS, ENTITY_TYPES, type Claim, type ClaimKind, type EntityType } from '../core/types';

export { CLAIM_KINDS };

/** How a category of marks is drawn: a theme-coloured background, a theme-coloured underline, or not at all. */
export type HighlightStyle = 'background' | 'underline' | 'none';
export const HIGHLIGHT_STYLES: readonly HighlightStyle[] = ['background', 'underline', 'none'];
/** The keys of dossier.highlights.style: each entity type, and all claims together. */
export type HighlightTarget = EntityType | 'claims';

export interface Settings {
  highlights: boolean;
  highlightStyles: Readonly<Record<HighlightTarget, HighlightStyle>>;
  /** Highlights and the summary CodeLens only in the active editor. */
  leanMode: boolean;
  entityTypes: ReadonlySet<EntityType>;
  minimumClaimScore: number;
  claimKinds: ReadonlySet<ClaimKind>;
  include: string;
  exclude: string[];
  maxFileSizeKB: number;
  hoverEntities: boolean;
  hoverClaims: boolean;
  hoverDetail: 'compact' | 'full';
  debounceMs: number;
  maxFiles: number;
  codeLens: boolean;
  conflictDiagnostics: boolean;
}

const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**', '**/dossier-report*.{md,json}'];

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('dossier');
  return {
    highlights: bool(c.get('highlights.enabled'), true),
    highlightStyles: highlightStyles(c.get('highlights.style')),
    leanMode: bool(c.get('leanMode'), false),
    entityTypes: new Set(choices(c.get('entityTypes'), ENTITY_TYPES)),
    minimumClaimScore: num(c.get('claims.minimumScore'), 0.5, 0, 1),
    claimKinds: new Set(choices(c.get('claims.kinds'), CLAIM_KINDS)),
    include: str(c.get('files.include'), '**/*.{txt,md,markdown}'),
    exclude: strings(c.get('files.exclude')) ?? DEFAULT_EXCLUDE,
    maxFileSizeKB: num(c.get('files.maxSizeKB'), 2048, 1),
    hoverEntities: bool(c.get('hover.entities'), true),
    hoverClaims: bool(c.get('hover.claims'), true),
    hoverDetail: c.get('hover.detail') === 'full' ? 'full' : 'compact',
    debounceMs: num(c.get('analysis.debounceMs'), 300, 0),
    maxFiles: num(c.get('files.maxFiles'), 5000, 1),
    codeLens: bool(c.get('codeLens.enabled'), true),
    conflictDiagnostics: bool(c.get('diagnostics.conflicts'), false),
  };
}

/** Whether the editor marks, hovers and steps through this claim. */
export function showsClaim(settings: Settings, claim: Pick<Claim, 'score' | 'kind'>): boolean {
  return claim.score >= settings.minimumClaimScore && settings.claimKinds.has(claim.kind);
}

/** Each key on its own: one unknown value falls back to that key's default, not the whole object. */
function highlightStyles(value: unknown): Record<HighlightTarget, HighlightStyle> {
  const styles = {} as Record<HighlightTarget, HighlightStyle>;
  const given = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  for (const target of [...ENTITY_TYPES, 'claims'] as const) {
    const v = given[target];
    styles[target] = (HIGHLIGHT_STYLES as readonly unknown[]).includes(v) ? (v as HighlightStyle) : target === 'claims' ? 'underline' : 'background';
  }
  return styles;
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() ? value : fallback;
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** A finite number, clamped to [lo, hi]. */
function num(value: unknown, fallback: number, lo = -Infinity, hi = Infinity): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(hi, Math.max(lo, value)) : fallback;
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/**
 * The known values of a list setting; unknown ones (a typo, a value from a newer version) are ignored.
 * A list with nothing known in it falls back to all; an empty list is a deliberate "none".
 */
function choices<T extends string>(value: unknown, allowed: readonly T[]): T[] {
  if (!Array.isArray(value)) return [...allowed];
  const known = value.filter((v): v is T => (allowed as readonly unknown[]).includes(v));
  return known.length || value.length === 0 ? known : [...allowed];
}

/** Schemes of documents a reader works on: files (local, remote, virtual) and unsaved editors. */
const DOCUMENT_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-notebook-cell']);

export function isAnalyzable(document: vscode.TextDocument): boolean {
  return (document.languageId === 'plaintext' || document.languageId === 'markdown') && DOCUMENT_SCHEMES.has(document.uri.scheme);
}
