import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../src/core/analyze';
import { formatValue } from '../../src/core/values/values';

// The examples of the entity issue, read against a document dated 2024-06-17.
const REFERENCE = { documentDate: '2024-06-17' };

function valueOf(text: string, mention: string) {
  const a = analyzeText(text, REFERENCE);
  const m = a.entities.find((e) => e.text === mention);
  assert.ok(m, `no mention "${mention}" in: ${a.entities.map((e) => `${e.text}/${e.type}`).join(', ')}`);
  return { type: m.type, value: m.value };
}

test('dates are normalised against the document date', () => {
  assert.deepEqual(valueOf('Putin will visit Pyongyang on June 18-19.', 'June 18-19'), { type: 'date', value: { kind: 'date', iso: '2024-06-18', endIso: '2024-06-19', precision: 'day' } });
  assert.deepEqual(valueOf('Kim visited Russia last September to meet Putin.', 'last September'), { type: 'date', value: { kind: 'date', iso: '2023-09', precision: 'month' } });
  assert.deepEqual(valueOf('He will be back next March.', 'next March'), { type: 'date', value: { kind: 'date', iso: '2025-03', precision: 'month' } });
  assert.deepEqual(valueOf('He last visited Pyongyang two decades ago.', 'two decades ago'), { type: 'date', value: { kind: 'date', iso: '2004', precision: 'year' } });
  assert.deepEqual(valueOf('Putin visited North Korea in 2000.', '2000'), { type: 'date', value: { kind: 'date', iso: '2000', precision: 'year' } });
  assert.deepEqual(valueOf('Earlier this year, Moscow vetoed a resolution.', 'Earlier this year'), { type: 'date', value: { kind: 'date', iso: '2024', precision: 'year' } });
  assert.deepEqual(valueOf('The talks ended yesterday in Moscow.', 'yesterday'), { type: 'date', value: { kind: 'date', iso: '2024-06-16', precision: 'day' } });
  assert.deepEqual(valueOf('Prices rose last month in Russia.', 'last month'), { type: 'date', value: { kind: 'date', iso: '2024-05', precision: 'month' } });
});

test('a date written in the text becomes the reference when none is given', () => {
  const a = analyzeText('September 8, 2024\n\nThe visit happened last year, the Kremlin said.');
  assert.equal(a.documentDate, '2024-09-08');
  assert.deepEqual(a.entities.find((e) => e.text === 'last year')?.value, { kind: 'date', iso: '2023', precision: 'year' });
});

test('quantities get a value, a unit, and whether they are approximate', () => {
  assert.deepEqual(valueOf('North Korea has sent nearly five million artillery shells.', 'five million artillery shells'), {
    type: 'quantity',
    value: { kind: 'quantity', amount: 5_000_000, unit: 'shell', approximate: true },
  });
  assert.deepEqual(valueOf('Officials counted 1,200 soldiers.', '1,200 soldiers'), { type: 'quantity', value: { kind: 'quantity', amount: 1200, unit: 'soldier' } });
  assert.deepEqual(valueOf('Turnout rose to 45.5% in Moscow.', '45.5%'), { type: 'quantity', value: { kind: 'quantity', amount: 45.5, unit: 'percent' } });
  assert.deepEqual(valueOf('The deal is worth more than $3bn to Russia.', '$3bn')?.value, { kind: 'quantity', amount: 3_000_000_000, unit: 'USD', approximate: true });
});

test('values print in words a reader can compare', () => {
  assert.equal(formatValue({ kind: 'quantity', amount: 5_000_000, unit: 'shell' }), '5,000,000 shell');
  assert.equal(formatValue({ kind: 'quantity', amount: -1234.5, unit: '' }), '-1234.5');
  assert.equal(formatValue({ kind: 'quantity', amount: 1234567, unit: 'USD' }), '1,234,567 USD');
  assert.equal(formatValue({ kind: 'date', iso: '2024-06-18', endIso: '2024-06-19', precision: 'day' }), '2024-06-18/19');
});
