// Worker thread: analyses document texts off the extension host's main thread.
import { parentPort } from 'node:worker_threads';
import { analyzeText } from '../core/analyze';

export interface WorkerRequest {
  id: number;
  text: string;
}

export type WorkerResponse = { id: number; analysis: ReturnType<typeof analyzeText> } | { id: number; error: string };

parentPort?.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    response = { id: request.id, analysis: analyzeText(request.text) };
  } catch (err) {
    response = { id: request.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(response);
});
