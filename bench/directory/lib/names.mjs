// Deterministic people for the directory: the same seed gives the same names on every run and database.

const FIRST = [
  'Ada',
  'Alan',
  'Alice',
  'Amara',
  'Ana',
  'Anton',
  'Bea',
  'Boris',
  'Carla',
  'Chen',
  'Clara',
  'Dario',
  'Dina',
  'Elena',
  'Emil',
  'Erik',
  'Fatima',
  'Felix',
  'Greta',
  'Hana',
  'Hugo',
  'Ines',
  'Ivan',
  'Jana',
  'Jonas',
  'Kai',
  'Karin',
  'Lars',
  'Lea',
  'Luca',
  'Maja',
  'Marek',
  'Mia',
  'Nadia',
  'Nils',
  'Noor',
  'Olga',
  'Omar',
  'Paula',
  'Pavel',
  'Quinn',
  'Rosa',
  'Sami',
  'Sofia',
  'Tariq',
  'Tess',
  'Uma',
  'Vera',
  'Wim',
  'Yara',
  'Zoe',
];
const SYLLABLES = [
  'ba',
  'ber',
  'bro',
  'ca',
  'den',
  'dor',
  'fa',
  'gan',
  'gel',
  'ha',
  'har',
  'kin',
  'kov',
  'la',
  'len',
  'lo',
  'man',
  'mer',
  'mo',
  'na',
  'ner',
  'nov',
  'pa',
  'per',
  'ra',
  'ren',
  'ro',
  'sa',
  'sen',
  'son',
  'ta',
  'ter',
  'to',
  'va',
  'ven',
  'wa',
  'zel',
];

/** mulberry32: a tiny seeded PRNG, good enough to spread names and pick prefixes. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function capitalize(text) {
  return text[0].toUpperCase() + text.slice(1);
}

/** Person number `index` (0-based): first and last name, display name and a unique alias. */
export function person(random, index) {
  const firstName = pick(random, FIRST);
  const syllables = 2 + Math.floor(random() * 2);
  const lastName = capitalize(Array.from({ length: syllables }, () => pick(random, SYLLABLES)).join(''));
  const alias = `${firstName}.${lastName}.${index}`.toLowerCase();
  return { alias, firstName, lastName, displayName: `${firstName} ${lastName}` };
}

/** A 2- or 3-letter prefix of a random existing display or last name, so that most searches find someone. */
export function prefixOf(random, people) {
  const someone = people[Math.floor(random() * people.length)];
  const source = random() < 0.5 ? someone.displayName : someone.lastName;
  return source.slice(0, 2 + Math.floor(random() * 2)).toLowerCase();
}
