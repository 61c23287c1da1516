// The `analyze --jsonl` contract for a batch of input lines: one output line per non-blank input line,
// in order; a bad line gets an output line with an error and a message, never a crash. Used by the CLI's
// main thread and by its worker threads alike.
import { analyzeText } from './core/analyze';
import { analysisJsonLine } from './core/report';

export interface BatchInput {
  index: number;
  /** [line number, line] pairs. */
  lines: [number, string][];
}

export interface BatchOutput {
  index: number;
  output: string;
  /** Messages for stderr, one per bad line. */
  errors: string[];
}

export function analyzeBatch(batch: BatchInput): BatchOutput {
  let output = '';
  const errors: string[] = [];
  for (const [lineNumber, line] of batch.lines) {
    let id: unknown = null;
    try {
      const input = JSON.parse(line) as { id?: unknown; text?: unknown };
      id = input?.id ?? null;
      if (typeof input?.text !== 'string') throw new Error('"text" must be a string');
      output += `${analysisJsonLine(id, analyzeText(input.text))}\n`;
    } catch (err) {
      const message = err instanceof SyntaxError ? 'not valid JSON' : err instanceof Error ? err.message : String(err);
      errors.push(`dossier: stdin line ${lineNumber}: ${message}`);
      output += `${JSON.stringify({ id, entities: [], claims: [], error: message })}\n`;
    }
  }
  return { index: batch.index, output, errors };
}
