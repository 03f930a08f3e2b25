/**
 * The canteen's operator commands: list establishments, set a tariff, import a roll and meals,
 * print the pupils' link codes, generate and publish a month's invoices. Thin: each calls the
 * services the back office uses and says in French what it did.
 */
import type { OperatorCommand, OperatorInput } from '../../lib/operator-command.ts';
import { CanteenInputError } from './canteen.types.ts';
import { formatEuros, cents } from '../../lib/money.ts';

/**
 * The services, loaded when a command runs: `--help`, and a command the CLI only hands to the
 * running portal, do not wait for the database layer to load.
 */
async function services() {
  const [repository, invoicing, roll] = await Promise.all([
    import('./billing.repository.ts'),
    import('./invoicing.service.ts'),
    import('./roll.service.ts'),
  ]);
  return { repository, ...invoicing, ...roll };
}

/** What the publication's e-mail asked of each payer, after their address. */
const PAYER_NOTE = {
  linked: '',
  unlinked: ' (compte non rattaché : e-mail « rattachez vos enfants »)',
  none: ' (sans compte : e-mail d’invitation)',
} as const;

const euros = (value: number) => `${formatEuros(cents(value))} €`;

function option(input: OperatorInput, name: string): string {
  const value = input.values[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CanteenInputError([{ field: `--${name}`, message: 'option obligatoire' }]);
  }
  return value.trim();
}

function file(input: OperatorInput): Uint8Array {
  if (!input.file) throw new CanteenInputError([{ field: 'FICHIER', message: 'nom du fichier CSV manquant' }]);
  return input.file;
}

export const canteenCommands: Record<string, OperatorCommand> = {
  'establishments list': {
    summary: 'Liste les établissements : code, nom, créancier (régie).',
    help: 'Usage: monguichet establishments list\n\nUne ligne par établissement : son code (à passer à --establishment), son nom et le créancier qui facture sa cantine.',
    options: {},
    takesFile: false,
    async run({ db }) {
      const { repository } = await services();
      const rows = await repository.listEstablishments(db);
      const width = Math.max(...rows.map((r) => r.slug.length));
      const nameWidth = Math.max(...rows.map((r) => r.name.length));
      return rows
        .map(
          (r) =>
            `${r.slug.padEnd(width)}  ${r.name.padEnd(nameWidth)}  ${r.creditor_name}${r.has_canteen ? '' : ' (sans cantine)'}`,
        )
        .join('\n');
    },
  },
  'tariff set': {
    summary: 'Fixe le prix d’un repas (TTC) d’un établissement à partir d’une date.',
    help: 'Usage: monguichet tariff set --establishment CODE --from AAAA-MM-JJ --price 5.57\n\nLe prix vaut jusqu’au tarif suivant. Une facture déjà émise garde ses prix.',
    options: { establishment: { type: 'string' }, from: { type: 'string' }, price: { type: 'string' } },
    takesFile: false,
    async run({ db }, input) {
      const establishment = option(input, 'establishment');
      const { setTariff } = await services();
      const outcome = await setTariff(db, {
        establishmentSlug: establishment,
        from: option(input, 'from'),
        price: option(input, 'price'),
      });
      return `Tarif de ${establishment} à partir du ${outcome.from} : ${euros(outcome.unitPriceCents)} le repas TTC${
        outcome.replacedCents === undefined ? '' : ` (remplace ${euros(outcome.replacedCents)})`
      }.`;
    },
  },
  'roll import': {
    summary: 'Importe la liste des élèves et de leurs responsables (CSV) pour une année scolaire.',
    help: [
      'Usage: monguichet roll import --establishment CODE --year 2026-2027 [--dry-run] FICHIER',
      '',
      'FICHIER : CSV UTF-8, séparé par ; ou , avec l’en-tête',
      '  pupil_ref;last_name;first_name;birth_date;class;guardian1_email;guardian1_role;guardian2_email;guardian2_role',
      'birth_date en AAAA-MM-JJ ou JJ/MM/AAAA ; rôles payer ou viewer ; responsable 2 facultatif.',
      'Un élève déjà connu (même pupil_ref) est mis à jour ; un élève absent du fichier est marqué parti.',
      '--dry-run montre ce qui changerait sans rien écrire.',
    ].join('\n'),
    options: { establishment: { type: 'string' }, year: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    takesFile: true,
    async run({ db }, input) {
      const establishment = option(input, 'establishment');
      const year = option(input, 'year');
      const { importRoll } = await services();
      const outcome = await importRoll(db, {
        establishmentSlug: establishment,
        year,
        file: file(input),
        dryRun: input.values['dry-run'] === true,
      });
      const list = (refs: readonly string[]) =>
        refs.length > 0 ? ` (${refs.slice(0, 20).join(', ')}${refs.length > 20 ? ', …' : ''})` : '';
      return [
        `${outcome.dryRun ? 'Simulation, rien n’est écrit. ' : ''}Liste ${year} de ${establishment} :`,
        `  ${outcome.added.length} élève(s) ajouté(s)${list(outcome.added)}`,
        `  ${outcome.updated.length} élève(s) mis à jour${list(outcome.updated)}`,
        `  ${outcome.unchanged} élève(s) inchangé(s)`,
        `  ${outcome.left.length} élève(s) absent(s) du fichier, marqué(s) parti(s)${list(outcome.left)}`,
      ].join('\n');
    },
  },
  'roll codes': {
    summary: 'Sort les codes de rattachement des élèves (CSV) pour les courriers aux familles.',
    help: [
      'Usage: monguichet roll codes --establishment CODE > codes.csv',
      '',
      'Écrit sur la sortie standard un CSV (séparé par ;) des élèves encore inscrits, par classe et par nom :',
      '  pupil_ref;last_name;first_name;class;school_year;link_code',
      'Avec ce code et la date de naissance de l’enfant, un parent rattache l’enfant à son compte',
      'dans « Mes enfants ». Le code se tape avec ou sans tiret, en majuscules ou en minuscules.',
    ].join('\n'),
    options: { establishment: { type: 'string' } },
    takesFile: false,
    async run({ db }, input) {
      const establishment = option(input, 'establishment');
      const { pupilCodesCsv } = await services();
      const { csv } = await pupilCodesCsv(db, { establishmentSlug: establishment });
      // The CLI ends the output with its own line break.
      return csv.replace(/\r\n$/, '');
    },
  },
  'meals import': {
    summary: 'Importe les repas pris (CSV pupil_ref;date;quantity).',
    help: [
      'Usage: monguichet meals import --establishment CODE FICHIER',
      '',
      'FICHIER : CSV UTF-8, séparé par ; ou , avec l’en-tête pupil_ref;date;quantity,',
      'une ligne par élève et par jour de repas (date AAAA-MM-JJ ou JJ/MM/AAAA, quantité 1 à 3).',
      'Un jour déjà importé pour un élève prend la quantité du fichier. Une seule erreur refuse tout le fichier.',
    ].join('\n'),
    options: { establishment: { type: 'string' } },
    takesFile: true,
    async run({ db }, input) {
      const establishment = option(input, 'establishment');
      const { importMeals } = await services();
      const outcome = await importMeals(db, { establishmentSlug: establishment, file: file(input) });
      return `${outcome.rows} ligne(s) importée(s) pour ${establishment} : ${outcome.meals} repas de ${outcome.pupils} élève(s), du ${outcome.firstDate} au ${outcome.lastDate}.`;
    },
  },
  'invoices generate': {
    summary: 'Prépare les brouillons de factures d’un mois (remplace les brouillons, jamais une facture publiée).',
    help: 'Usage: monguichet invoices generate --establishment CODE --month AAAA-MM\n\nUn brouillon par payeur pour le mois, à partir des repas pris et du tarif de chaque jour.',
    options: { establishment: { type: 'string' }, month: { type: 'string' } },
    takesFile: false,
    async run({ db }, input) {
      const establishment = option(input, 'establishment');
      const month = option(input, 'month');
      const { generateDrafts } = await services();
      const outcome = await generateDrafts(db, { establishmentSlug: establishment, month });
      return [
        `${outcome.drafts} brouillon(s) de facture pour ${establishment}, ${month} : ${euros(outcome.totalCents)} au total.`,
        ...(outcome.replacedDrafts > 0 ? [`  ${outcome.replacedDrafts} brouillon(s) précédent(s) remplacé(s).`] : []),
        ...(outcome.alreadyPublished > 0
          ? [`  ${outcome.alreadyPublished} facture(s) déjà publiée(s) pour ce mois, laissée(s) telles quelles.`]
          : []),
      ].join('\n');
    },
  },
  'invoices publish': {
    summary: 'Publie les brouillons d’un mois : numéros, échéances, e-mail à chaque payeur.',
    help: 'Usage: monguichet invoices publish --establishment CODE --month AAAA-MM\n\nPublier à nouveau le même mois ne publie que les nouveaux brouillons.',
    options: { establishment: { type: 'string' }, month: { type: 'string' } },
    takesFile: false,
    async run({ db, mail, publicUrl }, input) {
      const establishment = option(input, 'establishment');
      const month = option(input, 'month');
      const { publishMonth } = await services();
      const outcome = await publishMonth(
        db,
        { mail: await mail(), publicUrl },
        { establishmentSlug: establishment, month },
      );
      if (outcome.published.length === 0) {
        return `Rien de nouveau à publier pour ${establishment}, ${month} : ${outcome.alreadyPublished} facture(s) déjà publiée(s).`;
      }
      return [
        `${outcome.published.length} facture(s) publiée(s) pour ${establishment}, ${month}${
          outcome.alreadyPublished > 0 ? ` (${outcome.alreadyPublished} déjà publiée(s) avant)` : ''
        } :`,
        ...outcome.published.map(
          (p) =>
            `  ${p.number}  ${euros(p.totalCents).padStart(10)}  ${p.paymentReference}  ${p.payerEmail}${PAYER_NOTE[p.account]}`,
        ),
      ].join('\n');
    },
  },
};
