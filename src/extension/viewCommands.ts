// Commands of the sidebar's title bars (grouping, sorting, filters, follow editor) and of its items' context
// menus (Open, Show Cross-References, Copy Name, Copy Claim Text). Each takes its value as an optional
// argument, so that tests and keybindings can run it without a prompt.
import * as vscode from 'vscode';
import { revealSpan, type LocationArgs } from './ranges';
import { readSettings } from './settings';
import type { ClaimNode, ClaimsTreeProvider, CrossReferencesProvider, EntitiesTreeProvider, EntityNode } from './trees';
import { STATUS_FILTERS, type ClaimStatusFilter, type ViewState } from './viewState';
import type { WorkspaceIndex } from './workspaceIndex';

export interface ViewCommandContext {
  index: WorkspaceIndex;
  state: ViewState;
  entities: EntitiesTreeProvider;
  claims: ClaimsTreeProvider;
  crossReferences: CrossReferencesProvider;
}

const SCORE_CHOICES = [0.3, 0.5, 0.6, 0.7, 0.8, 0.9];

export function registerViewCommands(ctx: ViewCommandContext): vscode.Disposable[] {
  const { state } = ctx;
  const command = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run as (...args: unknown[]) => unknown);
  return [
    command('dossier.entities.groupByDocument', () => state.update({ entityGrouping: 'document' })),
    command('dossier.entities.groupByType', () => state.update({ entityGrouping: 'type' })),
    command('dossier.entities.sortByName', () => state.update({ entitySorting: 'name' })),
    command('dossier.entities.sortByMentions', () => state.update({ entitySorting: 'mentions' })),
    command('dossier.entities.filter', (value?: unknown) => filterEntities(ctx, value)),
    command('dossier.entities.clearFilter', () => state.update({ entityFilter: '' })),
    command('dossier.claims.groupByKind', () => state.update({ claimGrouping: 'kind' })),
    command('dossier.claims.groupByDocument', () => state.update({ claimGrouping: 'document' })),
    command('dossier.claims.filterByScore', (value?: unknown) => filterClaimsByScore(ctx, value)),
    command('dossier.claims.filterByStatus', (value?: unknown) => filterClaimsByStatus(ctx, value)),
    command('dossier.claims.clearFilter', () => state.update({ claimMinimumScore: undefined, claimStatus: 'all' })),
    command('dossier.followEditor.enable', () => state.update({ followEditor: true })),
    command('dossier.followEditor.disable', () => state.update({ followEditor: false })),
    command('dossier.entities.open', (node?: EntityNode) => open(node && ctx.entities.location(node))),
    command('dossier.entities.showCrossReferences', (node?: EntityNode) => showEntityCrossReferences(node)),
    command('dossier.entities.copyName', (node?: EntityNode) => copy(node && 'id' in node ? ctx.index.corpus.entity(node.id)?.name : undefined)),
    command('dossier.claims.open', (node?: ClaimNode) => open(node && ctx.claims.location(node))),
    command('dossier.claims.showCrossReferences', (node?: ClaimNode) => showClaimCrossReferences(ctx, node)),
    command('dossier.claims.copyText', (node?: ClaimNode) => copy(node && ctx.claims.text(node))),
  ];
}

/** Input box pre-filled with the current filter; an empty answer clears it. */
async function filterEntities(ctx: ViewCommandContext, value: unknown): Promise<void> {
  let filter = typeof value === 'string' ? value : undefined;
  if (filter === undefined) {
    filter = await vscode.window.showInputBox({
      title: 'Filter Entities',
      prompt: 'Names and aliases that contain this text (any case) or resemble it. Leave empty to show all.',
      placeHolder: 'e.g. putin',
      value: ctx.state.choices.entityFilter,
      valueSelection: [0, ctx.state.choices.entityFilter.length],
    });
    if (filter === undefined) return;
  }
  await ctx.state.update({ entityFilter: filter.trim() });
}

function parseScore(text: string): number | undefined {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 1 ? n : undefined;
}

/** A number in [0,1], or 'setting' (follow dossier.claims.minimumScore); without one, a quick pick. */
async function filterClaimsByScore(ctx: ViewCommandContext, value: unknown): Promise<void> {
  if (value === 'setting') return ctx.state.update({ claimMinimumScore: undefined });
  if (typeof value === 'number' && Number.isFinite(value)) return ctx.state.update({ claimMinimumScore: value });
  const setting = readSettings().minimumClaimScore;
  const current = ctx.claims.minimumScore();
  type Item = vscode.QuickPickItem & { score: number | 'setting' | 'custom' };
  const items: Item[] = [
    { label: `Use the setting (${setting.toFixed(2)})`, description: 'dossier.claims.minimumScore', score: 'setting' },
    ...SCORE_CHOICES.map((score): Item => ({ label: `≥ ${score.toFixed(2)}`, score, description: ctx.state.choices.claimMinimumScore === score ? 'current' : undefined })),
    { label: 'Other…', description: 'a number between 0 and 1', score: 'custom' },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Filter Claims by Check-Worthiness', placeHolder: `Show claims scoring at least… (now ${current.toFixed(2)})` });
  if (!pick) return;
  if (pick.score === 'setting') return ctx.state.update({ claimMinimumScore: undefined });
  if (pick.score !== 'custom') return ctx.state.update({ claimMinimumScore: pick.score });
  const text = await vscode.window.showInputBox({
    title: 'Filter Claims by Check-Worthiness',
    prompt: 'Minimum score, between 0 and 1',
    value: current.toFixed(2),
    validateInput: (t) => (parseScore(t) === undefined ? 'A number between 0 and 1' : undefined),
  });
  const score = text === undefined ? undefined : parseScore(text);
  if (score !== undefined) await ctx.state.update({ claimMinimumScore: score });
}

async function filterClaimsByStatus(ctx: ViewCommandContext, value: unknown): Promise<void> {
  if ((STATUS_FILTERS as readonly unknown[]).includes(value)) return ctx.state.update({ claimStatus: value as ClaimStatusFilter });
  const describe: Record<ClaimStatusFilter, string> = {
    all: 'every claim',
    unmarked: 'claims nobody has marked yet',
    verified: 'claims marked verified',
    disputed: 'claims marked disputed',
    false: 'claims marked false',
  };
  const pick = await vscode.window.showQuickPick(
    STATUS_FILTERS.map((status) => ({ label: status, description: describe[status], picked: status === ctx.state.choices.claimStatus, status })),
    { title: 'Filter Claims by Status', placeHolder: `Show… (now: ${ctx.state.choices.claimStatus})` },
  );
  if (pick) await ctx.state.update({ claimStatus: pick.status });
}

async function open(args: LocationArgs | undefined): Promise<void> {
  if (!args) return;
  try {
    await revealSpan(args);
  } catch (err) {
    void vscode.window.showWarningMessage(`Dossier: cannot open ${args.uri}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function copy(text: string | undefined): Promise<void> {
  if (text === undefined) return;
  await vscode.env.clipboard.writeText(text);
  // Not the text itself: the status bar would render "$(…)" in a document's text as an icon.
  vscode.window.setStatusBarMessage(`Dossier: copied ${text.length} characters to the clipboard`, 3000);
}

async function showEntityCrossReferences(node: EntityNode | undefined): Promise<void> {
  if (!node || !('id' in node)) return;
  // Find Entity with an id focuses the Cross-References view on it and reveals it in the Entities view.
  await vscode.commands.executeCommand('dossier.findEntity', node.id);
}

async function showClaimCrossReferences(ctx: ViewCommandContext, node: ClaimNode | undefined): Promise<void> {
  if (node?.kind !== 'claim') return;
  ctx.crossReferences.setFocus({ kind: 'claim', document: node.document, index: node.index });
  await vscode.commands.executeCommand('dossier.crossReferences.focus');
}
