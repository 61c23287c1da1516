// The scan's scheduling (src/extension/inFlight.ts has no editor import): a few tasks at once, in order of
// start, stopped on request, failures reported after the others end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachInFlight } from '../../src/extension/inFlight';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

test('forEachInFlight runs every item, never more than the width at once, started in order', async () => {
  const started: number[] = [];
  let running = 0;
  let most = 0;
  await forEachInFlight([5, 1, 4, 2, 3, 0, 2], 3, () => false, async (delay, i) => {
    started.push(i);
    running++;
    most = Math.max(most, running);
    for (let k = 0; k < delay; k++) await tick();
    running--;
  });
  assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6]);
  assert.equal(most, 3);
  assert.equal(running, 0);
});

test('forEachInFlight starts nothing more once stopped, and waits for what it started', async () => {
  const finished: number[] = [];
  let stop = false;
  await forEachInFlight([0, 1, 2, 3, 4, 5], 2, () => stop, async (_, i) => {
    if (i === 2) stop = true;
    await tick();
    finished.push(i);
  });
  assert.deepEqual(finished.sort(), [0, 1, 2]);
});

test('forEachInFlight rejects with a failure once the other tasks are done', async () => {
  const finished: number[] = [];
  await assert.rejects(
    forEachInFlight([0, 1, 2, 3], 2, () => false, async (_, i) => {
      await tick();
      if (i === 1) throw new Error('unreadable');
      await tick();
      finished.push(i);
    }),
    /unreadable/,
  );
  assert.deepEqual(finished.sort(), [0, 2, 3]);
});
