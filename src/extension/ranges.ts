// The one place where core spans (UTF-16 offsets) become editor ranges and back.
import * as vscode from 'vscode';

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
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) lineStarts.push(i + 1);
  }
  return {
    positionAt(offset: number): vscode.Position {
      const at = Math.max(0, Math.min(text.length, Math.floor(offset)));
      // The last line starting at or before the offset.
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid] <= at) lo = mid;
        else hi = mid - 1;
      }
      return new vscode.Position(lo, at - lineStarts[lo]);
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
