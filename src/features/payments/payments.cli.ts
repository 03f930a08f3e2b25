/**
 * The payments' operator commands: refund a payment (in full or in part, with a reason) and list a
 * day's payments per merchant account. Thin: each calls the payments service, which src/operator
 * opens with the portal's provider and payable kinds, and says in French what it did.
 */
import { createHash } from 'node:crypto';
import type { OperatorCommand, OperatorContext } from '../../lib/operator-command.ts';
import { formatEuros, parseEuros, cents } from '../../lib/money.ts';
import type { MismatchView, PaymentsService } from './payments.service.ts';

/** Opens the payments service for a command (built by src/operator, where the payable kinds are known). */
export type OpenPayments = (context: OperatorContext) => Promise<PaymentsService>;

const euros = (value: number) => `${formatEuros(cents(value))} €`;

function required(values: OperatorContextValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`l’option --${name} est obligatoire`);
  return value.trim();
}

type OperatorContextValues = Readonly<Record<string, string | boolean | undefined>>;

const REFERENCE = /^PAY-[A-Z0-9]{4,30}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const MISMATCH_KINDS: Readonly<Record<MismatchView['kind'], string>> = {
  unknown_transaction: 'transaction inconnue',
  amount_difference: 'montant différent',
  merchant_difference: 'autre compte marchand',
  not_paid_here: 'non encaissé au portail',
  missing_settlement: 'absent du relevé',
};

function mismatchLine(m: MismatchView): string {
  const amounts = [
    m.expectedCents === null ? '' : `attendu ${euros(m.expectedCents)}`,
    m.settledCents === null ? '' : `réglé ${euros(m.settledCents)}`,
  ]
    .filter(Boolean)
    .join(', ');
  return `  #${m.id}  ${MISMATCH_KINDS[m.kind]} (${m.merchantId}) : ${m.detail}${amounts ? ` [${amounts}]` : ''}`;
}

export function paymentsCommands(open: OpenPayments): Record<string, OperatorCommand> {
  return {
    'payments refund': {
      summary: 'Rembourse un paiement, en tout ou en partie, avec un motif.',
      help: [
        'Usage: monguichet payments refund --payment PAY-7Q2K9M4XZA --amount 5.57 --reason "motif"',
        '',
        'Rembourse au plus ce qui reste remboursable du paiement (ce qui a été payé moins les',
        'remboursements déjà faits ou en cours) : deux remboursements en même temps ne peuvent pas',
        'rendre deux fois le même euro. La même commande lancée deux fois (même paiement, même montant,',
        'même motif) ne rembourse qu’une fois ; pour rembourser de nouveau le même montant, donnez un',
        'autre motif.',
      ].join('\n'),
      options: { payment: { type: 'string' }, amount: { type: 'string' }, reason: { type: 'string' } },
      takesFile: false,
      async run(context, { values }) {
        const reference = required(values, 'payment').toUpperCase();
        if (!REFERENCE.test(reference)) throw new Error(`« ${reference} » n’est pas une référence de paiement (PAY-…)`);
        const amount = parseEuros(required(values, 'amount'));
        if (amount === undefined || amount <= 0)
          throw new Error('--amount : un montant en euros, par exemple 5.57 ou 5,57, plus grand que zéro');
        const reason = required(values, 'reason');
        if (reason.length > 200) throw new Error('--reason : 200 caractères au plus');
        const payments = await open(context);
        const attempt = await payments.findByReference(reference);
        if (!attempt) throw new Error(`aucun paiement n’a la référence ${reference}`);
        const key = createHash('sha256').update(`operator-refund\0${reference}\0${amount}\0${reason}`).digest('hex');
        const answer = await payments.requestRefund({
          attemptId: attempt.id,
          amountCents: amount,
          reason,
          idempotencyKey: key,
        });
        switch (answer.kind) {
          case 'not_found':
            throw new Error(`aucun paiement n’a la référence ${reference}`);
          case 'not_refundable':
            throw new Error(`le paiement ${reference} n’est pas payé (état ${answer.state}) : rien à rembourser`);
          case 'exceeds':
            throw new Error(
              `${euros(amount)} dépasse ce qui reste remboursable sur ${reference} : ${euros(answer.refundableCents)}`,
            );
          case 'requested': {
            const state = await payments.refundState(answer.refundId);
            const said: Record<string, string> = {
              succeeded: 'fait',
              failed: 'refusé par le prestataire de paiement',
              requested: 'demandé (le prestataire sera relancé)',
              submitted: 'transmis au prestataire de paiement',
            };
            return `Remboursement de ${euros(amount)} sur ${reference} : ${said[state ?? ''] ?? state ?? 'inconnu'}.`;
          }
        }
      },
    },
    'payments list': {
      summary: 'Liste les paiements et remboursements d’un jour, par compte marchand (créancier).',
      help: [
        'Usage: monguichet payments list --day AAAA-MM-JJ',
        '',
        'Le jour est celui de Monaco. Pour chaque compte marchand : le nombre de paiements encaissés,',
        'le total encaissé, les remboursements et le net, lus dans le grand livre des paiements.',
      ].join('\n'),
      options: { day: { type: 'string' } },
      takesFile: false,
      async run(context, { values }) {
        const day = required(values, 'day');
        if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
          throw new Error(`--day : une date AAAA-MM-JJ, pas « ${day} »`);
        const payments = await open(context);
        const rows = await payments.dayReport(day);
        if (rows.length === 0) return `Aucun paiement ni remboursement le ${day}.`;
        const width = Math.max(...rows.map((r) => r.merchantId.length), 'compte marchand'.length);
        const lines = rows.map(
          (r) =>
            `${r.merchantId.padEnd(width)}  ${String(r.captures).padStart(3)} paiement(s)  encaissé ${euros(r.collectedCents)}  remboursé ${euros(r.refundedCents)}  net ${euros(r.collectedCents - r.refundedCents)}`,
        );
        const total = rows.reduce((sum, r) => sum + r.collectedCents - r.refundedCents, 0);
        return [`Paiements du ${day} (heure de Monaco) :`, ...lines, `Net du jour : ${euros(total)}`].join('\n');
      },
    },
    'settlement import': {
      summary: 'Rapproche un relevé de règlement du prestataire de paiement des paiements du portail.',
      help: [
        'Usage: monguichet settlement import FICHIER',
        '',
        'Lit le relevé de règlement d’un compte marchand (le CSV du prestataire), en entier ou pas du',
        'tout : une ligne illisible ou des totaux qui ne tombent pas juste au centime refusent le fichier.',
        'Chaque ligne est rapprochée d’un paiement (ou d’un remboursement) par l’identifiant de',
        'transaction du prestataire. Les écarts sont listés et gardés jusqu’à leur résolution :',
        'transaction inconnue, montant différent, autre compte marchand, non encaissé au portail, et',
        'paiement de la période absent du relevé. Un relevé ne s’importe qu’une fois ; une transaction',
        'déjà réglée par un relevé précédent n’est comptée qu’une fois.',
      ].join('\n'),
      options: {},
      takesFile: true,
      async run(context, { file, fileName }) {
        if (!file) throw new Error('indiquez le fichier du relevé');
        const settlements = (await open(context)).settlements();
        const answer = await settlements.importReport(file, fileName ?? 'relevé');
        switch (answer.kind) {
          case 'unsupported':
            throw new Error(`le prestataire « ${answer.provider} » ne fournit pas de relevé lisible par le portail`);
          case 'rejected':
            throw new Error(
              ['relevé refusé, rien n’a été écrit :', ...answer.problems.map((p) => `  ${p}`)].join('\n'),
            );
          case 'already_imported':
            return `Ce relevé (${answer.merchantId}, du ${answer.from} au ${answer.to}) a déjà été importé (import ${answer.importId}) : rien de nouveau.`;
          case 'imported': {
            const stillOpen = await settlements.openMismatches(answer.merchantId);
            return [
              `Relevé ${answer.merchantId} du ${answer.from} au ${answer.to} importé (import ${answer.importId}) :`,
              `  ${answer.lines} transaction(s) : brut ${euros(answer.totals.gross)}, frais ${euros(answer.totals.fee)}, net ${euros(answer.totals.net)}`,
              `  ${answer.matched} rapprochée(s) au centime`,
              ...(answer.alreadySettled > 0
                ? [`  ${answer.alreadySettled} déjà réglée(s) par un relevé précédent, comptée(s) une fois`]
                : []),
              ...(answer.resolved > 0 ? [`  ${answer.resolved} écart(s) précédent(s) résolu(s) par ce relevé`] : []),
              answer.mismatches.length === 0
                ? '  aucun nouvel écart'
                : `  ${answer.mismatches.length} nouvel(s) écart(s) :`,
              ...answer.mismatches.map(mismatchLine),
              `Écarts ouverts sur ${answer.merchantId} : ${stillOpen.length}${stillOpen.length > 0 ? ' (monguichet settlement mismatches)' : ''}.`,
            ].join('\n');
          }
        }
      },
    },
    'settlement mismatches': {
      summary: 'Liste les écarts de rapprochement encore ouverts.',
      help: [
        'Usage: monguichet settlement mismatches [--merchant COMPTE]',
        '',
        'Un écart reste ouvert jusqu’à ce qu’un relevé suivant le règle (paiement absent d’un relevé)',
        'ou qu’il soit résolu avec « monguichet settlement resolve ».',
      ].join('\n'),
      options: { merchant: { type: 'string' } },
      takesFile: false,
      async run(context, { values }) {
        const merchant = typeof values.merchant === 'string' ? values.merchant.trim() : undefined;
        const list = await (await open(context)).settlements().openMismatches(merchant || undefined);
        if (list.length === 0) return 'Aucun écart ouvert.';
        return [`${list.length} écart(s) ouvert(s) :`, ...list.map(mismatchLine)].join('\n');
      },
    },
    'settlement resolve': {
      summary: 'Clôt un écart de rapprochement, avec ce qui a été fait.',
      help: 'Usage: monguichet settlement resolve --id 12 --note "ce qui a été fait"',
      options: { id: { type: 'string' }, note: { type: 'string' } },
      takesFile: false,
      async run(context, { values }) {
        const id = required(values, 'id').replace(/^#/, '');
        const note = required(values, 'note');
        if (note.length > 500) throw new Error('--note : 500 caractères au plus');
        const answer = await (await open(context)).settlements().resolveMismatch(id, note);
        if (answer === 'not_found') throw new Error(`aucun écart n’a le numéro ${id}`);
        if (answer === 'already_resolved') return `L’écart #${id} était déjà résolu : rien de changé.`;
        return `Écart #${id} résolu.`;
      },
    },
  };
}
