/** Canteen billing: the invoice states as parents read them, and the "bill available" e-mail. */
import { of, withArticle } from './grammar.ts';

export const canteen = {
  invoiceStatus: {
    draft: 'brouillon',
    to_pay: 'à payer',
    partially_paid: 'partiellement payée',
    paid: 'payée',
    cancelled: 'annulée',
  },
  receiptMail: {
    subject: (amount: string) => `Paiement de cantine confirmé : ${amount}`,
    title: 'Votre paiement est confirmé',
    intro: (amount: string, creditor: string, when: string) =>
      `Nous avons bien reçu votre paiement de ${amount} à ${creditor}, le ${when} (heure de Monaco). Merci.`,
    billsIntro: 'Il règle :',
    bill: (number: string, establishment: string, month: string, amount: string) =>
      `la facture ${number} (${establishment}, ${month}) : ${amount}`,
    reference: (reference: string) => `Référence du paiement : ${reference}. Donnez-la si vous nous contactez.`,
    action: 'Télécharger le reçu (PDF)',
    footnote: 'Aucuns frais n’ont été ajoutés. Vos reçus restent disponibles dans « Mes factures » sur MonGuichet.mc.',
  },
  billMail: {
    subject: 'Votre facture de cantine est disponible',
    title: 'Votre facture de cantine est disponible',
    intro: (establishment: string, month: string) =>
      `La facture de cantine ${of(month)} pour ${withArticle(establishment)} est disponible sur MonGuichet.mc.`,
    details: (number: string, amount: string, deadline: string) =>
      `Facture n° ${number} : ${amount}, à payer en ligne avant le ${deadline}.`,
    creditor: (creditor: string) => `Elle est émise par ${creditor}.`,
    noAccount: (email: string) =>
      `Pour la consulter et la payer, créez votre compte MonGuichet avec cette même adresse e-mail (${email}) : vos enfants et vos factures y seront rattachés.`,
    unlinkedAccount: (email: string) =>
      `Votre compte MonGuichet utilise cette adresse (${email}) : connectez-vous et confirmez vos enfants dans « Mes enfants », cette facture et les suivantes y seront rattachées.`,
    action: 'Voir mes factures',
    actionUnlinked: 'Rattacher mes enfants',
    actionNoAccount: 'Créer mon compte',
    footnote: 'Si vous pensez avoir reçu ce message par erreur, contactez l’établissement.',
  },
} as const;
