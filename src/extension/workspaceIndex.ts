// Keeps the Corpus in step with the workspace: open documents (analysed as the user types, debounced),
// files on disk (scanned in the worker, watched for changes), and tells the views when something changed.
import * as vscode from 'vscode';
import { forEachInFlight, SCAN_IN_FLIGHT } from './inFlight';
import { analyzeText, type MentionSpans } from '../core/analyze';
import type { SpanPreview } from '../core/chunked';
import { Corpus } from '../core/corpus/corpus';
import { packAnalysis } from '../core/corpus/analysisStore';
import { prepareLinking } from '../core/corpus/entityLinker';
import type { Curation } from '../core/curation/curate';
import { mayFindKnownNames } from '../core/corpus/workspaceNames';
import { decodeDocument } from '../core/text/decode';
import type { DocumentAnalysis, EntityType } from '../core/types';
import { textPositions, type PositionSource } from './ranges';
import { isAnalyzable, readSettings } from './settings';
import { WorkerClient } from './workerClient';

/**
 * The document open under a closed one's name: untitled names are given again ("Untitled-1"), and work keyed by
 * the name (a pending analysis) is then the new document's.
 */
function successorOf(document: vscode.TextDocument): vscode.TextDocument | undefined {
  if (!document.isClosed) return undefined;
  const key = document.uri.toString();
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key);
}

/**
 * Open documents up to this size are analysed in process, at once, so hovers never wait (about 50 ms at
 * most); larger ones in the worker, a chunk at a time, so that typing costs the chunk it touched.
 */
const IN_PROCESS_LIMIT = 64_000;

export interface SkippedFile {
  uri: string;
  reason: string;
}

export class WorkspaceIndex implements vscode.Disposable {
  readonly corpus = new Corpus();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fired (coalesced) after the corpus changed. */
  readonly onDidChange = this.changed.event;
  private readonly previewed = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fired, not coalesced, when a document being edited has new spans to draw before its analysis (previewFor). */
  readonly onDidPreview = this.previewed.event;
  /** The latest preview of each document edited in the worker, with the version it is of; dropped with its analysis. */
  private readonly previews = new Map<string, { version: number; preview: SpanPreview }>();
  private readonly analyzedVersion = new Map<string, number>();
  /** Per file, the number of its latest read (or removal): see analyzeFile. */
  private readonly readGeneration = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly skipped = new Map<string, string>();
  /** Documents with an analysis under way in the worker. */
  private readonly inWorker = new Set<string>();
  /** Positions in the file text an analysis was made of; dropped with the analysis. */
  private readonly filePositions = new WeakMap<DocumentAnalysis, PositionSource>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly worker: WorkerClient;
  private busy = 0;
  private idleWaiters: (() => void)[] = [];
  private changeTimer: NodeJS.Timeout | undefined;
  private scanGeneration = 0;
  /** One-word names the workspace labels (Corpus.knownNames), given to every analysis after a scan. */
  private knownNames: ReadonlyMap<string, EntityType> = new Map();
  /** The latest read of each file while it runs (analyzeFile). */
  private readonly reads = new Map<string, Promise<boolean>>();

  constructor(workerScript: string) {
    this.worker = new WorkerClient(workerScript);
    this.disposables.push(
      this.changed,
      this.previewed,
      // Typing re-analyses visible documents only; a hidden one is analysed when it is shown or queried
      // (analysisFor sees its version moved on).
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (vscode.window.visibleTextEditors.some((editor) => editor.document === e.document)) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.onClosed(d)),
    );
  }

  /** The analysis of a document, analysing it now if it is open and stale. */
  analysisFor(document: vscode.TextDocument): DocumentAnalysis | undefined {
    if (!isAnalyzable(document)) return undefined;
    const key = document.uri.toString();
    if (this.analyzedVersion.get(key) !== document.version) {
      if (document.getText().length <= IN_PROCESS_LIMIT) this.analyzeNow(document);
      // Too large to analyse here: in the worker, once (the answer comes back through onDidChange).
      else if (!this.timers.has(key) && !this.inWorker.has(key) && !this.skipped.has(key)) this.schedule(document, 0);
    }
    return this.corpus.get(key);
  }

  /** The spans of the document's current text when they came before its analysis (see SpanPreview). */
  previewFor(document: vscode.TextDocument): SpanPreview | undefined {
    const entry = this.previews.get(document.uri.toString());
    return entry && entry.version === document.version && this.analyzedVersion.get(document.uri.toString()) !== document.version ? entry.preview : undefined;
  }

  get(uri: vscode.Uri | string): DocumentAnalysis | undefined {
    return this.corpus.get(typeof uri === 'string' ? uri : uri.toString());
  }

  /**
   * Turns a document's analysis offsets into positions: through its editor when the analysis is of the editor's
   * current text, else through the file text it was made of (read again, not opened: opening a document only to
   * read positions would have it closed, and re-analysed, a few minutes later). Undefined when the analysis is stale.
   */
  async positionsFor(document: string): Promise<PositionSource | undefined> {
    const analysis = this.corpus.get(document);
    if (!analysis) return undefined;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === document);
    if (open && this.analyzedVersion.get(document) === open.version) return open;
    // Analysed from an editor whose text has moved on since.
    if (this.analyzedVersion.has(document)) return undefined;
    const cached = this.filePositions.get(analysis);
    if (cached) return cached;
    try {
      const decoded = decodeDocument(await vscode.workspace.fs.readFile(vscode.Uri.parse(document)));
      if (!decoded.ok || decoded.text.length !== analysis.length) return undefined;
      const positions = textPositions(decoded.text);
      this.filePositions.set(analysis, positions);
      return positions;
    } catch {
      return undefined;
    }
  }

  /** Applies the user's annotations to every document and entity, and tells the views. */
  setCuration(curation: Curation): void {
    this.corpus.setCuration(curation, (document) => this.label(document));
    this.fireChanged();
  }

  skippedFiles(): SkippedFile[] {
    return [...this.skipped].map(([uri, reason]) => ({ uri, reason }));
  }

  /** A short, workspace-relative label for a document id. */
  label(document: string): string {
    try {
      return vscode.workspace.asRelativePath(vscode.Uri.parse(document), false);
    } catch {
      return document;
    }
  }

  whenIdle(): Promise<void> {
    if (this.busy === 0 && this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Analyses every matching file of the workspace in the worker; open documents keep their live text. */
  async scanWorkspace(progress?: vscode.Progress<{ message?: string; increment?: number }>, token?: vscode.CancellationToken): Promise<{ analyzed: number; skipped: number }> {
    const generation = ++this.scanGeneration;
    const settings = readSettings();
    this.busy++;
    try {
      const uris = await vscode.workspace.findFiles(settings.include, excludeGlob(settings.exclude), settings.maxFiles, token);
      prepareLinking();
      let analyzed = 0;
      let skipped = 0;
      const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
      const stopped = () => !!token?.isCancellationRequested || generation !== this.scanGeneration;
      // Linked all at once when the files are in, not one at a time as they come.
      const releaseLinks = this.corpus.holdLinks();
      try {
        await this.scanFiles(uris, settings.maxFileSizeKB, open, stopped, progress, (ok) => (ok ? analyzed++ : skipped++));
        if (!stopped()) {
          // Files gone since (deleted, renamed, excluded by a setting) leave the index: the scan is what the
          // workspace holds now. Open documents stay, whatever their file.
          const found = new Set(uris.map((u) => u.toString()));
          const openDocuments = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
          for (const document of this.corpus.documents()) if (!found.has(document) && !openDocuments.has(document)) this.remove(document);
          await this.applyKnownNames(uris, stopped);
        }
      } finally {
        releaseLinks();
      }
      // Its work done, the worker gives back what the scan grew it to before the relink grows the host.
      this.worker.recycle();
      // The whole workspace at once links best. Built in slices: the views keep answering from the links as
      // they stand until the new ones take over.
      await this.corpus.relinkInSlices();
      this.fireChanged();
      return { analyzed, skipped };
    } finally {
      this.release();
    }
  }

  /** The first pass of a scan: every file read and analysed, a few in flight (see inFlight.ts). */
  private async scanFiles(uris: readonly vscode.Uri[], maxSizeKB: number, open: ReadonlySet<string>, stopped: () => boolean, progress: vscode.Progress<{ message?: string; increment?: number }> | undefined, counted: (analyzed: boolean) => void): Promise<void> {
    let done = 0;
    await forEachInFlight(uris, SCAN_IN_FLIGHT, stopped, async (uri) => {
      done++;
      progress?.report({ message: `${done}/${uris.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / uris.length });
      if (open.has(uri.toString())) {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (doc && this.analysisFor(doc)) counted(true);
        return;
      }
      counted(await this.analyzeFile(uri, maxSizeKB));
      await this.lastRead(uri.toString());
    });
  }

  /**
   * Second pass of a scan: each document finds the names the others label ("Bush" where another says
   * "Reggie Bush"). Only when those names changed; in the worker, like the first pass.
   */
  private async applyKnownNames(uris: readonly vscode.Uri[], stopped: () => boolean): Promise<void> {
    // Counted as the documents came, held out of the links or not: nothing is linked until the scan ends.
    const names = this.corpus.knownNames();
    if (sameNames(names, this.knownNames)) return;
    this.knownNames = names;
    this.worker.setKnownNames(names);
    if (this.corpus.documents().length < 2) return;
    const settings = readSettings();
    // Last read first: the worker's memory of the first pass's labels forgets the earliest files first.
    await forEachInFlight([...uris].reverse(), SCAN_IN_FLIGHT, stopped, async (uri) => {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) this.schedule(open, 0);
      else {
        const previous = this.corpus.documentMentions(uri.toString());
        if (previous) await this.analyzeFile(uri, settings.maxFileSizeKB, { held: previous, worthIt: (text) => mayFindKnownNames(text, previous, names) });
        await this.lastRead(uri.toString());
      }
    });
    if (stopped()) return;
    this.fireChanged();
  }

  /** Watches the workspace for created, changed and deleted files. */
  watch(): void {
    const settings = readSettings();
    const watcher = vscode.workspace.createFileSystemWatcher(settings.include);
    const reanalyze = (uri: vscode.Uri) => {
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
      this.busy++;
      void this.analyzeFile(uri, readSettings().maxFileSizeKB).finally(() => {
        this.fireChanged();
        this.release();
      });
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(reanalyze),
      watcher.onDidChange(reanalyze),
      watcher.onDidDelete((uri) => this.remove(uri.toString())),
      vscode.workspace.onDidRenameFiles((e) => {
        for (const f of e.files) {
          this.remove(f.oldUri.toString());
          reanalyze(f.newUri);
        }
      }),
    );
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.worker.dispose();
    for (const d of this.disposables) d.dispose();
    // Nothing runs any more: whoever waits for idleness is released.
    this.busy = 0;
    this.notifyIfIdle();
  }

  private schedule(document: vscode.TextDocument, delay = readSettings().debounceMs): void {
    if (!isAnalyzable(document)) return;
    const key = document.uri.toString();
    const existing = this.timers.get(key);
    if (existing) clearTimeout(existing);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        // Closed before its turn: the document open under its name now, if any, was told to wait for this timer.
        const successor = successorOf(document);
        const current = successor && this.analyzedVersion.get(key) !== successor.version ? successor : document.isClosed ? undefined : document;
        if (current) {
          if (current.getText().length <= IN_PROCESS_LIMIT) this.analyzeNow(current);
          else void this.analyzeInWorker(current);
        }
        this.notifyIfIdle();
      }, delay),
    );
  }

  private analyzeNow(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const settings = readSettings();
    const text = document.getText();
    if (text.length > settings.maxFileSizeKB * 1024) {
      this.skipped.set(key, `larger than ${settings.maxFileSizeKB} KB`);
      return;
    }
    this.corpus.set(key, analyzeText(text, { knownNames: this.knownNames }));
    this.analyzedVersion.set(key, document.version);
    this.skipped.delete(key);
    this.fireChanged();
  }

  private async analyzeInWorker(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const version = document.version;
    const settings = readSettings();
    const text = document.getText();
    if (text.length > settings.maxFileSizeKB * 1024) {
      this.skipped.set(key, `larger than ${settings.maxFileSizeKB} KB`);
      return;
    }
    this.busy++;
    this.inWorker.add(key);
    try {
      const analysis = await this.worker.analyze(text, key, (preview) => {
        // As for the analysis: spans of a text the user has typed on from are not drawn.
        if (document.isClosed || document.version !== version || preview.length !== text.length) return;
        this.previews.set(key, { version, preview });
        this.previewed.fire(document);
      });
      // The user typed on while the worker ran: this result describes old text, drop it.
      if (document.isClosed || document.version !== version) return;
      this.corpus.set(key, analysis);
      this.analyzedVersion.set(key, version);
      this.skipped.delete(key);
      this.fireChanged();
    } catch {
      // The worker failed or was cancelled; the next edit schedules a new analysis.
    } finally {
      if (this.previews.get(key)?.version === version) this.previews.delete(key);
      this.inWorker.delete(key);
      this.release();
      // Closed meanwhile: the document open under its name now (see successorOf) was told to wait for this one.
      const successor = successorOf(document);
      if (successor && this.analyzedVersion.get(key) !== successor.version && !this.timers.has(key)) this.schedule(successor, 0);
    }
  }

  /**
   * Reads and analyses a file that is not open; false when it was skipped. A second pass (with the workspace's
   * names) gives the mentions the index holds for the file, and `worthIt`, which may decline a file whose
   * current analysis the new one would not change.
   */
  private async analyzeFile(uri: vscode.Uri, maxSizeKB: number, secondPass?: { held: MentionSpans; worthIt: (text: string) => boolean }): Promise<boolean> {
    const key = uri.toString();
    const read = this.readFile(uri, key, maxSizeKB, secondPass);
    this.reads.set(key, read);
    try {
      return await read;
    } finally {
      if (this.reads.get(key) === read) this.reads.delete(key);
    }
  }

  /**
   * Until no read of the file is running: a scan that counts a file in waits for the read that superseded its
   * own (a file the watcher saw change meanwhile), or the workspace's names would be made without the file.
   */
  private async lastRead(key: string): Promise<void> {
    for (let read = this.reads.get(key); read; read = this.reads.get(key)) await read;
  }

  private async readFile(uri: vscode.Uri, key: string, maxSizeKB: number, secondPass?: { held: MentionSpans; worthIt: (text: string) => boolean }): Promise<boolean> {
    // A later read of the file, or its removal, supersedes this one: its analysis, when it comes, is dropped
    // (a file deleted while the worker analysed it must not come back into the index).
    const generation = (this.readGeneration.get(key) ?? 0) + 1;
    this.readGeneration.set(key, generation);
    const current = () => this.readGeneration.get(key) === generation;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) return false;
      if (stat.size > maxSizeKB * 1024) {
        this.skipped.set(key, `larger than ${maxSizeKB} KB`);
        this.corpus.delete(key);
        return false;
      }
      const decoded = decodeDocument(await vscode.workspace.fs.readFile(uri));
      if (!decoded.ok) {
        this.skipped.set(key, decoded.reason);
        this.corpus.delete(key);
        return false;
      }
      if (secondPass && !secondPass.worthIt(decoded.text)) return true;
      // A second pass learns from the worker when the names change nothing of what the index holds: it stays.
      const fallback = () => packAnalysis(analyzeText(decoded.text, { knownNames: this.knownNames }));
      const analysis = await (secondPass ? this.worker.reanalyze(decoded.text, secondPass.held) : this.worker.analyzeFile(decoded.text)).catch(fallback);
      if (!analysis || !current()) return true;
      // Opened while we read it from disk: the editor's text wins.
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return true;
      this.corpus.setPacked(key, analysis);
      this.analyzedVersion.delete(key);
      this.skipped.delete(key);
      return true;
    } catch {
      // Deleted or unreadable while indexing: forget it (unless a later read has it already).
      if (current()) this.corpus.delete(key);
      return false;
    }
  }

  private onClosed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    // Only documents Dossier analysed matter here; settings, output and other files are none of its business.
    if (!this.corpus.get(key)) return;
    // An untitled name is given again ("Untitled-1"), and a close can come late: the document open under the name
    // now is another, whose analysis stays.
    if (vscode.workspace.textDocuments.some((d) => d !== document && !d.isClosed && d.uri.toString() === key)) return;
    this.analyzedVersion.delete(key);
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'vscode-remote' && document.uri.scheme !== 'vscode-vfs') {
      // Untitled and virtual documents vanish with their editor.
      this.remove(key);
      return;
    }
    // Unsaved edits are gone: the file on disk is what the workspace holds now.
    this.busy++;
    void this.analyzeFile(document.uri, readSettings().maxFileSizeKB).finally(() => {
      this.fireChanged();
      this.release();
    });
  }

  private remove(key: string): void {
    this.readGeneration.set(key, (this.readGeneration.get(key) ?? 0) + 1);
    this.analyzedVersion.delete(key);
    this.skipped.delete(key);
    if (this.corpus.delete(key)) this.fireChanged();
  }

  private fireChanged(): void {
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.changed.fire();
    }, 50);
  }

  /** One piece of background work is over. */
  private release(): void {
    if (this.busy > 0) this.busy--;
    this.notifyIfIdle();
  }

  private notifyIfIdle(): void {
    if (this.busy === 0 && this.timers.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

}

function sameNames(a: ReadonlyMap<string, EntityType>, b: ReadonlyMap<string, EntityType>): boolean {
  if (a.size !== b.size) return false;
  for (const [word, type] of a) if (b.get(word) !== type) return false;
  return true;
}

function excludeGlob(patterns: string[]): string | undefined {
  // Passing our own exclude replaces files.exclude, so merge its enabled patterns in.
  const filesExclude = vscode.workspace.getConfiguration('files').get<Record<string, boolean>>('exclude', {});
  const all = [...patterns, ...Object.entries(filesExclude).filter(([, on]) => on === true).map(([p]) => p)];
  if (all.length === 0) return undefined;
  return all.length === 1 ? all[0] : `{${all.join(',')}}`;
}
