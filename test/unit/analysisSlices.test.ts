import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../src/core/analyze';
import { AnalysisAssembler, sliceAnalysis } from '../../src/core/analysisSlices';
import { readSeed, SEEDS } from './helpers';

test('a long analysis is cut into slices that put it back together as it was, field order included', () => {
  // About 300 KB: thousands of mentions and claims, more than one slice of each.
  const text = Array.from({ length: 40 }, () => SEEDS.map(readSeed).join('\n\n')).join('\n\n');
  const analysis = analyzeText(text);
  const { head, slices } = sliceAnalysis(analysis);
  assert.ok(slices.length > 2, `${slices.length} slices`);
  assert.ok(slices.some((s) => s.field === 'entities') && slices.some((s) => s.field === 'claims'));
  assert.equal(head.entities.length, 0);
  assert.equal(head.length, analysis.length);
  // The head and the slices cross threads as copies.
  const assembler = new AnalysisAssembler(structuredClone(head), slices.length);
  slices.forEach((slice, i) => assert.equal(assembler.add(structuredClone(slice)), i === slices.length - 1));
  const result = assembler.result();
  assert.equal(JSON.stringify(result), JSON.stringify(analysis));
  assert.throws(() => assembler.add(slices[0]), /unexpected slice/);
});

test('a short analysis goes whole, and an assembler missing slices says so', () => {
  const analysis = analyzeText(readSeed(SEEDS[0]));
  const { head, slices } = sliceAnalysis(analysis);
  assert.equal(head, analysis);
  assert.equal(slices.length, 0);
  const long = sliceAnalysis(analyzeText(Array.from({ length: 40 }, () => readSeed(SEEDS[1])).join('\n\n')));
  const assembler = new AnalysisAssembler(long.head, long.slices.length);
  assembler.add(long.slices[0]);
  assert.throws(() => assembler.result(), /slices missing/);
});
