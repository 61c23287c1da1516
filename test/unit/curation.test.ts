import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../src/core/analyze';
import { packAnalysis } from '../../src/core/corpus/analysisStore';
import { Corpus } from '../../src/core/corpus/corpus';
import { emptyAnnotations, parseAnnotations, serializeAnnotations, type Annotations } from '../../src/core/curation/annotations';
import { Curation } from '../../src/core/curation/curate';
import { corpusJson, corpusMarkdown } from '../../src/core/report';
import { markNotEntity, mergeEntities, renameEntity, retypeEntity, setClaimStatus, splitAlias, unmergeEntity, type AnnotationEdit } from '../../src/core/curation/edits';

const A = 'Angela Merkel met Emmanuel Macron in Berlin on Tuesday. Merkel said the talks were useful.';
const B = 'Chancellor Merkel visited Paris. Will Smith said the film would make 200 million dollars.';

function corpusWith(edits: AnnotationEdit[], texts: Record<string, string> = { 'a.txt': A, 'b.txt': B }): Corpus {
  const corpus = new Corpus();
  for (const [doc, text] of Object.entries(texts)) corpus.set(doc, analyzeText(text));
  corpus.setCuration(new Curation(edits.reduce((a, edit) => edit(a), emptyAnnotations())));
  return corpus;
}

function entityNamed(corpus: Corpus, name: string) {
  return corpus.entities().find((e) => e.name === name || e.aliases.includes(name));
}

test('rename shows the new name, keeps the anchor, and survives an edit of the text', () => {
  const corpus = corpusWith([renameEntity({ type: 'person', name: 'Angela Merkel' }, 'Dr. Angela Merkel')]);
  const merkel = corpus.entities().find((e) => e.name === 'Dr. Angela Merkel');
  assert.ok(merkel, corpus.entities().map((e) => e.name).join(', '));
  assert.equal(merkel.type, 'person');
  assert.deepEqual(corpus.anchorOf(merkel.id), { type: 'person', name: 'Angela Merkel' });
  // Both documents' Merkel stay one renamed entity.
  assert.deepEqual(merkel.documents, ['a.txt', 'b.txt']);
  // The text changes around the name; the rename follows the name, not offsets.
  corpus.set('a.txt', analyzeText(`Yesterday, in a long meeting, ${A}`));
  assert.ok(corpus.entities().some((e) => e.name === 'Dr. Angela Merkel'));
});

test('merge joins two entities into one with both names, mentions and documents; unmerge takes it back', () => {
  const into = { type: 'person' as const, name: 'Angela Merkel' };
  const from = { type: 'person' as const, name: 'Emmanuel Macron' };
  const before = corpusWith([]);
  const merkelMentions = before.mentionsOf(entityNamed(before, 'Angela Merkel')!.id).length;
  const macronMentions = before.mentionsOf(entityNamed(before, 'Emmanuel Macron')!.id).length;

  const merged = corpusWith([mergeEntities(into, [from])]);
  const e = entityNamed(merged, 'Angela Merkel')!;
  assert.equal(e.name, 'Angela Merkel');
  assert.ok(e.aliases.includes('Emmanuel Macron'), e.aliases.join(', '));
  assert.equal(merged.entities().filter((x) => x.aliases.includes('Emmanuel Macron')).length, 1);
  assert.equal(merged.mentionsOf(e.id).length, merkelMentions + macronMentions);
  assert.equal(e.mentions, merkelMentions + macronMentions);
  const a = merged.get('a.txt')!;
  const macron = a.entities.find((m) => m.text === 'Emmanuel Macron')!;
  assert.equal(merged.entityIdOf('a.txt', macron.entity), e.id);

  const undone = corpusWith([mergeEntities(into, [from]), unmergeEntity(into)]);
  assert.notEqual(entityNamed(undone, 'Emmanuel Macron')!.id, entityNamed(undone, 'Angela Merkel')!.id);
});

test('split takes a name that belongs to someone else out of an entity', () => {
  const texts = { 'a.txt': 'Kim Jong Un inspected a missile base. Kim praised the engineers.', 'b.txt': 'Kim said the match was hard. The coach agreed.' };
  const before = corpusWith([], texts);
  const kim = entityNamed(before, 'Kim Jong Un')!;
  assert.ok(kim.documents.includes('b.txt'), 'the lone Kim of b.txt links to Kim Jong Un before the split');
  const after = corpusWith([splitAlias({ type: 'person', name: 'Kim Jong Un' }, 'Kim')], texts);
  const main = entityNamed(after, 'Kim Jong Un')!;
  assert.deepEqual(main.documents, ['a.txt']);
  const other = after.entities().find((e) => e.id !== main.id && e.name === 'Kim');
  assert.ok(other, after.entities().map((e) => `${e.id}=${e.name}`).join(', '));
  assert.deepEqual(other.documents, ['b.txt']);
  const lone = after.get('b.txt')!.entities.find((m) => m.text === 'Kim')!;
  assert.equal(after.entityIdOf('b.txt', lone.entity), other.id);
  assert.equal(after.mentionsOf(other.id).length, 1);
});

test('retype changes the entity, its mentions and its document entities in every document', () => {
  const corpus = corpusWith([retypeEntity({ type: 'place', name: 'Berlin' }, 'organization')]);
  const berlin = entityNamed(corpus, 'Berlin')!;
  assert.equal(berlin.type, 'organization');
  const a = corpus.get('a.txt')!;
  const mention = a.entities.find((m) => m.text === 'Berlin')!;
  assert.equal(mention.type, 'organization');
  assert.equal(a.documentEntities.find((d) => d.key === mention.entity)!.type, 'organization');
  // The engine's own result is untouched.
  assert.equal(corpus.original('a.txt')!.entities.find((m) => m.text === 'Berlin')!.type, 'place');
});

test('"not an entity" strikes the mention in its document only, with its document entity', () => {
  const before = corpusWith([]);
  const will = before.get('b.txt')!.entities.find((m) => m.text.startsWith('Will'));
  assert.ok(will, 'the engine marks "Will Smith"');
  const corpus = corpusWith([markNotEntity(will.text, will.type, 'b.txt')]);
  const b = corpus.get('b.txt')!;
  assert.ok(!b.entities.some((m) => m.text === will.text));
  assert.ok(!b.documentEntities.some((d) => d.name === will.text));
  // Every remaining document entity points at mentions that exist and carry its key.
  for (const d of b.documentEntities) for (const i of d.mentions) assert.equal(b.entities[i].entity, d.key);
  for (const c of b.claims) for (const k of c.entities) assert.ok(b.documentEntities.some((d) => d.key === k));
  assert.ok(!corpus.entities().some((e) => e.aliases.includes(will.text)));
  // Elsewhere the same words stay.
  const elsewhere = corpusWith([markNotEntity(will.text, will.type, 'a.txt')]);
  assert.ok(elsewhere.get('b.txt')!.entities.some((m) => m.text === will.text));
});

test('claim status anchors by quote and follows a small edit of the claim, not a different one', () => {
  const text = 'Russia has supplied nearly five million artillery shells to the front, officials said.';
  const analysis = analyzeText(text);
  const claim = analysis.claims[0];
  assert.ok(claim, 'the sentence is a claim');
  const curation = new Curation(setClaimStatus('a.txt', claim.text, 'disputed', 'Other reports say three million.')(emptyAnnotations()));
  assert.equal(curation.claimStatus('a.txt', claim)?.status, 'disputed');
  assert.equal(curation.claimStatus('a.txt', claim)?.note, 'Other reports say three million.');
  assert.equal(curation.claimStatus('b.txt', claim), undefined);
  const edited = analyzeText(text.replace('officials said', 'officials have said')).claims[0];
  assert.equal(curation.claimStatus('a.txt', edited)?.status, 'disputed');
  const other = analyzeText('The factory produced two thousand drones in March, the ministry said.').claims[0];
  assert.equal(curation.claimStatus('a.txt', other), undefined);
  // Clearing the status removes the entry.
  const cleared = setClaimStatus('a.txt', claim.text, undefined)(curation.annotations);
  assert.equal(cleared.claims.length, 0);
});

test('the file round-trips, with stable key order and sorted lists whatever the order of edits', () => {
  const edits: AnnotationEdit[] = [
    setClaimStatus('b.txt', 'Claim  two.', 'false'),
    renameEntity({ type: 'person', name: 'Putin' }, 'Vladimir Putin'),
    setClaimStatus('a.txt', 'Claim one.', 'verified', 'Checked against the ministry release.'),
    markNotEntity('Will', 'person', 'b.txt'),
    mergeEntities({ type: 'person', name: 'Kim Jong Un' }, [{ type: 'person', name: 'Kim Jong-un' }]),
    retypeEntity({ type: 'place', name: 'Kremlin' }, 'organization'),
  ];
  const forward = serializeAnnotations(edits.reduce((a, e) => e(a), emptyAnnotations()));
  const backward = serializeAnnotations([...edits].reverse().reduce((a, e) => e(a), emptyAnnotations()));
  assert.equal(forward, backward);
  const parsed = parseAnnotations(forward);
  assert.ok(parsed.ok);
  assert.equal(serializeAnnotations(parsed.annotations), forward);
  assert.ok(forward.endsWith('\n'));
  const data = JSON.parse(forward) as Annotations;
  assert.deepEqual(Object.keys(data), ['version', 'entities', 'merges', 'notEntities', 'claims']);
  assert.deepEqual(data.claims.map((c) => c.document), ['a.txt', 'b.txt']);
  assert.equal(data.claims[1].quote, 'Claim two.');
  assert.deepEqual(Object.keys(data.claims[0]), ['document', 'quote', 'status', 'note']);
});

test('the validator refuses unknown fields, wrong types, a newer version and prototype tricks, with paths', () => {
  const bad = (text: string, pattern: RegExp) => {
    const r = parseAnnotations(text);
    assert.equal(r.ok, false, text);
    if (!r.ok) assert.ok(r.errors.some((e) => pattern.test(e)), `${r.errors.join('; ')} does not match ${pattern}`);
  };
  bad('{', /not valid JSON/);
  bad('[]', /\$: expected an object/);
  bad('{"version": 2}', /version/);
  bad('{"version": 1, "script": "alert(1)"}', /unknown field "script"/);
  bad('{"version": 1, "__proto__": {"polluted": true}}', /unknown field "__proto__"/);
  bad('{"version": 1, "entities": [{"type": "robot", "name": "X"}]}', /\$\.entities\[0\]\.type/);
  bad('{"version": 1, "entities": [{"type": "person", "name": "X", "rename": 5}]}', /\$\.entities\[0\]\.rename/);
  bad('{"version": 1, "claims": [{"document": "a", "quote": "q", "status": "true"}]}', /\$\.claims\[0\]\.status/);
  bad('{"version": 1, "claims": [{"document": "a", "quote": "q\\u0000", "status": "false"}]}', /control characters/);
  bad(`{"version": 1, "claims": [{"document": "a", "quote": "${'x'.repeat(6000)}", "status": "false"}]}`, /longer than/);
  bad('{"version": 1, "merges": [{"into": {"type": "person", "name": "A"}}]}', /missing field "from"/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const good = parseAnnotations('\ufeff{"version": 1}');
  assert.ok(good.ok);
  if (good.ok) assert.deepEqual(good.annotations, emptyAnnotations());
});

test('with no annotations the corpus is what the engine found', () => {
  const plain = new Corpus();
  plain.set('a.txt', analyzeText(A));
  plain.set('b.txt', analyzeText(B));
  const curated = corpusWith([]);
  assert.deepEqual(curated.entities(), plain.entities());
  assert.equal(curated.get('a.txt'), curated.original('a.txt'));
});

test('the exported dossier shows the user’s names, mentions per document and claim verdicts', () => {
  const text = 'Russia has supplied nearly five million artillery shells to the front, officials said.';
  const claim = analyzeText(text).claims[0];
  const corpus = corpusWith(
    [renameEntity({ type: 'person', name: 'Angela Merkel' }, 'Chancellor Angela Merkel'), setClaimStatus('c.txt', claim.text, 'disputed', 'Three million, says [the ministry](command:x).')],
    { 'a.txt': A, 'b.txt': B, 'c.txt': text },
  );
  const markdown = corpusMarkdown(corpus);
  assert.match(markdown, /\*\*Chancellor Angela Merkel\*\* .* a\\\.txt \(2\), b\\\.txt \(1\)/);
  assert.match(markdown, /\[\w+, \d\.\d\d, \*\*disputed\*\*: Three million, says \\\[the ministry\\\]\\\(command:x\\\)\\\.\]/);
  const json = corpusJson(corpus);
  const marked = json.documents[2].claims[0] as { status?: string; note?: string };
  assert.equal(marked.status, 'disputed');
  assert.ok(marked.note?.startsWith('Three million'));
});

test('an analysis packed in the worker gets the user\'s corrections as one given as objects does', () => {
  const edits = [markNotEntity('Will Smith', 'person', 'b.txt'), renameEntity({ type: 'person', name: 'Angela Merkel' }, 'Dr. Angela Merkel')];
  const objects = corpusWith(edits);
  const packed = new Corpus();
  packed.setCuration(new Curation(edits.reduce((a, edit) => edit(a), emptyAnnotations())));
  packed.setPacked('a.txt', packAnalysis(analyzeText(A)));
  packed.setPacked('b.txt', packAnalysis(analyzeText(B)));
  assert.ok(packed.original('b.txt')!.entities.some((m) => m.text === 'Will Smith' && m.type === 'person'), 'the engine marks "Will Smith"');
  assert.ok(!packed.get('b.txt')!.entities.some((m) => m.text === 'Will Smith'), 'struck out in the packed document too');
  assert.deepEqual(packed.get('b.txt'), objects.get('b.txt'));
  assert.deepEqual(packed.original('b.txt'), objects.original('b.txt'));
  assert.deepEqual(packed.entities(), objects.entities());
  assert.ok(packed.entities().some((e) => e.name === 'Dr. Angela Merkel'));
});
