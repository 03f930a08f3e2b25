/**
 * Canteen demo data for the embedded default: the demo families of the MConnect stand-in on the
 * rolls of 2026-2027 (the Rossi children at a primary school and at the collège, two creditors;
 * Hugo Bianchi), with classmates, the tariffs, the meals eaten from September to November 2026
 * and the bills of those months published as the school offices would: through the canteen
 * services (roll, meals and tariff imports, drafts, publication). A parent who signs in with the
 * roll's e-mail (Marco Rossi at MConnect) is offered their children on "Mes enfants" at once.
 */
import type { Kysely } from 'kysely';
import { demoFamilies, findCitizen } from '../../dev/mconnect/citizens.ts';
import type { Database } from '../db/database.ts';
import { addDays, isWeekend, isoWeekday } from '../features/canteen/calendar.ts';
import { generateDrafts, publishMonth, type InvoicingDeps } from '../features/canteen/invoicing.service.ts';
import { importMeals, importRoll, setTariff } from '../features/canteen/roll.service.ts';

const YEAR = '2026-2027';
const MONTHS = ['2026-09', '2026-10', '2026-11'] as const;
/** When each month's bills were published (the first school days of the next month). */
const PUBLISHED_ON: Record<(typeof MONTHS)[number], string> = {
  '2026-09': '2026-10-02T08:00:00Z',
  '2026-10': '2026-11-03T08:00:00Z',
  '2026-11': '2026-12-02T08:00:00Z',
};
/** No school: the All Saints' holidays and the National Day. */
const HOLIDAYS = { from: '2026-10-26', to: '2026-10-30', extra: ['2026-11-19'] };
const FIRST_DAY = '2026-09-07';
const LAST_DAY = '2026-11-30';

function emailOf(citizenId: string): string {
  const email = findCitizen(citizenId)?.email?.address;
  if (!email) throw new Error(`Demo citizen ${citizenId} has no e-mail address`);
  return email;
}

interface DemoPupil {
  readonly ref: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly birthDate: string;
  readonly className: string;
  readonly guardians: readonly { readonly email: string; readonly role: 'payer' | 'viewer' }[];
  /** ISO weekdays (1 = Monday) the pupil eats at the canteen. */
  readonly days: readonly number[];
  /** School days missed (ill), no meal. */
  readonly absent?: readonly string[];
}

function rossi(given: string) {
  const family = demoFamilies.find((f) => f.familyName === 'Rossi');
  const child = family?.children.find((c) => c.givenName === given);
  if (!family || !child) throw new Error(`No demo child ${given} Rossi`);
  return { child, parents: family.parentIds };
}

function bianchi() {
  const family = demoFamilies.find((f) => f.familyName === 'Bianchi');
  const child = family?.children[0];
  if (!family || !child) throw new Error('No demo child of the Bianchi family');
  return { child, parents: family.parentIds };
}

function rolls(): Record<string, { tariff: string; pupils: DemoPupil[] }> {
  const lea = rossi('Léa');
  const matteo = rossi('Matteo');
  const hugo = bianchi();
  const [marco = '', giulia = ''] = lea.parents.map(emailOf);
  const sophie = emailOf(hugo.parents[0] ?? '');
  return {
    // Matteo at a primary school: the primary schools' caterer.
    'ecole-saint-charles': {
      tariff: '5.57',
      pupils: [
        {
          ref: 'SC-2026-0142',
          lastName: matteo.child.familyName,
          firstName: matteo.child.givenName,
          birthDate: matteo.child.birthdate,
          className: 'CE1',
          guardians: [
            { email: marco, role: 'payer' },
            { email: giulia, role: 'viewer' },
          ],
          days: [1, 2, 4, 5],
          absent: ['2026-10-13', '2026-10-14'],
        },
        {
          ref: 'SC-2026-0143',
          lastName: 'Ferrero',
          firstName: 'Chiara',
          birthDate: '2019-03-11',
          className: 'CE1',
          guardians: [{ email: 'famille.ferrero@example.mc', role: 'payer' }],
          days: [1, 2, 3, 4, 5],
        },
      ],
    },
    // Léa at the collège: the secondary schools' caterer, another creditor.
    'college-charles-iii': {
      tariff: '6.10',
      pupils: [
        {
          ref: 'CC3-2026-0311',
          lastName: lea.child.familyName,
          firstName: lea.child.givenName,
          birthDate: lea.child.birthdate,
          className: '6e B',
          guardians: [
            { email: marco, role: 'payer' },
            { email: giulia, role: 'viewer' },
          ],
          days: [1, 2, 3, 4, 5],
          absent: ['2026-11-23'],
        },
        {
          ref: 'CC3-2026-0312',
          lastName: 'Lorenzi',
          firstName: 'Enzo',
          birthDate: '2015-07-02',
          className: '6e B',
          guardians: [
            { email: 'p.lorenzi@example.mc', role: 'payer' },
            { email: 'c.lorenzi@example.mc', role: 'payer' },
          ],
          days: [1, 2, 4, 5],
        },
      ],
    },
    'ecole-des-revoires': {
      tariff: '5.57',
      pupils: [
        {
          ref: 'RV-2026-0077',
          lastName: hugo.child.familyName,
          firstName: hugo.child.givenName,
          birthDate: hugo.child.birthdate,
          className: 'CM1',
          guardians: [{ email: sophie, role: 'payer' }],
          days: [1, 2, 4, 5],
        },
      ],
    },
  };
}

function rollCsv(pupils: readonly DemoPupil[]): Uint8Array {
  const header =
    'pupil_ref;last_name;first_name;birth_date;class;guardian1_email;guardian1_role;guardian2_email;guardian2_role';
  const lines = pupils.map((p) =>
    [
      p.ref,
      p.lastName,
      p.firstName,
      p.birthDate,
      p.className,
      p.guardians[0]?.email ?? '',
      p.guardians[0]?.role ?? '',
      p.guardians[1]?.email ?? '',
      p.guardians[1]?.role ?? '',
    ].join(';'),
  );
  return new TextEncoder().encode(`${[header, ...lines].join('\n')}\n`);
}

function schoolDay(date: string): boolean {
  if (isWeekend(date)) return false;
  if (date >= HOLIDAYS.from && date <= HOLIDAYS.to) return false;
  return !HOLIDAYS.extra.includes(date);
}

function mealsCsv(pupils: readonly DemoPupil[]): Uint8Array {
  const lines = ['pupil_ref;date;quantity'];
  for (let day = FIRST_DAY; day <= LAST_DAY; day = addDays(day, 1)) {
    if (!schoolDay(day)) continue;
    for (const pupil of pupils) {
      if (pupil.days.includes(isoWeekday(day)) && !(pupil.absent ?? []).includes(day))
        lines.push(`${pupil.ref};${day};1`);
    }
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/** Seeds the canteen demo into a database that already holds the demo establishments. */
export async function seedCanteenDemo(db: Kysely<Database>, deps: InvoicingDeps): Promise<void> {
  const now = new Date('2026-09-01T08:00:00Z');
  for (const [establishmentSlug, roll] of Object.entries(rolls())) {
    await importRoll(db, { establishmentSlug, year: YEAR, file: rollCsv(roll.pupils), now });
    await setTariff(db, { establishmentSlug, from: '2026-09-01', price: roll.tariff });
    await importMeals(db, { establishmentSlug, file: mealsCsv(roll.pupils) });
    for (const month of MONTHS) {
      await generateDrafts(db, { establishmentSlug, month });
      await publishMonth(db, deps, { establishmentSlug, month, now: new Date(PUBLISHED_ON[month]) });
    }
  }
}
