// The sidebar's view choices: grouping, sorting and filters of the Entities and Claims views, and whether the
// views follow the editor. Remembered per workspace (workspaceState) and mirrored into context keys, which the
// view-title buttons of package.json show and hide by.
import * as vscode from 'vscode';
import { CLAIM_STATUSES, type ClaimStatus } from '../core/curation/annotations';

export type EntityGrouping = 'type' | 'document';
export type EntitySorting = 'mentions' | 'name';
export type ClaimGrouping = 'document' | 'kind';
export type ClaimStatusFilter = 'all' | 'unmarked' | ClaimStatus;
export const STATUS_FILTERS: readonly ClaimStatusFilter[] = ['all', 'unmarked', ...CLAIM_STATUSES];

export interface ViewChoices {
  entityGrouping: EntityGrouping;
  entitySorting: EntitySorting;
  /** Case-insensitive; '' is no filter. */
  entityFilter: string;
  claimGrouping: ClaimGrouping;
  /** undefined: the dossier.claims.minimumScore setting. */
  claimMinimumScore: number | undefined;
  claimStatus: ClaimStatusFilter;
  followEditor: boolean;
}

export const DEFAULT_CHOICES: Readonly<ViewChoices> = {
  entityGrouping: 'type',
  entitySorting: 'mentions',
  entityFilter: '',
  claimGrouping: 'document',
  claimMinimumScore: undefined,
  claimStatus: 'all',
  followEditor: true,
};

const STORAGE_KEY = 'dossier.viewState';
/** Longer filters are cut: the filter shows in the view's title bar. */
const MAX_FILTER = 200;

/** Whatever an older version or a hand-edited state holds, each choice falls back to its default on its own. */
export function parseChoices(value: unknown): ViewChoices {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const pick = <T extends string>(x: unknown, allowed: readonly T[], fallback: T): T => ((allowed as readonly unknown[]).includes(x) ? (x as T) : fallback);
  const score = v.claimMinimumScore;
  return {
    entityGrouping: pick(v.entityGrouping, ['type', 'document'], DEFAULT_CHOICES.entityGrouping),
    entitySorting: pick(v.entitySorting, ['mentions', 'name'], DEFAULT_CHOICES.entitySorting),
    entityFilter: typeof v.entityFilter === 'string' ? v.entityFilter.trim().slice(0, MAX_FILTER) : '',
    claimGrouping: pick(v.claimGrouping, ['document', 'kind'], DEFAULT_CHOICES.claimGrouping),
    claimMinimumScore: typeof score === 'number' && Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : undefined,
    claimStatus: pick(v.claimStatus, STATUS_FILTERS, DEFAULT_CHOICES.claimStatus),
    followEditor: typeof v.followEditor === 'boolean' ? v.followEditor : DEFAULT_CHOICES.followEditor,
  };
}

export class ViewState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after any choice changed (already stored and in the context keys). */
  readonly onDidChange = this.changed.event;
  private value: ViewChoices;

  constructor(private readonly memento: vscode.Memento) {
    this.value = parseChoices(memento.get(STORAGE_KEY));
    void this.publish();
  }

  get choices(): Readonly<ViewChoices> {
    return this.value;
  }

  /** Sets some choices (validated like stored ones), stores them and updates the context keys. */
  async update(patch: Partial<ViewChoices>): Promise<void> {
    const next = parseChoices({ ...this.value, ...patch });
    if (JSON.stringify(next) === JSON.stringify(this.value)) return;
    this.value = next;
    this.changed.fire();
    await Promise.all([this.memento.update(STORAGE_KEY, next), this.publish()]);
  }

  /** Back to the defaults (for tests and a fresh start). */
  reset(): Promise<void> {
    return this.update({ ...DEFAULT_CHOICES });
  }

  private async publish(): Promise<void> {
    const v = this.value;
    const set = (key: string, value: unknown) => vscode.commands.executeCommand('setContext', key, value);
    await Promise.all([
      set('dossier.entities.groupBy', v.entityGrouping),
      set('dossier.entities.sortBy', v.entitySorting),
      set('dossier.entities.filtering', v.entityFilter !== ''),
      set('dossier.claims.groupBy', v.claimGrouping),
      set('dossier.claims.filtering', v.claimMinimumScore !== undefined || v.claimStatus !== 'all'),
      set('dossier.followEditor', v.followEditor),
    ]);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
