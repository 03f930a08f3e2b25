import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { hash } from '@node-rs/argon2';
import fc from 'fast-check';
import {
  COMMON_PASSWORDS_FILE,
  COMMON_PASSWORD_COUNT,
  HASH_OPTIONS,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  checkIdentifier,
  checkPassword,
  hashPassword,
  identifierKey,
  isCommonPassword,
  needsRehash,
  normalizeIdentifier,
  suggestIdentifiers,
  verifyAgainstDummy,
  verifyPassword,
} from './credentials.ts';

const context = { identifier: 'marie.rossi', email: 'marie.rossi@example.mc', firstName: 'Hélène', lastName: 'Rossi' };
const GOOD = 'le phare de Fontvieille clignote';

/** Hashed once for the whole file: a handful of argon2 runs in all. */
let goodHash: Promise<string> | undefined;
const hashOfGood = (): Promise<string> => (goodHash ??= hashPassword(GOOD));

function reasonOf(result: { ok: true } | { ok: false; reason: string }): string {
  return result.ok ? 'ok' : result.reason;
}

describe('password rules', () => {
  test('a password of 14 characters is refused as too short, one of 15 is accepted', () => {
    assert.equal(MIN_PASSWORD_LENGTH, 15);
    assert.equal(reasonOf(checkPassword('voilier bleu 7', context)), 'too_short');
    assert.equal(reasonOf(checkPassword('voilier bleu 77', context)), 'ok');
  });

  test('128 characters are accepted and 129 refused, counted in code points (an emoji counts as one)', () => {
    assert.equal(MAX_PASSWORD_LENGTH, 128);
    const base = 'la mer est calme ce matin ';
    const p128 = base.repeat(5).slice(0, 128);
    assert.equal(reasonOf(checkPassword(p128, context)), 'ok');
    assert.equal(reasonOf(checkPassword(`${p128}x`, context)), 'too_long');
    const emoji128 = `${'🌊'.repeat(64)}${base.repeat(3).slice(0, 64)}`;
    assert.equal(emoji128.length, 192, 'UTF-16 units');
    assert.equal(reasonOf(checkPassword(emoji128, context)), 'ok');
    assert.equal(reasonOf(checkPassword(`${emoji128}🌊`, context)), 'too_long');
  });

  test('a 10,000-character password is refused at once, without hashing, by the check and by the login', async () => {
    const huge = 'x'.repeat(9_999) + 'y';
    const hashed = await hashOfGood();
    const started = performance.now();
    for (let i = 0; i < 200; i += 1) {
      assert.equal(reasonOf(checkPassword(huge, context)), 'too_long');
      assert.equal(await verifyPassword(hashed, huge), false);
      assert.equal(await verifyAgainstDummy(huge), false);
    }
    // 400 argon2 verifications cannot run in under 2 s on this machine (about 200/s at most).
    assert.ok(performance.now() - started < 500, `${performance.now() - started} ms`);
    await assert.rejects(hashPassword(huge), RangeError);
  });

  test('spaces, emoji, accents and lower-case letters only are accepted: no composition rule', () => {
    for (const password of [
      'trois chats sur le toit',
      '🐢🐢 la tortue gagne la course',
      'été à Èze, déjeuner à Menton',
      'onlylowercaseletterswithoutanything',
      '   leading and trailing spaces   ',
    ]) {
      const result = checkPassword(password, context);
      assert.equal(reasonOf(result), 'ok', password);
      assert.equal(result.ok && result.password, password, 'kept exactly as typed');
    }
  });

  test('NFKC is applied and nothing else: a full-width password is its ASCII form, case and spaces are kept', async () => {
    const fullWidth = 'ｌｅ ｐｈａｒｅ ｄｅ Ｆｏｎｔｖｉｅｉｌｌｅ ｃｌｉｇｎｏｔｅ';
    const result = checkPassword(fullWidth, context);
    assert.equal(result.ok && result.password, GOOD);
    const decomposed = checkPassword('e\u0301te\u0301 a\u0300 E\u0300ze, de\u0301jeuner a\u0300 Menton', context);
    assert.equal(decomposed.ok && decomposed.password, 'été à Èze, déjeuner à Menton');
    const hashed = await hashOfGood();
    assert.equal(await verifyPassword(hashed, fullWidth), true);
    assert.equal(await verifyPassword(hashed, GOOD.toUpperCase()), false);
    assert.equal(await verifyPassword(hashed, ` ${GOOD}`), false);
  });

  test('the most common passwords are refused whatever their case, a 15-character one included', () => {
    const vendored = readFileSync(COMMON_PASSWORDS_FILE, 'utf8').split('\n').filter(Boolean);
    assert.equal(vendored.length, COMMON_PASSWORD_COUNT);
    const top = vendored.slice(0, COMMON_PASSWORD_COUNT);
    assert.ok(top.includes('mailcreated5240'), 'the 15-character example is in the vendored list');
    assert.equal('mailcreated5240'.length, 15);
    assert.equal(reasonOf(checkPassword('mailcreated5240', context)), 'common');
    assert.equal(reasonOf(checkPassword('MailCreated5240', context)), 'common');
    assert.ok(isCommonPassword('PASSWORD') && isCommonPassword('azerty') && isCommonPassword('iloveyou'));
    assert.ok(
      top.every((password) => isCommonPassword(password)),
      'every one of the 10,000 is refused',
    );
    assert.equal(isCommonPassword(GOOD), false);
  });

  test('a repeated character, or the service’s own words padded with digits, count as common', () => {
    for (const password of [
      'aaaaaaaaaaaaaaaa',
      '               ',
      'Monaco2024Monaco!',
      'MonGuichet MonGuichet',
      'quatre mots pris au hasard',
    ]) {
      assert.equal(reasonOf(checkPassword(password, context)), 'common', password);
    }
    assert.equal(reasonOf(checkPassword('J’habite à Monaco depuis vingt ans', context)), 'ok');
  });

  test('a password containing the identifier, the e-mail or a name is refused, whatever the case and accents', () => {
    const cases: [string, string][] = [
      ['mon compte MARIE.ROSSI 2024', 'contains_identifier'],
      ['Marie Rossi est mon identifiant', 'contains_identifier'],
      ['xx marie.rossi@example.mc yy', 'contains_identifier'],
      ['bonjour HELENE comment vas-tu', 'contains_name'],
      ['ma famille ROSSÍ de Fontvieille', 'contains_name'],
    ];
    for (const [password, reason] of cases) assert.equal(reasonOf(checkPassword(password, context)), reason, password);

    const other = {
      identifier: 'lr.1987',
      email: 'Lea.Martin-Blanc@example.mc',
      firstName: 'Léa',
      lastName: 'Martin-Blanc',
    };
    assert.equal(reasonOf(checkPassword('mot de passe LR.1987 !!!', other)), 'contains_identifier');
    assert.equal(reasonOf(checkPassword('écrire à lea.martin-blanc@EXAMPLE.mc', other)), 'contains_email');
    assert.equal(reasonOf(checkPassword('ma boîte LÉA.MARTIN-BLANC chérie', other)), 'contains_email');
    assert.equal(reasonOf(checkPassword('le petit LEA de la plage', other)), 'contains_name');
    assert.equal(reasonOf(checkPassword('un dimanche à Blanc-Sablon', other)), 'contains_name');
    assert.equal(reasonOf(checkPassword('un martin-pêcheur au bord', other)), 'contains_name');
    // Shorter than 3 characters: not looked for.
    const short = { identifier: 'abc', email: 'jo@example.mc', firstName: 'Jo', lastName: 'Li' };
    assert.equal(reasonOf(checkPassword('jolie lisière de jonquilles', short)), 'ok');
  });

  test('an empty or missing password is "required"', () => {
    for (const raw of ['', undefined, null, 42, ['a'], { $ne: null }])
      assert.equal(reasonOf(checkPassword(raw, context)), 'required');
  });
});

describe('password hashing', () => {
  test('the hash is argon2id with the OWASP parameters, and verify accepts the right password only', async () => {
    const hashed = await hashOfGood();
    assert.ok(hashed.startsWith('$argon2id$v=19$m=19456,t=2,p=1$'), hashed);
    assert.equal(await verifyPassword(hashed, GOOD), true);
    assert.equal(await verifyPassword(hashed, 'le phare de Fontvieille clignotE'), false);
    assert.equal(needsRehash(hashed), false);
  });

  test('two passwords identical for their first 72 bytes are not interchangeable', async () => {
    const prefix = 'é'.repeat(36); // 72 bytes in UTF-8
    assert.equal(Buffer.byteLength(prefix), 72);
    const hashed = await hashPassword(`${prefix} premier`);
    assert.equal(await verifyPassword(hashed, `${prefix} premier`), true);
    assert.equal(await verifyPassword(hashed, `${prefix} second`), false);
  });

  test('needsRehash is true for a hash made with other parameters, or one that cannot be read', async () => {
    const weaker = await hash(GOOD, { ...HASH_OPTIONS, memoryCost: 4096, timeCost: 1 });
    assert.equal(needsRehash(weaker), true);
    assert.equal(await verifyPassword(weaker, GOOD), true, 'an old hash still verifies');
    assert.equal(needsRehash('$2b$10$abcdefghijklmnopqrstuu5S1bTtN8b8bA5xwzdCw4PJdQ0qR7B2'), true);
    assert.equal(needsRehash('not a hash'), true);
  });

  test('the dummy verification for an unknown identifier runs a real argon2 verification and answers false', async () => {
    const started = performance.now();
    assert.equal(await verifyAgainstDummy(GOOD), false);
    const elapsed = performance.now() - started;
    // A real argon2 run with 19 MiB (about 10 ms here), not a shortcut taking microseconds;
    // comparing it finely with a real verification is the login benchmark's job, not a unit test's.
    assert.ok(elapsed > 2, `${elapsed} ms`);
  });
});

describe('identifiers', () => {
  test('Jean.Dupont and jean.dupont have the same key; a full-width identifier is its ASCII form', () => {
    assert.equal(identifierKey('Jean.Dupont'), identifierKey('jean.dupont'));
    const fullWidth = checkIdentifier('  Ｊｅａｎ．Ｄｕｐｏｎｔ ');
    assert.deepEqual(fullWidth, { ok: true, identifier: 'Jean.Dupont' });
    assert.equal(normalizeIdentifier(' jean_dupont-2 '), 'jean_dupont-2');
  });

  test('spaces, e-mail addresses, accents, look-alike letters and lengths out of 3–64 are refused', () => {
    const cases: [unknown, string][] = [
      ['jean dupont', 'invalid_characters'],
      ['jean@dupont.mc', 'looks_like_email'],
      ['jean＠dupont.mc', 'looks_like_email'],
      ['jéan', 'invalid_characters'],
      ['j\u0430n.dupont', 'invalid_characters'], // Cyrillic а
      ['jd', 'too_short'],
      ['a'.repeat(65), 'too_long'],
      ['a'.repeat(10_000), 'too_long'],
      ['', 'required'],
      ['   ', 'required'],
      [undefined, 'required'],
      [{ $ne: null }, 'required'],
      ["' OR 1=1 --", 'invalid_characters'],
    ];
    for (const [raw, reason] of cases)
      assert.equal(reasonOf(checkIdentifier(raw, { email: 'jean@dupont.mc' })), reason, String(raw));
    assert.equal(reasonOf(checkIdentifier('jea')), 'ok');
    assert.equal(reasonOf(checkIdentifier('a'.repeat(64))), 'ok');
    assert.equal(
      reasonOf(checkIdentifier('jean', { email: 'jean@dupont.mc' })),
      'ok',
      'the e-mail’s local part is allowed',
    );
  });

  test('any identifier accepted by checkIdentifier matches the database rule', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.string({ unit: 'grapheme', maxLength: 80 }),
          fc.string({ unit: fc.constantFrom(...'aZ09._-@ ＡｚéаİǅＡ\u0301'.split('')), maxLength: 70 }),
        ),
        (raw) => {
          const result = checkIdentifier(raw);
          if (result.ok) assert.match(result.identifier, /^[A-Za-z0-9._-]{3,64}$/);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('suggestions are built from the names, follow the rules and avoid taken keys', async () => {
    const asked: string[] = [];
    const taken = new Set(['marie.rossi']);
    const isTaken = async (key: string) => {
      asked.push(key);
      return taken.has(key);
    };
    assert.deepEqual(await suggestIdentifiers('Marie', 'Rossi', isTaken), ['marie.rossi2', 'm.rossi', 'marie.rossi3']);
    assert.ok(asked.every((key) => key === key.toLowerCase()));

    const accents = await suggestIdentifiers('Hélène-Zoé', "D'Œuvray Straße", async () => false);
    assert.deepEqual(accents, ['helene-zoe.doeuvray-strasse', 'helene-zoe.doeuvray-strasse2', 'h.doeuvray-strasse']);

    const all = await suggestIdentifiers(
      'Maximilienne-Alexandrine',
      'de Saint-Exupéry-Grimaldi-Monégasque',
      async (key) => key.length % 2 === 0,
    );
    assert.equal(all.length, 3);
    for (const suggestion of all) {
      assert.equal(reasonOf(checkIdentifier(suggestion)), 'ok', suggestion);
      assert.equal(suggestion.length % 2, 1, 'not taken');
    }

    assert.deepEqual(await suggestIdentifiers('Анна', 'Иванова', async () => false), [], 'no Latin letter to build on');
    assert.deepEqual(await suggestIdentifiers('', 'Li', async () => false), ['li2', 'li3', 'li4']);
  });

  test('a name whose suggestions are all taken costs a bounded number of look-ups', async () => {
    let lookups = 0;
    const none = await suggestIdentifiers('Marie', 'Rossi', async () => {
      lookups += 1;
      return true;
    });
    assert.deepEqual(none, []);
    assert.ok(lookups <= 24, String(lookups));
  });
});
