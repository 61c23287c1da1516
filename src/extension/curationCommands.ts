// The user's corrections, from the palette, a tree item's context menu or a hover's links: rename, merge,
// split an alias off, change an entity's type, strike a mention out, and mark a claim verified, disputed or
// false with a note. Each command takes optional arguments (an entity id, a tree node, a document and index)
// so that menus, hovers and tests run it without prompts; without them it acts on what is under the cursor,
// or asks. The edits go to .dossier/annotations.json through the AnnotationStore.
import * as vscode from 'vscode';
import { CLAIM_STATUSES, type ClaimStatus } from '../core/curation/annotations';
import { markNotEntity, mergeEntities, renameEntity, retypeEntity, setClaimStatus, splitAlias } from '../core/curation/edits';
import type { WorkspaceEntity } from '../core/corpus/corpus';
import { ENTITY_TYPES, type DocumentAnalysis, type EntityType } from '../core/types';
import type { AnnotationStore } from './annotationStore';
import type { WorkspaceIndex } from './workspaceIndex';

export const CURATION_COMMANDS = {
  rename: 'dossier.renameEntity',
  merge: 'dossier.mergeEntities',
  split: 'dossier.splitAlias',
  changeType: 'dossier.changeEntityType',
  notEntity: 'dossier.markNotEntity',
  claimStatus: 'dossier.setClaimStatus',
  open: 'dossier.openAnnotations',
} as const;

interface Ctx {
  index: WorkspaceIndex;
  store: AnnotationStore;
}

/** Arguments as menus, hovers and tests pass them; everything is checked before use. */
type Args = Record<string, unknown> | string | undefined;

export function registerCurationCommands(ctx: Ctx): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CURATION_COMMANDS.rename, (args?: Args) => rename(ctx, args)),
    vscode.commands.registerCommand(CURATION_COMMANDS.merge, (args?: Args) => merge(ctx, args)),
    vscode.commands.registerCommand(CURATION_COMMANDS.split, (args?: Args) => split(ctx, args)),
    vscode.commands.registerCommand(CURATION_COMMANDS.changeType, (args?: Args) => changeType(ctx, args)),
    vscode.commands.registerCommand(CURATION_COMMANDS.notEntity, (args?: Args) => notEntity(ctx, args)),
    vscode.commands.registerCommand(CURATION_COMMANDS.claimStatus, (args?: Args) => claimStatus(ctx, args)),
    vscode.commands.registerCommand(CURATION_COMMANDS.open, () => openAnnotations(ctx)),
  ];
}

async function rename(ctx: Ctx, args: Args): Promise<boolean> {
  const entity = await entityFrom(ctx, args, 'entity', 'Rename which entity?');
  if (!entity) return false;
  const given = field(args, 'name');
  const name = given ?? (await vscode.window.showInputBox({ title: `Rename ${entity.name}`, value: entity.name, prompt: 'The name Dossier shows for this entity everywhere', validateInput: (v) => (v.trim() ? undefined : 'A name cannot be empty') }));
  if (!name?.trim()) return false;
  return edit(ctx, entity, (anchor) => renameEntity(anchor, name.trim()));
}

async function merge(ctx: Ctx, args: Args): Promise<boolean> {
  const into = await entityFrom(ctx, args, 'into', 'Merge into which entity? (it keeps its name and type)');
  if (!into) return false;
  const corpus = ctx.index.corpus;
  let from: WorkspaceEntity[];
  const given = typeof args === 'object' && Array.isArray(args.from) ? args.from : undefined;
  if (given) {
    from = given.flatMap((id) => {
      const e = typeof id === 'string' ? corpus.entity(id) : undefined;
      return e && e.id !== into.id ? [e] : [];
    });
    if (from.length !== given.length) {
      void vscode.window.showWarningMessage('Dossier: some of the entities to merge no longer exist; nothing was merged.');
      return false;
    }
  } else {
    const picked = await vscode.window.showQuickPick(
      entityItems(corpus.entities().filter((e) => e.id !== into.id), into),
      { title: `Merge into ${into.name}`, placeHolder: 'The entities that are the same as this one', canPickMany: true, matchOnDetail: true },
    );
    from = (picked ?? []).map((p) => p.entity);
  }
  if (from.length === 0) return false;
  const intoAnchor = corpus.anchorOf(into.id);
  const anchors = from.map((e) => corpus.anchorOf(e.id)).filter((a) => a !== undefined);
  if (!intoAnchor || anchors.length !== from.length) return false;
  return apply(ctx, mergeEntities(intoAnchor, anchors), `merged ${from.map((e) => e.name).join(', ')} into ${into.name}`);
}

async function split(ctx: Ctx, args: Args): Promise<boolean> {
  const entity = await entityFrom(ctx, args, 'entity', 'Split a name off which entity?');
  if (!entity) return false;
  const others = entity.aliases.filter((a) => a !== entity.name);
  let alias = field(args, 'alias');
  if (alias === undefined) {
    if (others.length === 0) {
      void vscode.window.showInformationMessage(`Dossier: ${entity.name} goes by no other name to split off.`);
      return false;
    }
    alias = await vscode.window.showQuickPick(others, { title: `Split a name off ${entity.name}`, placeHolder: 'Mentions written only this way become an entity of their own' });
  }
  if (!alias) return false;
  const chosen = alias;
  return edit(ctx, entity, (anchor) => splitAlias(anchor, chosen));
}

async function changeType(ctx: Ctx, args: Args): Promise<boolean> {
  const entity = await entityFrom(ctx, args, 'entity', 'Change the type of which entity?');
  if (!entity) return false;
  let type = field(args, 'type') as EntityType | undefined;
  if (type === undefined) {
    const pick = await vscode.window.showQuickPick(
      ENTITY_TYPES.filter((t) => t !== entity.type).map((t) => ({ label: t })),
      { title: `${entity.name} is a…`, placeHolder: `Now: ${entity.type}` },
    );
    type = pick?.label;
  }
  if (!type || !ENTITY_TYPES.includes(type)) return false;
  const chosen = type;
  return edit(ctx, entity, (anchor) => retypeEntity(anchor, chosen));
}

async function notEntity(ctx: Ctx, args: Args): Promise<boolean> {
  const target = targetOrHint(ctx, args, 'entities', 'Dossier: put the cursor on a highlighted name first.');
  if (!target) return false;
  const mention = target.item;
  return apply(ctx, markNotEntity(mention.text, mention.type, ctx.index.label(target.document)), `“${mention.text}” is not an entity in ${ctx.index.label(target.document)}`);
}

async function claimStatus(ctx: Ctx, args: Args): Promise<boolean> {
  const target = targetOrHint(ctx, args, 'claims', 'Dossier: put the cursor on a claim first.');
  if (!target) return false;
  const claim = target.item;
  const current = ctx.index.corpus.claimStatus(target.document, target.index);
  let status: ClaimStatus | 'clear' | undefined;
  const given = field(args, 'status');
  if (given !== undefined) status = given === 'clear' || (CLAIM_STATUSES as readonly string[]).includes(given) ? (given as ClaimStatus | 'clear') : undefined;
  else {
    const items = [...CLAIM_STATUSES.map((s) => ({ label: s, status: s as ClaimStatus | 'clear', description: s === current?.status ? 'current' : undefined })), ...(current ? [{ label: 'clear', status: 'clear' as const, description: 'remove the mark' }] : [])];
    status = (await vscode.window.showQuickPick(items, { title: 'Mark the claim as…', placeHolder: claim.text.replace(/\s+/g, ' ').slice(0, 120) }))?.status;
  }
  if (!status) return false;
  let note = typeof args === 'object' && typeof args.note === 'string' ? args.note : undefined;
  if (note === undefined && status !== 'clear' && !(typeof args === 'object' && 'status' in args)) {
    note = await vscode.window.showInputBox({ title: `Note (${status})`, prompt: 'Why: a source, a link, what you found (optional)', value: current?.note ?? '' });
    if (note === undefined) return false;
  }
  const label = ctx.index.label(target.document);
  return apply(ctx, setClaimStatus(label, claim.text, status === 'clear' ? undefined : status, note), status === 'clear' ? 'claim mark removed' : `claim marked ${status}`);
}

async function openAnnotations(ctx: Ctx): Promise<void> {
  const uri = ctx.store.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Dossier: open a folder first; corrections are kept in its .dossier/annotations.json.');
    return;
  }
  try {
    await vscode.window.showTextDocument(uri);
  } catch {
    void vscode.window.showInformationMessage('Dossier: no corrections yet. Rename, merge or mark something and .dossier/annotations.json is created.');
  }
}

/** Records an edit of an entity under the anchor the annotations file knows it by. */
function edit(ctx: Ctx, entity: WorkspaceEntity, make: (anchor: { type: EntityType; name: string }) => ReturnType<typeof renameEntity>): Promise<boolean> {
  const anchor = ctx.index.corpus.anchorOf(entity.id);
  if (!anchor) return Promise.resolve(false);
  return apply(ctx, make(anchor), `${entity.name} updated`);
}

async function apply(ctx: Ctx, change: ReturnType<typeof renameEntity>, done: string): Promise<boolean> {
  const ok = await ctx.store.apply(change);
  if (ok) vscode.window.setStatusBarMessage(`Dossier: ${done}.`, 4000);
  return ok;
}

function field(args: Args, name: string): string | undefined {
  const v = typeof args === 'object' && args ? args[name] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** The entity an argument names (an id, a tree node), else the one under the cursor, else the user's pick. */
async function entityFrom(ctx: Ctx, args: Args, key: string, title: string): Promise<WorkspaceEntity | undefined> {
  await ctx.index.whenIdle();
  const corpus = ctx.index.corpus;
  const id = typeof args === 'string' ? args : field(args, key) ?? (typeof args === 'object' && (args.kind === 'entity' || args.kind === 'mention') ? field(args, 'id') : undefined);
  if (id !== undefined) {
    const e = corpus.entity(id);
    if (!e) void vscode.window.showWarningMessage('Dossier: that entity no longer exists (the text changed); try again.');
    return e;
  }
  const editor = vscode.window.activeTextEditor;
  const underCursor = editor && cursorMention(ctx, editor);
  const items = entityItems(corpus.entities(), underCursor);
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Dossier: no entities yet. Open a text or Markdown document first.');
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title, placeHolder: 'Type a name or an alias', matchOnDetail: true }))?.entity;
}

function entityItems(entities: readonly WorkspaceEntity[], first?: WorkspaceEntity): (vscode.QuickPickItem & { entity: WorkspaceEntity })[] {
  const ordered = first ? [first, ...entities.filter((e) => e.id !== first.id)] : [...entities];
  return ordered.map((entity) => ({
    entity,
    label: entity.name,
    description: `${entity.type} · ${entity.mentions} mention${entity.mentions === 1 ? '' : 's'}${entity === first ? ' · under the cursor' : ''}`,
    detail: entity.aliases.length > 1 ? `Also: ${entity.aliases.filter((a) => a !== entity.name).join(', ')}` : undefined,
  }));
}

function cursorMention(ctx: Ctx, editor: vscode.TextEditor): WorkspaceEntity | undefined {
  const target = spanTarget(ctx, undefined, 'entities');
  const mention = target && ctx.index.get(target.document)?.entities[target.index];
  const id = mention && ctx.index.corpus.entityIdOf(editor.document.uri.toString(), mention.entity);
  return id ? ctx.index.corpus.entity(id) : undefined;
}

/** The mention or claim a command acts on, with the item itself; says how to choose one when there is none. */
function targetOrHint<L extends 'entities' | 'claims'>(ctx: Ctx, args: Args, list: L, hint: string): { document: string; index: number; item: DocumentAnalysis[L][number] } | undefined {
  const target = spanTarget(ctx, args, list);
  const item = target && (ctx.index.get(target.document)?.[list][target.index] as DocumentAnalysis[L][number] | undefined);
  if (!target || !item) {
    void vscode.window.showInformationMessage(hint);
    return undefined;
  }
  return { ...target, item };
}

/** A mention or claim: from arguments ({document, index} or a tree node), else under the cursor. */
function spanTarget(ctx: Ctx, args: Args, list: 'entities' | 'claims'): { document: string; index: number } | undefined {
  if (typeof args === 'object' && args && typeof args.document === 'string' && typeof args.index === 'number' && Number.isInteger(args.index)) {
    return ctx.index.get(args.document)?.[list][args.index] ? { document: args.document, index: args.index } : undefined;
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const analysis = ctx.index.analysisFor(editor.document);
  if (!analysis) return undefined;
  const offset = editor.document.offsetAt(editor.selection.active);
  const spans: readonly { start: number; end: number }[] = analysis[list];
  let best = -1;
  spans.forEach((s, i) => {
    if (s.start <= offset && offset < s.end && (best < 0 || s.end - s.start < spans[best].end - spans[best].start)) best = i;
  });
  return best >= 0 ? { document: editor.document.uri.toString(), index: best } : undefined;
}
