/**
 * The canteen (features/canteen): a canteen procedure's "Commencer" gate and printable guide, and
 * the parent's pages ("Mes enfants", "Mes factures").
 */
import { enc, fixed, route, withQuery } from './route.ts';

export const canteen = {
  /** "Commencer" on a canteen procedure's page. */
  start: route('/demarches/:slug/commencer', (slug: string) => `/demarches/${enc(slug)}/commencer`),
  /** The printable guide of a canteen procedure. */
  guide: route('/demarches/:slug/guide.pdf', (slug: string) => `/demarches/${enc(slug)}/guide.pdf`),
  /** A parent's canteen bills (linked by the roll's e-mail or a pupil code); optionally one establishment's. */
  invoices: route('/mes-factures', (establishment?: string) =>
    withQuery('/mes-factures', { etablissement: establishment }),
  ),
  /** "Payer": every bill the parent may pay now, ticked; posting it starts the card payment(s). */
  pay: route('/mes-factures/payer', (establishment?: string) =>
    withQuery('/mes-factures/payer', { etablissement: establishment }),
  ),
  /** One bill of the parent's, its PDF. */
  invoice: route('/mes-factures/:id', (id: string) => `/mes-factures/${enc(id)}`),
  invoicePdf: route('/mes-factures/:id/facture.pdf', (id: string) => `/mes-factures/${enc(id)}/facture.pdf`),
  /** The parent's card payments, each with its receipt. */
  payments: route('/mes-factures/paiements', () => '/mes-factures/paiements'),
  /** The receipt of one of the parent's card payments (`PAY-…`), as a PDF. */
  receipt: route(
    '/mes-factures/paiements/:reference/recu.pdf',
    (reference: string) => `/mes-factures/paiements/${enc(reference)}/recu.pdf`,
  ),
  /** A parent's children at the canteen; `etablissement` says which procedure sent them here. */
  children: route('/mes-enfants', (establishment?: string, notice?: string) =>
    withQuery('/mes-enfants', { etablissement: establishment, info: notice }),
  ),
  /** Confirms the children the roll lists under the account's verified e-mail. */
  linkChildrenByEmail: fixed('/mes-enfants/rattacher'),
  /** Links a child by the pupil code of the school's letter and the birth date. */
  linkChildByCode: fixed('/mes-enfants/code'),
  /** A child's annual payment certificate (PDF): the account's payments of that calendar year for that child. */
  certificate: route(
    '/mes-enfants/:id/attestation-paiement-:year.pdf',
    (id: string, year: number) => `/mes-enfants/${enc(id)}/attestation-paiement-${year}.pdf`,
  ),
  /** A linked child: school, class, meals of `mois` (YYYY-MM), bills. */
  child: route('/mes-enfants/:id', (id: string, month?: string) =>
    withQuery(`/mes-enfants/${enc(id)}`, { mois: month }),
  ),
} as const;
