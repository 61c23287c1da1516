// The extension's client of its analysis worker, with the bundled worker (dist/worker.js, built by `npm test`
// before the unit tests): what crosses between the threads arrives as the worker made it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ChunkedAnalyzer } from '../../src/core/chunked';
import { analyzeText } from '../../src/core/analyze';
import { packAnalysis, unpackAnalysis } from '../../src/core/corpus/analysisStore';
import { WorkerClient } from '../../src/extension/workerClient';
import { readSeed, SEEDS } from './helpers';

const WORKER = join(process.cwd(), 'dist', 'worker.js');

/** The client's worker does not keep a process alive (the editor's is): a timer does, while `run` runs. */
async function withClient(run: (client: WorkerClient) => Promise<void>): Promise<void> {
  const client = new WorkerClient(WORKER);
  const alive = setInterval(() => undefined, 1000);
  try {
    await run(client);
  } finally {
    client.dispose();
    clearInterval(alive);
  }
}

test('a long open document comes from the worker a slice at a time, whole and as the chunked analyser makes it', () =>
  withClient(async (client) => {
    const text = Array.from({ length: 40 }, () => SEEDS.map(readSeed).join('\n\n')).join('\n\n');
    const first = await client.analyze(text, 'doc');
    assert.equal(JSON.stringify(first), JSON.stringify(new ChunkedAnalyzer().analyze(text).analysis));
    // An edit: the worker reuses its chunks, sends a preview, then the new analysis, sliced again.
    const edited = `${text.slice(0, 100)} Angela Merkel said so.${text.slice(100)}`;
    let previews = 0;
    const second = await client.analyze(edited, 'doc', () => previews++);
    assert.equal(previews, 1);
    assert.equal(JSON.stringify(second), JSON.stringify(new ChunkedAnalyzer().analyze(edited).analysis));
  }));

test('a file comes from the worker packed, as packed here', () =>
  withClient(async (client) => {
    const text = readSeed(SEEDS[0]);
    const packed = await client.analyzeFile(text);
    const here = packAnalysis(analyzeText(text));
    assert.deepEqual(packed.parts, here.parts);
    assert.deepEqual([...packed.claimScores], [...here.claimScores]);
    assert.deepEqual(packed.names, here.names);
    assert.deepEqual(unpackAnalysis(packed), analyzeText(text));
  }));
