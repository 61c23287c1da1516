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

test('a recycled worker answers what it was asked first, then a new one starts with the workspace names', () =>
  withClient(async (client) => {
    const names = new Map([['Bush', 'person' as const]]);
    const text = 'The team placed Bush on injured reserve after he hurt his knee on Thursday.';
    client.setKnownNames(names);
    const seeds = SEEDS.map(readSeed);
    // Asked for while two files are being analysed: they are answered, and only then does the worker end.
    const inFlight = seeds.map((seed) => client.analyzeFile(seed));
    client.recycle();
    assert.equal(client.running, true);
    const answers = await Promise.all(inFlight);
    assert.deepEqual(answers.map(unpackAnalysis), seeds.map((seed) => analyzeText(seed, { knownNames: names })));
    assert.equal(client.running, false);
    // The next request starts a worker, which is given the names again.
    const again = await client.analyze(text);
    assert.equal(client.running, true);
    assert.equal(again.entities.find((m) => m.text === 'Bush')?.type, 'person');
    assert.deepEqual(again, analyzeText(text, { knownNames: names }));
    // Idle: ended at once.
    client.recycle();
    assert.equal(client.running, false);
  }));
