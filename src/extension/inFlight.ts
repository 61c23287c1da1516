// A scan's files go through two threads: the worker analyses one while the extension host reads the next and
// puts the last into the index. One at a time, each waits for the other; a few in flight keep both busy.

/** Files a scan keeps in flight: one analysed, one waiting in the worker's queue, one read or indexed here. */
export const SCAN_IN_FLIGHT = 3;

/**
 * Runs `task` on each item in order, at most `width` at once; starts no more once `stop()` is true, and resolves
 * when the started ones are done. A task's rejection rejects the whole, after the others are done.
 */
export async function forEachInFlight<T>(items: readonly T[], width: number, stop: () => boolean, task: (item: T, index: number) => Promise<void>): Promise<void> {
  const running = new Set<Promise<void>>();
  const failures: unknown[] = [];
  for (let i = 0; i < items.length && !stop(); i++) {
    const started: Promise<void> = task(items[i], i)
      .catch((err: unknown) => void failures.push(err))
      .finally(() => running.delete(started));
    running.add(started);
    if (running.size >= Math.max(1, width)) await Promise.race(running);
  }
  await Promise.all(running);
  if (failures.length) throw failures[0];
}
