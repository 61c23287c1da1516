// Cross-document linking rules, tested apart from the labeller: each document holds only the names given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDocumentConsistentNames, analyzeText } from '../../src/core/analyze';
import { getLexicon } from '../../src/core/lexicon';
import { tokenize } from '../../src/core/text/segment';
import { Corpus } from '../../src/core/corpus/corpus';
import { mayFindKnownNames } from '../../src/core/corpus/workspaceNames';
import { editDistance, shortFirstName, similarToken } from '../../src/core/corpus/linking';
import type { DocumentAnalysis, DocumentEntity, EntityType, Mention } from '../../src/core/types';

/** An analysis holding only the named entities given (a name, its type, the other ways the document writes it). */
function names(...list: [string, EntityType, ...string[]][]): DocumentAnalysis {
  let text = '';
  const entities: Mention[] = [];
  const documentEntities: DocumentEntity[] = [];
  for (const [name, type, ...others] of list) {
    const key = `${type}:${name.toLowerCase()}`;
    const mentions: number[] = [];
    for (const written of [name, ...others]) {
      mentions.push(entities.length);
      entities.push({ start: text.length, end: text.length + written.length, text: written, type, entity: key });
      text += `${written}. `;
    }
    documentEntities.push({ key, name, type, aliases: [name, ...others], mentions });
  }
  return { length: text.length, sentences: [], entities, documentEntities, references: [], claims: [] };
}

function corpusOf(...docs: [string, EntityType, ...string[]][][]): Corpus {
  const corpus = new Corpus();
  docs.forEach((list, i) => corpus.set(`d${i}`, names(...list)));
  return corpus;
}

/** The workspace entity id of a document's entity. */
function idOf(corpus: Corpus, doc: number, name: string, type: EntityType): string | undefined {
  return corpus.entityIdOf(`d${doc}`, `${type}:${name.toLowerCase()}`);
}

test('a one-word name the workspace labels two ways keeps the type of most of its mentions, if there is one', () => {
  // Each document writes "Saints" for its entity; the team's documents are three, the person's one.
  const team: [string, EntityType, ...string[]][] = [['New Orleans Saints', 'organization', 'Saints']];
  const person: [string, EntityType, ...string[]][] = [['Reggie Saints', 'person', 'Saints']];
  const clear = corpusOf(team, team, team, person);
  assert.notEqual(idOf(clear, 0, 'New Orleans Saints', 'organization'), idOf(clear, 3, 'Reggie Saints', 'person'));
  assert.equal(clear.knownNames().get('Saints'), 'organization');
  const split = corpusOf(team, person);
  assert.equal(split.knownNames().get('Saints'), undefined);
  // One document naming the team often outweighs one that names the person once.
  const often = corpusOf([['New Orleans Saints', 'organization', 'Saints', 'Saints', 'Saints']], [['Saints', 'person']]);
  assert.equal(often.knownNames().get('Saints'), 'organization');
  // Only a person's surname stands for it: not the last word of a place or an organisation.
  assert.equal(corpusOf([['Orleans Parish Sheriff', 'organization']]).knownNames().get('Sheriff'), undefined);
});

test('a leading article does not make another name: "The Associated Press" is the Associated Press', () => {
  const corpus = corpusOf([['The Associated Press', 'organization']], [['Associated Press', 'organization']]);
  assert.equal(idOf(corpus, 0, 'The Associated Press', 'organization'), idOf(corpus, 1, 'Associated Press', 'organization'));
  // "The" is not dropped from a one-word name.
  const alone = corpusOf([['The', 'organization']], [['Hague', 'place']]);
  assert.notEqual(idOf(alone, 0, 'The', 'organization'), idOf(alone, 1, 'Hague', 'place'));
});

test('a team nickname the labeller took for a place joins the team, a known place does not', () => {
  const corpus = corpusOf([['Kansas City Chiefs', 'organization'], ['University of Georgia', 'organization']], [['Chiefs', 'place'], ['Georgia', 'place']]);
  assert.equal(idOf(corpus, 1, 'Chiefs', 'place'), idOf(corpus, 0, 'Kansas City Chiefs', 'organization'));
  assert.notEqual(idOf(corpus, 1, 'Georgia', 'place'), idOf(corpus, 0, 'University of Georgia', 'organization'));
});

test('two neighbouring letters swapped are one edit: British and American spellings link', () => {
  assert.equal(editDistance('centre', 'center'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.ok(similarToken('theatre', 'theater'));
  assert.ok(!similarToken('un', 'il'));
  const corpus = corpusOf([['Betty Ford Center', 'organization']], [['Betty Ford Centre', 'organization']]);
  assert.equal(idOf(corpus, 0, 'Betty Ford Center', 'organization'), idOf(corpus, 1, 'Betty Ford Centre', 'organization'));
});

/** Person, organisation and place mentions of an analysis, as "text/type". */
function namesIn(text: string, known?: Record<string, EntityType>): string[] {
  const a = analyzeText(text, known ? { knownNames: new Map(Object.entries(known)) } : {});
  return a.entities.filter((m) => m.type === 'person' || m.type === 'organization' || m.type === 'place').map((m) => `${m.text}/${m.type}`);
}

/**
 * The names of a one-sentence text after the document and workspace names are given back to it, from the
 * mentions the labeller is supposed to have found (so that the test does not hang on what a model labels).
 */
function withKnownNames(text: string, labelled: [string, EntityType][], known: Record<string, EntityType>): string[] {
  const found: Mention[][] = [labelled.map(([name, type]) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length, text: name, type, entity: '' }))];
  addDocumentConsistentNames([tokenize(text, 0, text.length)], found, text, getLexicon(), new Map(Object.entries(known)));
  return found[0].map((m) => `${m.text}/${m.type}`);
}

test('a team nickname the workspace knows turns the city before it into the team; a name of another type does not', () => {
  const text = 'The injury-plagued season of New Orleans Saints running back Reggie Bush is over.';
  const labelled: [string, EntityType][] = [['New Orleans', 'place'], ['Reggie Bush', 'person']];
  assert.ok(withKnownNames(text, labelled, { Saints: 'organization' }).includes('New Orleans Saints/organization'));
  assert.deepEqual(withKnownNames(text, labelled, { Saints: 'person' }), ['New Orleans/place', 'Reggie Bush/person']);
  // Not a generic head after a city ("Athens Bank" stays the city and an unlabelled word).
  assert.deepEqual(withKnownNames('Savers queued outside Athens Bank branches.', [['Athens', 'place']], { Bank: 'organization' }), ['Athens/place']);
});

test('a name written in lower case at first ("eBay", "al-Assad") is found again like any other', () => {
  assert.deepEqual(withKnownNames('Shares of eBay rose , and analysts said eBay would grow .', [['eBay', 'organization']], {}), ['eBay/organization', 'eBay/organization']);
  assert.deepEqual(withKnownNames('Critics said al-Assad had lost control .', [], { 'al-Assad': 'person', Assad: 'person' }), ['al-Assad/person']);
  // Lower-case words are passed over when no name starts like them: an ordinary word stays one.
  assert.deepEqual(withKnownNames('Critics said the army had lost control .', [], { Army: 'organization' }), []);
});

test('in a Title Case headline a known name stands between capitalised ordinary words, but not inside a longer name', () => {
  const headline = 'Colts Beat Chiefs 20 - 13 , Clinch 5th Seed In AFC Playoffs';
  assert.ok(withKnownNames(headline, [['Colts', 'organization']], { Chiefs: 'organization' }).includes('Chiefs/organization'));
  assert.ok(!withKnownNames('Crowds gathered on Putin Street on Monday.', [], { Putin: 'person' }).includes('Putin/person'));
});

test('a known name opening a sentence is a name when the document never writes the word in lower case', () => {
  assert.ok(withKnownNames('Chargers lose to the Colts again .', [['Colts', 'organization']], { Chargers: 'organization' }).includes('Chargers/organization'));
  // The document also writes "chargers" as a common noun: the capital at the sentence start tells nothing.
  assert.ok(!withKnownNames('Chargers lose power , so bring phone chargers .', [], { Chargers: 'organization' }).includes('Chargers/organization'));
});

test('a name padded with a headline\'s words or a title links by its core, whichever document comes first', () => {
  const corpus = corpusOf(
    [['Lindsay Lohan Checks', 'person']],
    [['Lindsay Lohan', 'person']],
    [['Gary Ross Still', 'person'], ['Hire Maurice Cheeks', 'person']],
    [["Gary Ross Won't", 'person'], ['Ms. Palin', 'person']],
    [['Gary Ross', 'person'], ['Maurice Cheeks', 'person'], ['Sarah Palin', 'person']],
  );
  const lohan = idOf(corpus, 0, 'Lindsay Lohan Checks', 'person');
  assert.equal(lohan, idOf(corpus, 1, 'Lindsay Lohan', 'person'));
  assert.equal(lohan, 'person:lindsay-lohan');
  const ross = idOf(corpus, 4, 'Gary Ross', 'person');
  assert.equal(idOf(corpus, 2, 'Gary Ross Still', 'person'), ross);
  assert.equal(idOf(corpus, 3, "Gary Ross Won't", 'person'), ross);
  assert.equal(idOf(corpus, 2, 'Hire Maurice Cheeks', 'person'), idOf(corpus, 4, 'Maurice Cheeks', 'person'));
  assert.equal(idOf(corpus, 3, 'Ms. Palin', 'person'), idOf(corpus, 4, 'Sarah Palin', 'person'));
});

test('an organisation written with a generic head or a headline\'s words ("Microsoft Cuts Jobs") is the one so named, never a person or a known place', () => {
  const corpus = corpusOf(
    [['Staunton Police Department', 'organization'], ['Morningside Recovery Center', 'organization'], ['Microsoft Cuts Jobs', 'organization'], ['Betty Ford Center', 'organization']],
    [['Staunton Police', 'organization'], ['Morningside Recovery', 'place'], ['Microsoft', 'organization'], ['Betty Ford', 'person']],
    [['Kansas City Police', 'organization'], ['Surrey Fire', 'organization'], ['San Diego Chargers Defensive Tackle Faces', 'organization']],
    [['Kansas City', 'place'], ['Surrey', 'place'], ['San Diego', 'place']],
  );
  assert.equal(idOf(corpus, 1, 'Staunton Police', 'organization'), idOf(corpus, 0, 'Staunton Police Department', 'organization'));
  assert.equal(idOf(corpus, 1, 'Morningside Recovery', 'place'), idOf(corpus, 0, 'Morningside Recovery Center', 'organization'));
  assert.equal(idOf(corpus, 0, 'Microsoft Cuts Jobs', 'organization'), idOf(corpus, 1, 'Microsoft', 'organization'));
  assert.notEqual(idOf(corpus, 1, 'Betty Ford', 'person'), idOf(corpus, 0, 'Betty Ford Center', 'organization'));
  assert.notEqual(idOf(corpus, 3, 'Kansas City', 'place'), idOf(corpus, 2, 'Kansas City Police', 'organization'));
  assert.notEqual(idOf(corpus, 3, 'Surrey', 'place'), idOf(corpus, 2, 'Surrey Fire', 'organization'));
  assert.notEqual(idOf(corpus, 3, 'San Diego', 'place'), idOf(corpus, 2, 'San Diego Chargers Defensive Tackle Faces', 'organization'));
});

test('a suffix after the surname does not hide it, and a lone surname finds the full name the labeller took for a place', () => {
  const corpus = corpusOf([['Martin Luther King Jr', 'person'], ['Arcade Joseph Comeaux', 'place']], [['Martin Luther King', 'person'], ['Comeaux', 'person']]);
  assert.equal(idOf(corpus, 1, 'Martin Luther King', 'person'), idOf(corpus, 0, 'Martin Luther King Jr', 'person'));
  assert.equal(idOf(corpus, 1, 'Comeaux', 'person'), idOf(corpus, 0, 'Arcade Joseph Comeaux', 'place'));
  // Not a place that is no person's name.
  const places = corpusOf([['Kansas City', 'place']], [['City', 'person']]);
  assert.notEqual(idOf(places, 1, 'City', 'person'), idOf(places, 0, 'Kansas City', 'place'));
});

test('a first name, a title\'s lone word that is no surname, and the start of a place name are no padding', () => {
  const corpus = corpusOf(
    [['Mark Vinar', 'person'], ['Harry Winston', 'person'], ['New York', 'place']],
    [['Miles Vinar', 'person'], ['Prince Harry', 'person'], ['York', 'place']],
  );
  assert.notEqual(idOf(corpus, 1, 'Miles Vinar', 'person'), idOf(corpus, 0, 'Mark Vinar', 'person'));
  assert.notEqual(idOf(corpus, 1, 'Prince Harry', 'person'), idOf(corpus, 0, 'Harry Winston', 'person'));
  assert.notEqual(idOf(corpus, 1, 'York', 'place'), idOf(corpus, 0, 'New York', 'place'));
  // A nickname that is an ordinary word still names its team; the team's city stays a place.
  const teams = corpusOf([['Miami Heat', 'organization'], ['Tar Heels', 'person']], [['Heat', 'organization'], ['Heels', 'person'], ['Miami', 'place']]);
  assert.equal(idOf(teams, 1, 'Heat', 'organization'), idOf(teams, 0, 'Miami Heat', 'organization'));
  assert.equal(idOf(teams, 1, 'Heels', 'person'), idOf(teams, 0, 'Tar Heels', 'person'));
  assert.notEqual(idOf(teams, 1, 'Miami', 'place'), idOf(teams, 0, 'Miami Heat', 'organization'));
});

test('tokens without a letter or digit are no part of a name: "Lindsay _ Lohan" of a web address is Lindsay Lohan', () => {
  const corpus = corpusOf([['Lindsay _ Lohan', 'person']], [['Lindsay Lohan', 'person']]);
  assert.equal(idOf(corpus, 0, 'Lindsay _ Lohan', 'person'), idOf(corpus, 1, 'Lindsay Lohan', 'person'));
});

test('an acronym joins the organisation another document writes in full; a place\'s initials do not', () => {
  const corpus = corpusOf(
    [['The Hollywood Reporter', 'organization'], ['Saudi Arabia', 'place']],
    [['THR', 'organization'], ['SA', 'organization']],
  );
  assert.equal(idOf(corpus, 1, 'THR', 'organization'), idOf(corpus, 0, 'The Hollywood Reporter', 'organization'));
  assert.notEqual(idOf(corpus, 1, 'SA', 'organization'), idOf(corpus, 0, 'Saudi Arabia', 'place'));
});

test('a company is named by the first word of its name when the rest is generic; a place so named is not the company', () => {
  const corpus = corpusOf(
    [['Microsoft Corp.', 'organization'], ['Surrey Police', 'organization'], ['Bank of America', 'organization']],
    [['Microsoft', 'organization'], ['Surrey', 'place'], ['Bank', 'organization']],
  );
  assert.equal(idOf(corpus, 1, 'Microsoft', 'organization'), idOf(corpus, 0, 'Microsoft Corp.', 'organization'));
  assert.notEqual(idOf(corpus, 1, 'Surrey', 'place'), idOf(corpus, 0, 'Surrey Police', 'organization'));
  assert.notEqual(idOf(corpus, 1, 'Bank', 'organization'), idOf(corpus, 0, 'Bank of America', 'organization'));
});

test('a familiar first name is the same person\'s: "Mo Cheeks" is Maurice Cheeks, "Katie" Kathryn; other first names are not', () => {
  assert.ok(shortFirstName('mo', 'maurice'));
  assert.ok(shortFirstName('katie', 'kathryn'));
  assert.ok(shortFirstName('betty', 'bettie'));
  assert.ok(!shortFirstName('mark', 'martin'));
  assert.ok(!shortFirstName('jeb', 'jenna'));
  assert.ok(!shortFirstName('jo', 'mary'));
  const corpus = corpusOf(
    [['Maurice Cheeks', 'person'], ['Kathryn Jenkin', 'person'], ['Mark Felt', 'person'], ['Kim Jong Un', 'person']],
    [['Mo Cheeks', 'organization'], ['Katie Jenkin', 'person'], ['Martin Felt', 'person'], ['Kim Jong Il', 'person']],
  );
  assert.equal(idOf(corpus, 1, 'Mo Cheeks', 'organization'), idOf(corpus, 0, 'Maurice Cheeks', 'person'));
  assert.equal(idOf(corpus, 1, 'Katie Jenkin', 'person'), idOf(corpus, 0, 'Kathryn Jenkin', 'person'));
  assert.notEqual(idOf(corpus, 1, 'Martin Felt', 'person'), idOf(corpus, 0, 'Mark Felt', 'person'));
  assert.notEqual(idOf(corpus, 1, 'Kim Jong Il', 'person'), idOf(corpus, 0, 'Kim Jong Un', 'person'));
});

test('a person\'s full name finds the same name the labeller typed as an organisation; a city\'s name is no person\'s', () => {
  const corpus = corpusOf([['Arcade Joseph Comeaux Jr', 'organization'], ['San Jose', 'place']], [['Joseph Comeaux Jr', 'person'], ['Carlos San Jose', 'person']]);
  assert.equal(idOf(corpus, 1, 'Joseph Comeaux Jr', 'person'), idOf(corpus, 0, 'Arcade Joseph Comeaux Jr', 'organization'));
  assert.notEqual(idOf(corpus, 1, 'Carlos San Jose', 'person'), idOf(corpus, 0, 'San Jose', 'place'));
});

test('a city typed as an organisation is the team named after it; a newspaper is no team, the city as a place stays a place', () => {
  const corpus = corpusOf(
    [['Indianapolis Colts', 'organization'], ['Washington Post', 'organization']],
    [['Indianapolis', 'organization'], ['Washington', 'organization']],
    [['Indianapolis', 'place']],
  );
  assert.equal(idOf(corpus, 1, 'Indianapolis', 'organization'), idOf(corpus, 0, 'Indianapolis Colts', 'organization'));
  assert.notEqual(idOf(corpus, 1, 'Washington', 'organization'), idOf(corpus, 0, 'Washington Post', 'organization'));
  assert.notEqual(idOf(corpus, 2, 'Indianapolis', 'place'), idOf(corpus, 0, 'Indianapolis Colts', 'organization'));
});

test('a known name written in capitals in a headline is found; an ordinary word in capitals is not', () => {
  const headline = 'COLTS BEAT CHIEFS 20 - 13 , CLINCH PLAYOFF BERTH';
  assert.deepEqual(namesIn(headline), []);
  assert.deepEqual(namesIn(headline, { Colts: 'organization', Chiefs: 'organization' }), ['COLTS/organization', 'CHIEFS/organization']);
  assert.deepEqual(namesIn('THE MAN WHO SAID IT WAS THE MAYOR', { Man: 'person' }), []);
  const names = new Map([['Colts', 'organization' as const]]);
  assert.equal(mayFindKnownNames(headline, analyzeText(headline).entities, names), true);
});

test('a name the labeller types two ways makes an entity of the type most of its mentions have, whichever document comes first', () => {
  // The first document takes "Zurana Horton" for a place, the next two for a person; a fourth says "Horton".
  const corpus = corpusOf([['Zurana Horton', 'place']], [['Zurana Horton', 'person', 'Horton']], [['Zurana Horton', 'person']], [['Horton', 'person']]);
  const id = idOf(corpus, 0, 'Zurana Horton', 'place');
  assert.ok(id?.startsWith('person:'), id);
  assert.equal(idOf(corpus, 1, 'Zurana Horton', 'person'), id);
  assert.equal(idOf(corpus, 3, 'Horton', 'person'), id);
  // Even votes keep the documents' order.
  const even = corpusOf([['Wasilla', 'place']], [['Wasilla', 'organization']]);
  assert.ok(idOf(even, 0, 'Wasilla', 'place')?.startsWith('place:'));
});

test('an abbreviated first word is the word in full: "Mt Cook" is Mount Cook, "St. Petersburg" Saint Petersburg', () => {
  const corpus = corpusOf([['Mount Cook', 'place']], [['Mt Cook', 'place']], [['St. Petersburg', 'place']], [['Saint Petersburg', 'place']]);
  assert.equal(idOf(corpus, 1, 'Mt Cook', 'place'), idOf(corpus, 0, 'Mount Cook', 'place'));
  assert.equal(idOf(corpus, 2, 'St. Petersburg', 'place'), idOf(corpus, 3, 'Saint Petersburg', 'place'));
  // Only in front of another word, and only in front: "MT" alone, "Main St" stay as written.
  const apart = corpusOf([['MT', 'place']], [['Mount', 'place']], [['Main St', 'place']], [['Main Saint', 'place']]);
  assert.notEqual(idOf(apart, 0, 'MT', 'place'), idOf(apart, 1, 'Mount', 'place'));
  assert.notEqual(idOf(apart, 2, 'Main St', 'place'), idOf(apart, 3, 'Main Saint', 'place'));
});
