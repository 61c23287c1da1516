// "Dossier: Show Entity Graph": one webview panel drawing the workspace entities and how often they are named
// together (core/corpus/graph.ts). The page (media/graph.js) gets the graph as JSON through postMessage, never
// inside the HTML; what it sends back is checked before anything acts on it.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Corpus } from '../core/corpus/corpus';
import { entityGraph, GRAPH_TYPES, type GraphData } from '../core/corpus/graph';
import { typeTitle } from '../core/report';
import { ENTITY_TYPES } from '../core/types';
import { readSettings } from './settings';

export const SHOW_ENTITY_GRAPH = 'dossier.showEntityGraph';
const VIEW_TYPE = 'dossier.entityGraph';
/** Changes to the workspace come in bursts (a scan, typing); the graph is redrawn once they settle. */
const UPDATE_DELAY_MS = 400;
/** Longer than any entity id the linker makes; a longer string is not worth a lookup. */
const MAX_ID_LENGTH = 1_000;

/** What the panel needs of the workspace index. */
export interface GraphSource {
  readonly corpus: Corpus;
  readonly onDidChange: vscode.Event<void>;
}

/** For tests, through DossierApi.graph. */
export interface EntityGraphApi {
  /** The graph last sent to the open panel; undefined when no panel is open. */
  lastRendered(): GraphData | undefined;
  /** The panel's HTML as last set; undefined when no panel is open. */
  html(): string | undefined;
  /** Handles a message as if the page had posted it; true when it was acted on. */
  postFromWebview(message: unknown): Promise<boolean>;
}

type PageMessage = { type: 'ready' } | { type: 'reveal'; id: string };

export class EntityGraphView implements vscode.Disposable, EntityGraphApi {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private data: GraphData | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly source: GraphSource,
    private readonly revealEntity: (id: string) => Thenable<unknown>,
  ) {
    this.disposables = [
      vscode.commands.registerCommand(SHOW_ENTITY_GRAPH, () => this.show()),
      source.onDidChange(() => this.scheduleUpdate()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dossier.entityTypes')) this.scheduleUpdate();
      }),
    ];
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      this.update();
      return;
    }
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Entity Graph', column, {
      enableScripts: true,
      localResourceRoots: [media],
    });
    panel.iconPath = vscode.Uri.joinPath(media, 'dossier.svg');
    this.panel = panel;
    this.panelDisposables = [
      panel.onDidDispose(() => this.closed(panel)),
      panel.webview.onDidReceiveMessage((message: unknown) => void this.postFromWebview(message)),
    ];
    panel.webview.html = graphHtml(panel.webview, media, nonce());
    this.update();
  }

  lastRendered(): GraphData | undefined {
    return this.panel ? this.data : undefined;
  }

  html(): string | undefined {
    return this.panel?.webview.html;
  }

  async postFromWebview(message: unknown): Promise<boolean> {
    const parsed = parseMessage(message);
    if (!parsed) return false;
    if (parsed.type === 'ready') {
      // The page (re)loaded, say after the panel was hidden and shown again: it starts empty.
      this.post();
      return true;
    }
    if (!this.source.corpus.entity(parsed.id)) return false;
    await this.revealEntity(parsed.id);
    return true;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private scheduleUpdate(): void {
    if (!this.panel) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, UPDATE_DELAY_MS);
  }

  private update(): void {
    if (!this.panel) return;
    const enabled = readSettings().entityTypes;
    this.data = entityGraph(this.source.corpus, { types: GRAPH_TYPES.filter((t) => enabled.has(t)) });
    this.post();
  }

  private post(): void {
    // The legend's titles come with the data: one wording of the types, the core's.
    if (this.panel && this.data) void this.panel.webview.postMessage({ type: 'graph', data: this.data, titles: Object.fromEntries(ENTITY_TYPES.map((t) => [t, typeTitle(t)])) });
  }

  private closed(panel: vscode.WebviewPanel): void {
    if (this.panel !== panel) return;
    this.panel = undefined;
    this.data = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const d of this.panelDisposables) d.dispose();
    this.panelDisposables = [];
  }
}

/** Accepts only the two messages the page sends, with an id that is a plausible string. */
function parseMessage(message: unknown): PageMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, id } = message as { type?: unknown; id?: unknown };
  if (type === 'ready') return { type };
  if (type === 'reveal' && typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH) return { type, id };
  return undefined;
}

function nonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The page: static markup, the stylesheet and the script from media/, nothing else. A fresh nonce each time it
 * is set; no document text ever goes into it.
 */
export function graphHtml(webview: vscode.Webview, media: vscode.Uri, nonceValue: string): string {
  const css = attr(webview.asWebviewUri(vscode.Uri.joinPath(media, 'graph.css')).toString());
  const js = attr(webview.asWebviewUri(vscode.Uri.joinPath(media, 'graph.js')).toString());
  const source = attr(webview.cspSource);
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${attr(nonceValue)}'`,
    `style-src ${source}`,
    `img-src ${source} data:`,
    `font-src ${source}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css}">
<title>Entity Graph</title>
</head>
<body>
<main id="graph-app">
<header class="bar">
<p id="summary" class="summary" aria-live="polite">Loading the entity graph…</p>
<ul id="legend" class="legend" aria-label="Entity types"></ul>
</header>
<p id="empty" class="empty" hidden>No entities yet. Open a text or Markdown document, or run “Dossier: Analyze Workspace”.</p>
<svg id="graph" class="graph" role="group" aria-label="Entities and how often they are named in the same sentence"></svg>
<p class="hint">Click an entity, or focus it and press Enter, to reveal it. Scroll to zoom, drag to pan.</p>
</main>
<script nonce="${attr(nonceValue)}" src="${js}"></script>
</body>
</html>`;
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
