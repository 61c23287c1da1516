// Worker thread of `analyze --jsonl`: analyses batches of input lines in parallel with its siblings.
import { parentPort } from 'node:worker_threads';
import { analyzeBatch, type BatchInput } from './cliBatch';

parentPort?.on('message', (batch: BatchInput) => parentPort?.postMessage(analyzeBatch(batch)));
