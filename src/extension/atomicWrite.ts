// Writing a small file so that a reader (or a crash) never sees half of it: the text goes to a temporary file
// beside the target, which is then renamed over it. No `vscode` import: the extension passes
// vscode.workspace.fs (local, remote and virtual workspaces alike), the robustness tests node:fs, so that they
// can kill a writer in mid-write and check what is left.

/** The few file operations the write needs, with paths as the caller's file system names them. */
export interface AtomicFileSystem<P> {
  createDirectory(dir: P): Promise<void>;
  writeFile(file: P, bytes: Uint8Array): Promise<void>;
  /** Replaces `to` when it exists. */
  rename(from: P, to: P): Promise<void>;
  delete(file: P): Promise<void>;
  /** The directory of a file, and a file in a directory. */
  dirname(file: P): P;
  join(dir: P, name: string): P;
}

/**
 * Writes `text` to `file` through a temporary file. `stillCurrent`, when given, is asked once the temporary file
 * is written, just before it replaces the file: false (another writer changed the file since the caller read
 * it) leaves the file alone and returns false, so that the caller can apply its change to the new version.
 */
export async function writeAtomically<P>(fs: AtomicFileSystem<P>, file: P, text: string, stillCurrent?: () => Promise<boolean>): Promise<boolean> {
  const dir = fs.dirname(file);
  await fs.createDirectory(dir);
  // A name of its own per write: two writers never share a temporary file.
  const temp = fs.join(dir, `.annotations.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  await fs.writeFile(temp, new TextEncoder().encode(text));
  try {
    if (stillCurrent && !(await stillCurrent())) {
      await fs.delete(temp).catch(() => undefined);
      return false;
    }
    await fs.rename(temp, file);
    return true;
  } catch (e) {
    await fs.delete(temp).catch(() => undefined);
    throw e;
  }
}
