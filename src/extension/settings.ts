// Typed access to Dossier's settings (contributes.configuration in package.json).
import * as vscode from 'vscode';
import { ENTITY_TYPES, type EntityType } from '../core/types';

export interface Settings {
  highlights: boolean;
  entityTypes: ReadonlySet<EntityType>;
  minimumClaimScore: number;
  include: string;
  exclude: string[];
  maxFileSizeKB: number;
  hoverEntities: boolean;
  hoverClaims: boolean;
  debounceMs: number;
  maxFiles: number;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('dossier');
  const types = c.get<string[]>('entityTypes', [...ENTITY_TYPES]).filter((t): t is EntityType => (ENTITY_TYPES as readonly string[]).includes(t));
  return {
    highlights: c.get<boolean>('highlights.enabled', true),
    entityTypes: new Set(types),
    minimumClaimScore: clamp(c.get<number>('claims.minimumScore', 0.5), 0, 1),
    include: c.get<string>('files.include', '**/*.{txt,md,markdown}'),
    exclude: c.get<string[]>('files.exclude', ['**/node_modules/**', '**/.git/**', '**/dossier-report*.{md,json}']),
    maxFileSizeKB: Math.max(1, c.get<number>('files.maxSizeKB', 2048)),
    hoverEntities: c.get<boolean>('hover.entities', true),
    hoverClaims: c.get<boolean>('hover.claims', true),
    debounceMs: Math.max(0, c.get<number>('analysis.debounceMs', 300)),
    maxFiles: Math.max(1, c.get<number>('files.maxFiles', 5000)),
  };
}

function clamp(x: number, lo: number, hi: number): number {
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : lo;
}

/** Schemes of documents a reader works on: files (local, remote, virtual) and unsaved editors. */
const DOCUMENT_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-notebook-cell']);

export function isAnalyzable(document: vscode.TextDocument): boolean {
  return (document.languageId === 'plaintext' || document.languageId === 'markdown') && DOCUMENT_SCHEMES.has(document.uri.scheme);
}
