// The one place where core spans (UTF-16 offsets) become editor ranges and back.
import * as vscode from 'vscode';

export interface OffsetSpan {
  start: number;
  end: number;
}

export function spanToRange(document: vscode.TextDocument, span: OffsetSpan): vscode.Range {
  return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}

/** The innermost span containing the offset (end exclusive), or undefined. */
export function spanAt<T extends OffsetSpan>(spans: readonly T[], offset: number): T | undefined {
  let best: T | undefined;
  for (const s of spans) {
    if (s.start <= offset && offset < s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
  }
  return best;
}

/** A location link target, serialised into command arguments. */
export interface LocationArgs {
  uri: string;
  start: number;
  end: number;
}

export async function revealSpan(args: LocationArgs): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  const range = spanToRange(document, args);
  return vscode.window.showTextDocument(document, { selection: range, preserveFocus: false });
}
