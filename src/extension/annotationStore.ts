// `.dossier/annotations.json` in the first workspace folder: read at start and whenever it changes on disk
// (a git pull, another window), written atomically (a temporary file renamed over it) through
// vscode.workspace.fs, so that remote and virtual workspaces work too.
// An edit is applied to the file as it is on disk at the moment of writing, so that two windows that edit
// the same file both keep their corrections. A file that cannot be read is copied aside with a message,
// never silently overwritten.
import * as vscode from 'vscode';
import { emptyAnnotations, parseAnnotations, serializeAnnotations, type Annotations } from '../core/curation/annotations';
import type { AnnotationEdit } from '../core/curation/edits';
import { writeAtomically, type AtomicFileSystem } from './atomicWrite';

export const ANNOTATIONS_PATH = '.dossier/annotations.json';
/** Writes raced by another writer before this window gives up and says so. */
const MAX_WRITE_ATTEMPTS = 5;
/**
 * How long an edit written here is checked again when the file changes: two windows that write at the same
 * moment can still replace each other's file (between one's last look and its rename), and the one whose edit
 * went missing writes it again. Long enough for the file system's change event to arrive on a busy machine
 * (3 s was not: an edit was lost in a CI run on a loaded machine); short enough that a later deliberate change
 * elsewhere (an unmerge) stands; and never after the file was deleted or read again on purpose (load()).
 */
const RECHECK_MS = 10_000;
/**
 * While an edit is that recent, the file is also read again this often: a change event can come late or not at
 * all (events coalesced, a file system without them), and the edit another window's rename dropped must still be
 * written again (a fresh-clone CI run lost one so with a 30 s wait).
 */
const RECHECK_POLL_MS = 1_000;

type DiskState = { kind: 'missing' } | { kind: 'ok'; text: string; annotations: Annotations } | { kind: 'corrupt'; text: string; errors: string[] };

export class AnnotationStore implements vscode.Disposable {
  private annotations: Annotations = emptyAnnotations();
  /** The file's text as last read or written here: a change event with the same text is our own write. */
  private lastText: string | undefined;
  /** The corrupt text already copied aside, so that one broken file gives one copy and one message. */
  private keptAside: { text: string; copy: string | undefined } | undefined;
  /** Edits written here lately, with when: re-applied if a change from elsewhere dropped them. */
  private recent: { edit: AnnotationEdit; at: number }[] = [];
  /** Writes and reloads run one at a time, in order. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly changed = new vscode.EventEmitter<Annotations>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** The next read of the file while an edit written here is recent (see RECHECK_POLL_MS). */
  private recheck: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** What is wrong with the file on disk, as last told to the user; undefined when it reads well. */
  problem: string | undefined;

  /** `files`: vscode.workspace.fs; tests pass one that holds a write back to force two windows' races. */
  constructor(
    private readonly folder: vscode.Uri | undefined,
    private readonly files: AnnotationFiles = WORKSPACE_FS,
  ) {}

  get uri(): vscode.Uri | undefined {
    return this.folder && vscode.Uri.joinPath(this.folder, ...ANNOTATIONS_PATH.split('/'));
  }

  current(): Annotations {
    return this.annotations;
  }

  /** Reads the file now (and after every change on disk, once watch() ran). */
  load(): Promise<void> {
    return this.enqueue(async () => {
      this.recent = [];
      const state = await this.read();
      if (state.kind === 'corrupt') {
        await this.keepAside(state.text, state.errors);
        return;
      }
      const annotations = state.kind === 'ok' ? state.annotations : emptyAnnotations();
      this.lastText = state.kind === 'ok' ? state.text : undefined;
      this.set(annotations);
    });
  }

  watch(): void {
    if (!this.folder) return;
    // The whole .dossier folder: a watch on the file alone misses it when the folder itself is deleted and
    // made again (a git checkout does that).
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(this.folder, '.dossier/**'));
    const target = this.uri?.toString();
    const reload = (uri: vscode.Uri) => {
      if (uri.toString() === target || target?.startsWith(`${uri.toString()}/`)) void this.reloadIfChanged();
    };
    this.disposables.push(
      watcher,
      watcher.onDidChange(reload),
      watcher.onDidCreate(reload),
      watcher.onDidDelete(reload),
      // Whatever a watcher missed (a network drive, a pull while the window slept) is read when the user comes back.
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused) void this.reloadIfChanged();
      }),
    );
  }

  /**
   * Applies an edit and writes the file. The edit is applied to the file as it is now on disk (which another
   * window may have changed), so nothing anyone wrote is lost; and the file is read back after the write: when
   * another window wrote in between, the edit is applied again on top of what it wrote (edits are idempotent),
   * a few times at most, so that both windows' corrections end up in the file. False when it could not be
   * written, or another writer kept overwriting it (then the user is told).
   */
  apply(edit: AnnotationEdit): Promise<boolean> {
    return this.enqueue(async () => {
      const uri = this.uri;
      if (!uri) {
        // No folder to keep them in: the correction holds until the window closes.
        this.set(edit(this.annotations));
        void vscode.window.showWarningMessage('Dossier: open a folder to keep your corrections; without one they last until this window closes.');
        return true;
      }
      for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
        const state = await this.read();
        let base = this.annotations;
        if (state.kind === 'ok') base = state.annotations;
        else if (state.kind === 'missing') base = this.lastText === undefined ? this.annotations : emptyAnnotations();
        else {
          // Still broken on disk: keep it aside (once), then start again from what this window holds.
          const copy = await this.keepAside(state.text, state.errors);
          void vscode.window.showWarningMessage(`Dossier: replaced the unreadable ${ANNOTATIONS_PATH} with your corrections${copy ? `; the old file is kept as ${copy}` : ''}.`);
        }
        const next = edit(base);
        const text = serializeAnnotations(next);
        const readText = state.kind === 'missing' ? undefined : state.text;
        try {
          // Not over a file another window wrote since we read it: then the edit is applied to that one.
          const written = await writeAtomically(this.files, uri, text, async () => {
            const now = await this.read();
            return (now.kind === 'missing' ? undefined : now.text) === readText;
          });
          if (!written) continue;
        } catch (e) {
          void vscode.window.showErrorMessage(`Dossier: could not save ${ANNOTATIONS_PATH}: ${(e as Error).message}. The correction was not kept.`);
          return false;
        }
        const after = await this.read();
        if (after.kind === 'ok' && after.text !== text) continue;
        this.lastText = text;
        this.set(next);
        const now = Date.now();
        this.recent = [...this.recent.filter((r) => now - r.at < RECHECK_MS), { edit, at: now }];
        this.scheduleRecheck();
        return true;
      }
      void vscode.window.showErrorMessage(`Dossier: ${ANNOTATIONS_PATH} kept changing under this window (another window or program writes it); the correction was not saved. Try again.`);
      return false;
    });
  }

  dispose(): void {
    clearTimeout(this.recheck);
    this.recheck = undefined;
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
  }

  /** Reads the file again in a moment, and so on while an edit written here is recent. */
  private scheduleRecheck(): void {
    if (this.recheck || this.disposed) return;
    this.recheck = setTimeout(() => {
      this.recheck = undefined;
      // A failed read says so itself (reloadIfChanged); the next one is still due.
      void this.reloadIfChanged().catch(() => undefined).then(() => {
        const now = Date.now();
        if (this.recent.some((r) => now - r.at < RECHECK_MS)) this.scheduleRecheck();
      });
    }, RECHECK_POLL_MS);
  }

  private reloadIfChanged(): Promise<void> {
    return this.enqueue(async () => {
      const state = await this.read();
      if (state.kind === 'corrupt') {
        await this.keepAside(state.text, state.errors);
        return;
      }
      const text = state.kind === 'ok' ? state.text : undefined;
      if (text === this.lastText) return;
      this.lastText = text;
      if (state.kind !== 'ok') this.recent = [];
      const annotations = state.kind === 'ok' ? state.annotations : emptyAnnotations();
      this.set(annotations);
      // Another window's write that replaced ours a moment after we wrote: what it dropped is written again.
      const now = Date.now();
      this.recent = this.recent.filter((r) => now - r.at < RECHECK_MS);
      const canonical = serializeAnnotations(annotations);
      const dropped = this.recent.filter((r) => serializeAnnotations(r.edit(annotations)) !== canonical).map((r) => r.edit);
      if (state.kind === 'ok' && dropped.length) void this.apply((base) => dropped.reduce((a, edit) => edit(a), base));
    });
  }

  private set(annotations: Annotations): void {
    this.problem = undefined;
    this.keptAside = undefined;
    this.annotations = annotations;
    this.changed.fire(annotations);
  }

  private async read(): Promise<DiskState> {
    const uri = this.uri;
    if (!uri) return { kind: 'missing' };
    let bytes: Uint8Array;
    try {
      bytes = await this.files.readFile(uri);
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return { kind: 'missing' };
      // Unreadable for another reason (permissions): treat like a corrupt file, never overwrite it blindly.
      return { kind: 'corrupt', text: '', errors: [(e as Error).message] };
    }
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const parsed = parseAnnotations(text);
    return parsed.ok ? { kind: 'ok', text, annotations: parsed.annotations } : { kind: 'corrupt', text, errors: parsed.errors };
  }

  /** Copies the unreadable file next to it and says so; the copy's name, or undefined when none was made. */
  private async keepAside(text: string, errors: string[]): Promise<string | undefined> {
    const uri = this.uri;
    if (!uri) return undefined;
    if (this.keptAside?.text === text) return this.keptAside.copy;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const copy = vscode.Uri.joinPath(uri, '..', `annotations.corrupt-${stamp}.json`);
    let kept = false;
    try {
      await vscode.workspace.fs.copy(uri, copy, { overwrite: false });
      kept = true;
    } catch {
      // The copy failed (read-only workspace): the original stays untouched all the same.
    }
    const shown = errors.slice(0, 3).join('; ') + (errors.length > 3 ? `; and ${errors.length - 3} more` : '');
    const name = vscode.workspace.asRelativePath(copy, false);
    this.keptAside = { text, copy: kept ? name : undefined };
    this.problem = `Dossier: ${ANNOTATIONS_PATH} could not be read (${shown}). ${kept ? `A copy is kept as ${name}. ` : ''}Your corrections are not applied until it is fixed.`;
    void vscode.window.showErrorMessage(this.problem);
    return kept ? name : undefined;
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** The file operations the store uses: the atomic write's, and reading. */
export interface AnnotationFiles extends AtomicFileSystem<vscode.Uri> {
  readFile(file: vscode.Uri): Promise<Uint8Array>;
}

/** vscode.workspace.fs as the store wants it. */
export const WORKSPACE_FS: AnnotationFiles = {
  readFile: (file) => Promise.resolve(vscode.workspace.fs.readFile(file)),
  createDirectory: (dir) => Promise.resolve(vscode.workspace.fs.createDirectory(dir)),
  writeFile: (file, bytes) => Promise.resolve(vscode.workspace.fs.writeFile(file, bytes)),
  rename: (from, to) => Promise.resolve(vscode.workspace.fs.rename(from, to, { overwrite: true })),
  delete: (file) => Promise.resolve(vscode.workspace.fs.delete(file)),
  dirname: (file) => vscode.Uri.joinPath(file, '..'),
  join: (dir, name) => vscode.Uri.joinPath(dir, name),
};
