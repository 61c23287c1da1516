import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineAt, lineStarts } from '../../src/core/text/lines';

test('lines end at CRLF, LF or CR, and an offset is on the last line starting at or before it', () => {
  const text = 'one\r\ntwo\nthree\rfour 😀\r\n';
  const starts = lineStarts(text);
  assert.deepEqual(starts, [0, 5, 9, 15, 24]);
  assert.equal(lineAt(starts, 0), 0);
  // The \r of a CRLF is still on its line; the \n too.
  assert.equal(lineAt(starts, 3), 0);
  assert.equal(lineAt(starts, 4), 0);
  assert.equal(lineAt(starts, 5), 1);
  assert.equal(lineAt(starts, text.indexOf('😀') + 1), 3);
  assert.equal(lineAt(starts, text.length), 4);
  assert.deepEqual(lineStarts(''), [0]);
});
