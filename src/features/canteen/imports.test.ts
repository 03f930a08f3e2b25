/**
 * Roll and meals imports: a good file is written, a re-import updates and never duplicates, and
 * every bad file is refused with the line and field named and nothing written.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { bytes, mealsCsv, rollCsv, ROLL_HEADER_LINE } from '../../../test/factories/canteen.ts';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import { after } from 'node:test';
import { toCsv } from '../../lib/csv.ts';
import { CanteenInputError } from './canteen.types.ts';
import { importMeals, importRoll, setTariff } from './roll.service.ts';

const database = await createTestDatabase({ seed: true });
after(() => database.close());
const db = database.db;

const SCHOOL = 'ecole-de-fontvieille';
const parent = (email: string) => [{ email, role: 'payer' as const }];

async function counts() {
  const { rows } = await sql<{ pupils: number; guardians: number; meals: number; years: number }>`
    select (select count(*)::int from pupil) as pupils, (select count(*)::int from guardian_link) as guardians,
           (select count(*)::int from meal) as meals, (select count(*)::int from school_year) as years`.execute(db);
  return rows[0];
}

async function refused(run: () => Promise<unknown>, pattern: RegExp) {
  const before = await counts();
  await assert.rejects(run(), (error: unknown) => {
    assert.ok(error instanceof CanteenInputError, String(error));
    assert.match(error.message, pattern);
    return true;
  });
  assert.deepEqual(await counts(), before, 'nothing written');
}

await importRoll(db, {
  establishmentSlug: SCHOOL,
  year: '2026-2027',
  file: bytes(
    rollCsv([
      { ref: 'F001', firstName: 'Léa', guardians: parent('lea.parent@example.mc') },
      {
        ref: 'F002',
        firstName: 'Marco',
        guardians: [
          { email: 'maman@example.mc', role: 'payer' },
          { email: 'papa@example.mc', role: 'payer' },
        ],
      },
    ]),
  ),
});

test('a roll with a BOM, commas and Windows line endings imports like any other', async () => {
  const text = `\uFEFF${ROLL_HEADER_LINE.replaceAll(';', ',')}\r\nR001,Rossi,Anna,14/03/2018,CP,anna.parent@example.mc,payer,,\r\n`;
  const outcome = await importRoll(db, { establishmentSlug: 'ecole-du-parc', year: '2026-2027', file: bytes(text) });
  assert.deepEqual(outcome.added, ['R001']);
  const pupil = await db.selectFrom('pupil').selectAll().where('pupil_ref', '=', 'R001').executeTakeFirstOrThrow();
  assert.equal(pupil.birth_date, '2018-03-14');
  assert.match(pupil.link_code, /^[A-Z2-9]{8}$/);
});

test('re-importing updates pupils by pupil_ref, never duplicates them, marks the missing as left, and keeps linked accounts', async () => {
  const roll = (pupils: Parameters<typeof rollCsv>[0]) =>
    importRoll(db, {
      establishmentSlug: 'ecole-des-carmes',
      year: '2026-2027',
      file: bytes(rollCsv(pupils)),
      now: new Date('2026-10-15T10:00:00Z'),
    });
  await roll([
    { ref: 'C1', guardians: parent('c1@example.mc') },
    { ref: 'C2', guardians: parent('c2@example.mc') },
  ]);
  await sql`update guardian_link set account_id = null where email_key = 'c1@example.mc'`.execute(db);
  const dry = await importRoll(db, {
    establishmentSlug: 'ecole-des-carmes',
    year: '2026-2027',
    file: bytes(rollCsv([{ ref: 'C1', lastName: 'Nouveau', guardians: parent('c1@example.mc') }])),
    dryRun: true,
  });
  assert.deepEqual([dry.added, dry.updated, dry.left], [[], ['C1'], ['C2']]);
  const left = await db.selectFrom('pupil').select('left_on').where('pupil_ref', '=', 'C2').executeTakeFirstOrThrow();
  assert.equal(left.left_on, null, 'a dry run writes nothing');

  const outcome = await roll([{ ref: 'C1', lastName: 'Nouveau', guardians: parent('c1@example.mc') }]);
  assert.deepEqual([outcome.added, outcome.updated, outcome.left], [[], ['C1'], ['C2']]);
  const pupils = await db
    .selectFrom('pupil')
    .select(['pupil_ref', 'last_name', 'left_on'])
    .where('pupil_ref', 'in', ['C1', 'C2'])
    .orderBy('pupil_ref')
    .execute();
  assert.deepEqual(pupils, [
    { pupil_ref: 'C1', last_name: 'Nouveau', left_on: null },
    { pupil_ref: 'C2', last_name: 'Rossi', left_on: '2026-10-15' },
  ]);
  const again = await roll([{ ref: 'C1', lastName: 'Nouveau', guardians: parent('c1@example.mc') }]);
  assert.equal(again.unchanged, 1);
});

test('a roll names every problem by line and field, and nothing of it is written', async () => {
  const cases: [string, string, RegExp][] = [
    ['missing header', 'F001;Rossi;Léa;2018-03-14;CE2;a@example.mc;payer;;\n', /ligne 1, fichier : en-tête attendu/],
    [
      'wrong header',
      `${ROLL_HEADER_LINE.replace('class', 'classe')}\n`,
      /ligne 1, fichier : .*colonne\(s\) manquante\(s\) : class/,
    ],
    [
      'wrong separator',
      `${ROLL_HEADER_LINE.replaceAll(';', '\t')}\n`,
      /ligne 1, fichier : en-tête attendu .*séparateur ; ou ,/,
    ],
    ['empty file', '', /fichier : le fichier est vide/],
    ['header only', `${ROLL_HEADER_LINE}\n`, /ligne 2, fichier : aucune ligne/],
    [
      'duplicate pupil_ref',
      rollCsv([
        { ref: 'X1', guardians: parent('a@example.mc') },
        { ref: 'X1', guardians: parent('b@example.mc') },
      ]),
      /ligne 3, pupil_ref : « X1 » figure déjà ligne 2/,
    ],
    [
      'invalid date',
      rollCsv([{ ref: 'X2', birthDate: '31/02/2026', guardians: parent('a@example.mc') }]),
      /ligne 2, birth_date : « 31\/02\/2026 » n’est pas une date/,
    ],
    [
      'not an e-mail',
      rollCsv([{ ref: 'X3', guardians: parent('pas-une-adresse') }]),
      /ligne 2, guardian1_email : « pas-une-adresse » n’est pas une adresse e-mail/,
    ],
    [
      'unknown role',
      `${ROLL_HEADER_LINE}\nX4;Rossi;Léa;2018-03-14;CE2;a@example.mc;tuteur;;\n`,
      /ligne 2, guardian1_role : rôle « tuteur » inconnu/,
    ],
    [
      'formula injection',
      rollCsv([{ ref: 'X5', lastName: '=HYPERLINK("http://evil.example","clic")', guardians: parent('a@example.mc') }]),
      /ligne 2, last_name : .*formule de tableur/,
    ],
    [
      'no payer',
      `${ROLL_HEADER_LINE}\nX6;Rossi;Léa;2018-03-14;CE2;a@example.mc;viewer;;\n`,
      /ligne 2, guardian1_role : aucun responsable payeur/,
    ],
    ['wrong field count', `${ROLL_HEADER_LINE}\nX7;Rossi;Léa\n`, /ligne 2, fichier : 3 champ\(s\) au lieu de 9/],
  ];
  for (const [, text, pattern] of cases) {
    await refused(() => importRoll(db, { establishmentSlug: SCHOOL, year: '2026-2027', file: bytes(text) }), pattern);
  }
  await refused(
    () =>
      importRoll(db, {
        establishmentSlug: SCHOOL,
        year: '2026-2027',
        file: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]),
      }),
    /n’est pas un texte UTF-8/,
  );
  await refused(
    () => importRoll(db, { establishmentSlug: 'ecole-inconnue', year: '2026-2027', file: bytes(rollCsv([])) }),
    /--establishment : aucun établissement n’a le code « ecole-inconnue »/,
  );
  await refused(
    () => importRoll(db, { establishmentSlug: SCHOOL, year: '2026-2028', file: bytes(rollCsv([])) }),
    /--year : « 2026-2028 » n’est pas une année scolaire/,
  );
});

test('meals import: a good file is written, a day re-imported takes the new quantity', async () => {
  const outcome = await importMeals(db, {
    establishmentSlug: SCHOOL,
    file: bytes(
      mealsCsv([
        { ref: 'F001', date: '2026-10-05' },
        { ref: 'F002', date: '06/10/2026', quantity: 2 },
      ]),
    ),
  });
  assert.deepEqual(outcome, { rows: 2, meals: 3, pupils: 2, firstDate: '2026-10-05', lastDate: '2026-10-06' });
  await importMeals(db, {
    establishmentSlug: SCHOOL,
    file: bytes(mealsCsv([{ ref: 'F001', date: '2026-10-05', quantity: 2 }])),
  });
  const { rows } = await sql<{ quantity: number }>`
    select quantity from meal join pupil on pupil.id = meal.pupil_id where pupil_ref = 'F001' and eaten_on = '2026-10-05'`.execute(
    db,
  );
  assert.deepEqual(rows, [{ quantity: 2 }]);
});

test('a meals file names every problem by line and field, and nothing of it is written', async () => {
  const cases: [string, RegExp][] = [
    [
      mealsCsv([
        { ref: 'F001', date: '2026-10-07' },
        { ref: 'INCONNU', date: '2026-10-07' },
      ]),
      /ligne 3, pupil_ref : élève « INCONNU » inconnu de ecole-de-fontvieille/,
    ],
    [mealsCsv([{ ref: 'F001', date: '2026-10-10' }]), /ligne 2, date : le 2026-10-10 est un samedi ou un dimanche/],
    [mealsCsv([{ ref: 'F001', date: '2026-08-03' }]), /ligne 2, date : le 2026-08-03 est hors de l’année scolaire/],
    [mealsCsv([{ ref: 'F001', date: '31/02/2026' }]), /ligne 2, date : « 31\/02\/2026 » n’est pas une date/],
    [
      mealsCsv([{ ref: 'F001', date: '2026-10-07', quantity: -1 }]),
      /ligne 2, quantity : « -1 » : un nombre entier de repas de 1 à 3/,
    ],
    [mealsCsv([{ ref: 'F001', date: '2026-10-07', quantity: 40 }]), /ligne 2, quantity : « 40 »/],
    ['pupil_ref;date;quantity\nF001;2026-10-07;1.5\n', /ligne 2, quantity : « 1.5 »/],
    [
      mealsCsv([
        { ref: 'F001', date: '2026-10-07' },
        { ref: 'F001', date: '07/10/2026' },
      ]),
      /ligne 3, date : même élève et même jour que la ligne 2/,
    ],
    ['pupil_ref|date|quantity\nF001|2026-10-07|1\n', /ligne 1, fichier : en-tête attendu « pupil_ref;date;quantity »/],
    ['=HYPERLINK("http://evil.example");date;quantity\n', /ligne 1, fichier : en-tête attendu/],
  ];
  for (const [text, pattern] of cases) {
    await refused(() => importMeals(db, { establishmentSlug: SCHOOL, file: bytes(text) }), pattern);
  }
});

test('a tariff is set from a date with an exact price; a bad price or date is refused', async () => {
  const outcome = await setTariff(db, { establishmentSlug: SCHOOL, from: '2026-09-01', price: '5.57' });
  assert.equal(outcome.unitPriceCents, 557);
  await assert.rejects(setTariff(db, { establishmentSlug: SCHOOL, from: '2026-09-01', price: '5.575' }), /--price/);
  await assert.rejects(setTariff(db, { establishmentSlug: SCHOOL, from: '2026-02-31', price: '5' }), /--from/);
  await assert.rejects(setTariff(db, { establishmentSlug: SCHOOL, from: '2026-09-01', price: '-5' }), /--price/);
});

test('every CSV the portal writes neutralises cells a spreadsheet would run as a formula', () => {
  const csv = toCsv(
    ['nom', 'montant'],
    [
      ['=HYPERLINK("http://evil.example","x")', 10],
      ['+1', '-2'],
      ['@SUM(A1)', 'Léa; "la"'],
    ],
  );
  assert.equal(
    csv,
    'nom;montant\r\n"\'=HYPERLINK(""http://evil.example"",""x"")";10\r\n\'+1;\'-2\r\n\'@SUM(A1);"Léa; ""la"""\r\n',
  );
});
