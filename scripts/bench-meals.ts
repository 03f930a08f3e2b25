/**
 * `npm run bench:meals`: imports a 50,000-line meals file (500 pupils × 100 school days) into an
 * embedded PGlite on disk, as `monguichet meals import` does, and prints the time it took.
 * The budget (BENCHMARKS.md) is 30 s.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { connectDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { addDays, isWeekend } from '../src/features/canteen/calendar.ts';
import { importMeals, importRoll } from '../src/features/canteen/roll.service.ts';
import { seedDemoData } from '../src/seed/demo.ts';

const PUPILS = 500;
const DAYS = 100;
const dir = await mkdtemp(path.join(tmpdir(), 'mg-bench-meals-'));
const database = await connectDatabase({ kind: 'pglite', dataDir: dir });
try {
  await migrateToLatest(database.db);
  await seedDemoData(database.db);
  const refs = Array.from({ length: PUPILS }, (_, i) => `B${String(i).padStart(5, '0')}`);
  const roll = [
    'pupil_ref;last_name;first_name;birth_date;class;guardian1_email;guardian1_role;guardian2_email;guardian2_role',
    ...refs.map((ref) => `${ref};Rossi;Enfant;2018-03-14;CE2;${ref.toLowerCase()}@example.mc;payer;;`),
  ].join('\n');
  await importRoll(database.db, {
    establishmentSlug: 'ecole-de-fontvieille',
    year: '2026-2027',
    file: new TextEncoder().encode(roll),
  });
  const days: string[] = [];
  for (let day = '2026-09-01'; days.length < DAYS; day = addDays(day, 1)) if (!isWeekend(day)) days.push(day);
  const lines = ['pupil_ref;date;quantity'];
  for (const ref of refs) for (const day of days) lines.push(`${ref};${day};1`);
  const file = new TextEncoder().encode(`${lines.join('\n')}\n`);

  const started = performance.now();
  const outcome = await importMeals(database.db, { establishmentSlug: 'ecole-de-fontvieille', file });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `meals import: ${outcome.rows} lines (${(file.length / 1024 / 1024).toFixed(1)} MB) into PGlite on disk in ${seconds.toFixed(1)} s (budget 30 s: ${seconds < 30 ? 'met' : 'NOT met'})\n`,
  );
} finally {
  await database.close();
  await rm(dir, { recursive: true, force: true });
}
