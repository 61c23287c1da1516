// The one place where core spans (UTF-16 offsets) become editor ranges and back.
import * as vscode from 'vscode';
import { lineAt, lineStarts } from '../core/text/lines';

export interface OffsetSpan {
  start: number;
  end: number;
}

/** What turns offsets into positions: an open document, or the text an analysis was made of (textPositions). */
export type PositionSource = Pick<vscode.TextDocument, 'positionAt'>;

export function spanToRange(document: PositionSource, span: OffsetSpan): vscode.Range {
  return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}

/** Positions in a text that is not open in VS Code, with the line breaks TextDocument knows (\r\n, \n, \r). */
export function textPositions(text: string): PositionSource {
  const starts = lineStarts(text);
  return {
    positionAt(offset: number): vscode.Position {
      const at = Math.max(0, Math.min(text.length, Math.floor(offset)));
      const line = lineAt(starts, at);
      return new vscode.Position(line, at - starts[line]);
    },
  };
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
