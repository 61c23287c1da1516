import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../src/core/analyze';
import { resolveEntities } from '../../src/core/entities/resolve';
import { isOrdinaryForm, isTitleCase } from '../../src/core/entities/titleCase';
import { tokenize } from '../../src/core/text/segment';
import { getLexicon } from '../../src/core/lexicon';
import type { DocumentAnalysis, EntityType, Mention } from '../../src/core/types';
import { assertSpansExact } from './helpers';

function entityOf(a: DocumentAnalysis, text: string) {
  const m = a.entities.find((x) => x.text === text);
  assert.ok(m, `no mention "${text}"`);
  return a.documentEntities.find((e) => e.key === m.entity);
}

test('full name, surname and titled name are one person with aliases', () => {
  const a = analyzeText('Russian President Vladimir Putin arrived on Tuesday. Putin smiled. Later, President Putin left for Moscow.');
  const e = entityOf(a, 'Vladimir Putin');
  assert.equal(e?.type, 'person');
  assert.equal(e?.name, 'Vladimir Putin');
  assert.deepEqual(new Set(a.entities.filter((m) => m.entity === e?.key).map((m) => m.text)), new Set(['Vladimir Putin', 'Putin']));
  assert.equal(e?.mentions.length, 3);
  assert.equal(entityOf(a, 'Russian')?.type, 'nationality');
  assert.equal(entityOf(a, 'Russian')?.country, 'Russia', 'a nationality is linked to its country');
  assert.equal(entityOf(a, 'Moscow')?.type, 'place');
});

test('"President" alone is never a person', () => {
  for (const text of ['The President said the talks went well.', 'President, the minister and the general met.', 'PRESIDENT SAYS NO', 'Yesterday the President of France arrived.']) {
    const a = analyzeText(text);
    const people = a.entities.filter((m) => m.type === 'person').map((m) => m.text);
    assert.ok(!people.some((p) => /^president$/i.test(p)), `${text} → ${people.join(', ')}`);
  }
});

test('Kim Jong Un and Kim Jong Il stay apart; "Kim" alone joins the Kim the text is about', () => {
  const a = analyzeText('Kim Jong Un met Putin. His father Kim Jong Il ruled before him. Kim Jong Un said the visit was historic. Kim smiled.');
  const un = entityOf(a, 'Kim Jong Un');
  const il = entityOf(a, 'Kim Jong Il');
  assert.notEqual(un?.key, il?.key);
  assert.equal(entityOf(a, 'Kim')?.key, un?.key);
});

test('organisations by head word, acronyms joined to their long form, countries by their canonical name', () => {
  const a = analyzeText('The North Atlantic Treaty Organization met in Brussels. NATO said the South Korean Defense Ministry had shared data. The Democratic People\'s Republic of Korea objected.');
  // "South Korean Defense Ministry" as one organisation, or (CoNLL's convention) a nationality before one.
  assert.ok(a.entities.some((m) => m.type === 'organization' && m.text.endsWith('Defense Ministry')));
  assert.equal(entityOf(a, 'NATO')?.key, entityOf(a, 'North Atlantic Treaty Organization')?.key);
  const dprk = entityOf(a, "Democratic People's Republic of Korea");
  assert.equal(dprk?.type, 'place');
  assert.equal(dprk?.name, 'North Korea');
});

test('a possessive is not part of the name; sentence-initial common words are not names', () => {
  const a = analyzeText("However, Kim Jong Un's train reached Vladivostok. Meanwhile Russia's army waited.");
  const texts = a.entities.map((m) => m.text);
  assert.ok(texts.includes('Kim Jong Un'));
  assert.ok(texts.includes('Russia'));
  assert.ok(!texts.includes('However'));
  assert.ok(!texts.some((t) => t.endsWith("'s")));
});

test('dates and quantities are typed and normalised', () => {
  const a = analyzeText('September 8, 2024. Putin will visit on June 18-19. North Korea sent nearly five million artillery shells and $1.5 billion. He was there in 2000, two decades ago.');
  const byText = new Map(a.entities.map((m) => [m.text, m]));
  assert.deepEqual(byText.get('September 8, 2024')?.value, { kind: 'date', iso: '2024-09-08', precision: 'day' });
  assert.deepEqual(byText.get('June 18-19')?.value, { kind: 'date', iso: '2024-06-18', precision: 'day', endIso: '2024-06-19' });
  assert.deepEqual(byText.get('five million artillery shells')?.value, { kind: 'quantity', amount: 5_000_000, unit: 'shell', approximate: true });
  assert.deepEqual(byText.get('$1.5 billion')?.value, { kind: 'quantity', amount: 1_500_000_000, unit: 'USD' });
  assert.deepEqual(byText.get('2000')?.value, { kind: 'date', iso: '2000', precision: 'year' });
  assert.deepEqual(byText.get('two decades ago')?.value, { kind: 'date', iso: '2004', precision: 'year' });
  assert.equal(a.documentDate, '2024-09-08');
});

test('a role description refers to the person introduced with that role, and a claim sourced to it to that person', () => {
  const a = analyzeText('Russian President Vladimir Putin arrived in Pyongyang. North Korean leader Kim Jong Un met him. The Russian leader said the talks were useful. The North Korean leader smiled.');
  const putin = entityOf(a, 'Vladimir Putin');
  const kim = entityOf(a, 'Kim Jong Un');
  assert.deepEqual(a.references.map((r) => [r.text, r.entity]), [
    ['Russian leader', putin?.key],
    ['North Korean leader', kim?.key],
  ]);
  const claim = a.claims.find((c) => c.text.startsWith('The Russian leader said'));
  assert.equal(claim?.source?.entity, putin?.key);
  // A title before a name is not a description.
  assert.equal(analyzeText('The Russian President Vladimir Putin arrived.').references.length, 0);
});

test('a name labelled elsewhere in the document is the same name where it stands alone', () => {
  const a = analyzeText('Why is Putin flying to Kim Jong Un?\nRussian President Vladimir Putin will visit North Korea, the Kremlin said.');
  const first = a.entities.find((m) => m.text === 'Putin');
  assert.equal(first?.type, 'person');
  assert.equal(first?.entity, entityOf(a, 'Vladimir Putin')?.key);
});

test('a lone word the labeller took for a place is a person\'s surname only where the person is named at least as often', () => {
  const mention = (text: string, type: EntityType): Mention => ({ start: 0, end: text.length, text, type, entity: '' });
  const putin = [mention('Putin', 'place'), mention('Vladimir Putin', 'person')];
  resolveEntities(putin, getLexicon());
  assert.deepEqual(putin.map((m) => [m.type, m.entity]), [['person', 'person:vladimir putin'], ['person', 'person:vladimir putin']]);
  // One mislabelled "person" does not take a word the document writes alone as a place three times.
  const chechnya = [mention('Chechnya', 'place'), mention('Lebed Chechnya', 'person'), mention('Chechnya', 'place'), mention('Chechnya', 'place')];
  resolveEntities(chechnya, getLexicon());
  assert.deepEqual(chechnya.map((m) => m.type), ['place', 'person', 'place', 'place']);
  // A known place stays one beside a person who bears its name.
  const washington = [mention('Washington', 'place'), mention('George Washington', 'person')];
  resolveEntities(washington, getLexicon());
  assert.equal(washington[0].type, 'place');
});

test('in a Title Case headline a name is cut back to the names the article writes', () => {
  const text = 'Lindsay Lohan Checks Into Betty Ford Center After Court Ruling\nLindsay Lohan entered the Betty Ford Center on Thursday, her lawyer said.';
  const a = analyzeText(text);
  const headline = a.entities.filter((m) => m.end <= text.indexOf('\n')).map((m) => m.text);
  assert.ok(headline.includes('Lindsay Lohan'), headline.join(', '));
  assert.ok(!headline.some((t) => /Checks|Ruling/.test(t)), headline.join(', '));
  assertSpansExact(text, a);
  // Without the article's help, the name stops at the first ordinary word.
  const alone = analyzeText('Microsoft Releases Critical Patch For Internet Explorer Flaw');
  assert.ok(alone.entities.some((m) => m.text === 'Microsoft'), alone.entities.map((m) => m.text).join(', '));
  assert.ok(!alone.entities.some((m) => /Releases/.test(m.text)));
});

test('a news-style headline (short function words in lower case, inflected verbs) is Title Case too', () => {
  const lex = getLexicon();
  assert.ok(isOrdinaryForm('launches', lex) && isOrdinaryForm('reversed', lex) && !isOrdinaryForm('microsoft', lex));
  const line = (s: string) => {
    const tokens = tokenize(s, 0, s.length);
    return isTitleCase(tokens, tokens.map((t) => t.text.toLowerCase()), lex);
  };
  assert.ok(line('Obama Reverses Bush on Species Protection Measure'));
  assert.ok(line('Microsoft Launches Emergency Patch for Internet Explorer'));
  // A sentence of names with a lower-case function word is no headline.
  assert.ok(!line('Barack Obama and Hillary Clinton met Vladimir Putin in Moscow'));
  assert.ok(!line('Obama reverses a rule that Bush put in place on species protection'));
  const a = analyzeText('Microsoft Launches Emergency Patch for Internet Explorer');
  assert.ok(!a.entities.some((m) => /Launches/.test(m.text)), a.entities.map((m) => m.text).join(', '));
});
