// Worker thread: analyses document texts off the extension host's main thread.
import { parentPort } from 'node:worker_threads';
import { analyzeText } from '../core/analyze';
import type { EntityType } from '../core/types';

export interface WorkerRequest {
  id: number;
  text: string;
  /** The names the workspace labels (Corpus.knownNames), sent only when they changed. */
  knownNames?: [string, EntityType][];
}

let knownNames = new Map<string, EntityType>();

export type WorkerResponse = { id: number; analysis: ReturnType<typeof analyzeText> } | { id: number; error: string };

parentPort?.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    if (request.knownNames) knownNames = new Map(request.knownNames);
    response = { id: request.id, analysis: analyzeText(request.text, { knownNames }) };
  } catch (err) {
    response = { id: request.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(response);
});
