// Hover cards for entity mentions and claims: compact by default (what it is, how often, who says it, how
// sure, the user's verdict, and the corrections at hand), the rest a click away. Document text is escaped:
// it never becomes a link, a command or HTML. Only Dossier's own commands on the allow-list below may run
// from a card.
import * as vscode from 'vscode';
import { CLAIM_STATUSES } from '../core/curation/annotations';
import { CURATION_COMMANDS } from './curationCommands';
import type { Claim, DocumentAnalysis, Mention } from '../core/types';
import { escapeMarkdown } from '../core/report';
import { formatValue } from '../core/values/values';
import { spanAt, spanToRange, type LocationArgs } from './ranges';
import { readSettings, showsClaim } from './settings';
import type { WorkspaceIndex } from './workspaceIndex';

export const OPEN_LOCATION = 'dossier.openLocation';
export const TOGGLE_HOVER_DETAIL = 'dossier.toggleHoverDetail';
/** The only commands a card may run. */
export const HOVER_COMMANDS: readonly string[] = [OPEN_LOCATION, TOGGLE_HOVER_DETAIL, CURATION_COMMANDS.rename, CURATION_COMMANDS.merge, CURATION_COMMANDS.split, CURATION_COMMANDS.changeType, CURATION_COMMANDS.notEntity, CURATION_COMMANDS.claimStatus];

/** A link that runs one of Dossier's own commands with JSON arguments; the label is escaped. */
export function commandLink(label: string, command: string, args: unknown, tooltip: string): string {
  return `[${escapeMarkdown(label)}](command:${command}?${encodeURIComponent(JSON.stringify([args]))} "${tooltip.replace(/["\\]/g, '')}")`;
}

export function locationLink(label: string, args: LocationArgs): string {
  return `[${escapeMarkdown(label)}](command:${OPEN_LOCATION}?${encodeURIComponent(JSON.stringify([args]))} "Open")`;
}

export function excerpt(text: string, max = 90): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function baseName(label: string): string {
  return label.split(/[\\/]/).pop() ?? label;
}

export class DossierHoverProvider implements vscode.HoverProvider {
  /** Whether cards show everything; "More…" on a card flips it for the session. */
  private expanded: boolean | undefined;

  constructor(private readonly index: WorkspaceIndex) {}

  /**
   * Flips compact and full cards. From a card's link ({uri, offset} where the pointer was) the caret moves there
   * and the same cards open again, now in the other form.
   */
  async toggleDetail(args?: unknown): Promise<boolean> {
    const next = !this.isExpanded();
    // Back at the configured default: follow the setting again.
    this.expanded = next === (readSettings().hoverDetail === 'full') ? undefined : next;
    const at = args as { uri?: unknown; offset?: unknown } | undefined;
    const editor = vscode.window.activeTextEditor;
    if (editor && typeof at?.uri === 'string' && typeof at.offset === 'number' && editor.document.uri.toString() === at.uri) {
      const position = editor.document.positionAt(at.offset);
      editor.selection = new vscode.Selection(position, position);
      // Showing a hover while one is up would only focus the old card: close it first.
      await vscode.commands.executeCommand('editor.action.hideHover');
      await vscode.commands.executeCommand('editor.action.showHover');
    }
    return next;
  }

  private isExpanded(): boolean {
    return this.expanded ?? readSettings().hoverDetail === 'full';
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const analysis = this.index.analysisFor(document);
    const text = document.getText();
    if (!analysis || analysis.length !== text.length) return undefined;
    const offset = document.offsetAt(position);
    if (offset >= text.length || /\s/.test(text.charAt(offset))) return undefined;
    const settings = readSettings();
    const docId = document.uri.toString();
    const parts: vscode.MarkdownString[] = [];
    let range: vscode.Range | undefined;

    // A role description ("the Russian leader") gets the card of the person it refers to.
    const reference = spanAt(analysis.references, offset);
    const mention = settings.hoverEntities ? (spanAt(analysis.entities, offset) ?? (reference ? { ...reference, type: 'person' as const } : undefined)) : undefined;
    if (mention && settings.entityTypes.has(mention.type)) {
      parts.push(this.entityCard(docId, analysis, mention, offset));
      range = spanToRange(document, mention);
    }
    const claim = settings.hoverClaims ? spanAt(analysis.claims.filter((c) => showsClaim(settings, c)), offset) : undefined;
    if (claim) {
      parts.push(this.claimCard(docId, analysis, claim, offset));
      range ??= spanToRange(document, claim);
    }
    return parts.length ? new vscode.Hover(parts, range) : undefined;
  }

  private markdown(): vscode.MarkdownString {
    const md = new vscode.MarkdownString('', true);
    md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    md.supportHtml = false;
    return md;
  }

  /** `at`: the hovered offset, where More… and Less open the card again. */
  private entityCard(docId: string, analysis: DocumentAnalysis, mention: Mention, at: number): vscode.MarkdownString {
    const md = this.markdown();
    const corpus = this.index.corpus;
    const local = analysis.documentEntities.find((e) => e.key === mention.entity);
    const id = corpus.entityIdOf(docId, mention.entity);
    const entity = id ? corpus.entity(id) : undefined;
    const name = entity?.name ?? local?.name ?? mention.text;
    md.appendMarkdown(`$(${iconFor(mention.type)}) **${escapeMarkdown(name)}** — *${mention.type}*`);
    if (mention.value) md.appendMarkdown(` · ${escapeMarkdown(formatValue(mention.value))}${mention.value.kind === 'quantity' && mention.value.approximate ? ' (approximate)' : ''}`);
    const country = entity?.country ?? local?.country;
    if (country) md.appendMarkdown(` of ${escapeMarkdown(country)}`);
    md.appendMarkdown('\n\n');
    const here = local?.mentions.length ?? 1;
    const others = entity ? entity.documents.filter((d) => d !== docId) : [];
    md.appendMarkdown(`${here} mention${here === 1 ? '' : 's'} here · in ${others.length} other document${others.length === 1 ? '' : 's'}\n\n`);
    const index = analysis.entities.indexOf(mention);
    const actions = [
      ...(id ? [commandLink('Rename', CURATION_COMMANDS.rename, { entity: id }, 'Rename this entity everywhere'), commandLink('Merge…', CURATION_COMMANDS.merge, { into: id }, 'Merge other entities into this one')] : []),
      ...(id && entity && entity.aliases.length > 1 ? [commandLink('Split…', CURATION_COMMANDS.split, { entity: id }, 'Split a name off this entity')] : []),
      ...(id ? [commandLink('Type…', CURATION_COMMANDS.changeType, { entity: id }, 'Change the type of this entity')] : []),
      ...(index >= 0 ? [commandLink('Not an entity', CURATION_COMMANDS.notEntity, { document: docId, index }, 'These words are not an entity in this document')] : []),
    ];
    const expanded = this.isExpanded();
    actions.push(commandLink(expanded ? 'Less' : 'More…', TOGGLE_HOVER_DETAIL, { uri: docId, offset: at }, expanded ? 'Compact cards' : 'Show names and other documents'));
    md.appendMarkdown(`${actions.join(' · ')}\n\n`);
    if (!expanded) return md;
    const aliases = (entity?.aliases ?? local?.aliases ?? []).filter((a) => a !== name);
    if (aliases.length) md.appendMarkdown(`Also written: ${aliases.slice(0, 8).map(escapeMarkdown).join(' · ')}\n\n`);
    if (id && others.length) {
      const mentions = corpus.mentionsOf(id);
      for (const other of others.slice(0, 6)) {
        const inDoc = mentions.filter((m) => m.document === other);
        const first = inDoc[0];
        if (first) {
          md.appendMarkdown(`- ${locationLink(baseName(this.index.label(other)), { uri: other, start: first.mention.start, end: first.mention.end })} (${inDoc.length})\n`);
          continue;
        }
        // Described there without its name ("the recent economic forum in St. Petersburg").
        const described = corpus.descriptionsOf(id).find((d) => d.document === other)?.description;
        if (described) md.appendMarkdown(`- ${locationLink(baseName(this.index.label(other)), { uri: other, start: described.start, end: described.end })}: “${escapeMarkdown(excerpt(described.text, 60))}”\n`);
      }
      if (others.length > 6) md.appendMarkdown(`- … and ${others.length - 6} more\n`);
    }
    return md;
  }

  private claimCard(docId: string, analysis: DocumentAnalysis, claim: Claim, at: number): vscode.MarkdownString {
    const md = this.markdown();
    const index = analysis.claims.indexOf(claim);
    const verdict = this.index.corpus.claimStatus(docId, index);
    md.appendMarkdown(`$(${iconFor(claim.kind)}) **Claim** — *${claim.kind}* · check-worthiness ${claim.score.toFixed(2)}${verdict ? ` · $(${statusIcon(verdict.status)}) **${verdict.status}**` : ''}\n\n`);
    if (verdict?.note) md.appendMarkdown(`Note: ${escapeMarkdown(excerpt(verdict.note, 200))}\n\n`);
    if (claim.source) {
      const source = [escapeMarkdown(excerpt(claim.source.text, 60))];
      if (claim.cue) source.push(`cue: ${escapeMarkdown(claim.cue.text)}`);
      if (claim.direct) source.push('direct quote');
      // The chain's origin: "Bloomberg, citing the Defense Ministry".
      if (claim.originalSource) source.push(`citing ${escapeMarkdown(excerpt(claim.originalSource.text, 60))}`);
      md.appendMarkdown(`Source: ${source.join(' · ')}\n\n`);
    } else {
      md.appendMarkdown('Source: none named\n\n');
    }
    if (claim.hedges.length) md.appendMarkdown(`Hedges: ${claim.hedges.map((h) => escapeMarkdown(h.text)).join(' · ')}\n\n`);
    if (claim.boosters.length) md.appendMarkdown(`Boosters: ${claim.boosters.map((b) => escapeMarkdown(b.text)).join(' · ')}\n\n`);
    const expanded = this.isExpanded();
    const groups = this.index.corpus.groupsOf(docId, index);
    const actions = [
      ...CLAIM_STATUSES
        .filter((s) => s !== verdict?.status)
        .map((status) => commandLink(status === 'verified' ? 'Verified' : status === 'disputed' ? 'Disputed' : 'False', CURATION_COMMANDS.claimStatus, { document: docId, index, status }, `Mark this claim ${status}`)),
      ...(verdict ? [commandLink('Clear', CURATION_COMMANDS.claimStatus, { document: docId, index, status: 'clear' }, 'Remove the mark')] : []),
      commandLink('Note…', CURATION_COMMANDS.claimStatus, { document: docId, index }, 'Mark with a note'),
      commandLink(expanded ? 'Less' : groups.length ? `More… (${groups.length} related)` : 'More…', TOGGLE_HOVER_DETAIL, { uri: docId, offset: at }, expanded ? 'Compact cards' : 'Show values and related claims'),
    ];
    md.appendMarkdown(`Mark: ${actions.join(' · ')}\n\n`);
    if (!expanded) return md;
    if (claim.values.length) md.appendMarkdown(`Values: ${claim.values.map((v) => escapeMarkdown(formatValue(v.value))).join(' · ')}\n\n`);
    if (groups.length) {
      md.appendMarkdown('Related claims elsewhere:\n\n');
      for (const g of groups.slice(0, 6)) {
        const other = g.claims.find((c) => !(c.document === docId && c.index === index));
        const otherClaim = other ? this.index.corpus.get(other.document)?.claims[other.index] : undefined;
        if (!other || !otherClaim) continue;
        md.appendMarkdown(`- **${g.relation}** (${escapeMarkdown(g.reason)}) ${locationLink(baseName(this.index.label(other.document)), { uri: other.document, start: otherClaim.start, end: otherClaim.end })}: ${escapeMarkdown(excerpt(otherClaim.text))}\n`);
      }
    }
    return md;
  }
}

function statusIcon(status: string): string {
  return status === 'verified' ? 'pass-filled' : status === 'false' ? 'error' : 'warning';
}

export function iconFor(type: string): string {
  switch (type) {
    case 'person':
      return 'person';
    case 'organization':
      return 'organization';
    case 'place':
      return 'location';
    case 'nationality':
      return 'globe';
    case 'event':
      return 'calendar';
    case 'date':
      return 'clock';
    case 'quantity':
      return 'symbol-number';
    case 'fact':
      return 'check';
    case 'quote':
      return 'quote';
    case 'opinion':
      return 'comment';
    case 'prediction':
      return 'telescope';
    default:
      return 'symbol-misc';
  }
}
