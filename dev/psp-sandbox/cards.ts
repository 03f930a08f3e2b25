/**
 * The magic card numbers (research/payment-anchors.md §6.1): each one picks a scenario, and any
 * other Luhn-valid number succeeds. Only the last four digits of a number are ever kept.
 */

export type DeclineReason = 'card_declined' | 'insufficient_funds' | 'expired_card' | 'incorrect_cvc' | '3ds_failed';

export type Scenario =
  | { readonly kind: 'success' }
  | { readonly kind: 'three_d_secure' }
  | { readonly kind: 'declined'; readonly reason: DeclineReason }
  | { readonly kind: 'error' }
  /** Success; the notification leaves `delaySeconds` later. */
  | { readonly kind: 'slow_notification'; readonly delaySeconds: number }
  | { readonly kind: 'no_notification' }
  | { readonly kind: 'duplicate_notifications' }
  | { readonly kind: 'browser_closed' }
  | { readonly kind: 'out_of_order' }
  | { readonly kind: 'bad_signature_first' }
  | { readonly kind: 'amount_mismatch' }
  | { readonly kind: 'authorisation_timeout' }
  | { readonly kind: 'external_refund' }
  | { readonly kind: 'late_success' }
  | { readonly kind: 'wrong_merchant' }
  | { readonly kind: 'refund_failure' };

export interface MagicCard {
  readonly number: string;
  readonly scenario: Scenario;
  readonly label: { readonly fr: string; readonly en: string };
}

export const MAGIC_CARDS: readonly MagicCard[] = [
  {
    number: '4242424242424242',
    scenario: { kind: 'success' },
    label: { fr: 'Paiement accepté (Visa)', en: 'Success (Visa)' },
  },
  {
    number: '5105105105105100',
    scenario: { kind: 'success' },
    label: { fr: 'Paiement accepté (Mastercard)', en: 'Success (Mastercard)' },
  },
  {
    number: '4000002500003155',
    scenario: { kind: 'three_d_secure' },
    label: { fr: 'Authentification 3-D Secure demandée', en: '3-D Secure challenge' },
  },
  {
    number: '4000000000000002',
    scenario: { kind: 'declined', reason: 'card_declined' },
    label: { fr: 'Paiement refusé', en: 'Declined' },
  },
  {
    number: '4000000000009995',
    scenario: { kind: 'declined', reason: 'insufficient_funds' },
    label: { fr: 'Refusé : provision insuffisante', en: 'Declined: insufficient funds' },
  },
  {
    number: '4000000000000069',
    scenario: { kind: 'declined', reason: 'expired_card' },
    label: { fr: 'Refusé : carte expirée', en: 'Declined: expired card' },
  },
  {
    number: '4000000000000127',
    scenario: { kind: 'declined', reason: 'incorrect_cvc' },
    label: { fr: 'Refusé : cryptogramme erroné', en: 'Declined: incorrect CVC' },
  },
  {
    number: '4000000000000119',
    scenario: { kind: 'error' },
    label: { fr: 'Erreur technique, aucun débit', en: 'Technical error, no money taken' },
  },
  {
    number: '4000009900000012',
    scenario: { kind: 'slow_notification', delaySeconds: 60 },
    label: { fr: 'Accepté ; notification 60 s après le retour', en: 'Success; notification 60 s after the return' },
  },
  {
    number: '4000009900000020',
    scenario: { kind: 'no_notification' },
    label: { fr: 'Accepté ; aucune notification', en: 'Success; no notification ever' },
  },
  {
    number: '4000009900000038',
    scenario: { kind: 'duplicate_notifications' },
    label: {
      fr: 'Accepté ; notification envoyée 3 fois, puis encore 10 min après',
      en: 'Success; notification sent 3 times, then again 10 min later',
    },
  },
  {
    number: '4000009900000046',
    scenario: { kind: 'browser_closed' },
    label: { fr: 'Accepté ; pas de retour du navigateur', en: 'Success; the browser never returns' },
  },
  {
    number: '4000009900000053',
    scenario: { kind: 'out_of_order' },
    label: {
      fr: 'Accepté ; puis une notification « pending » plus ancienne',
      en: 'Success; then an older “pending” notification',
    },
  },
  {
    number: '4000009900000061',
    scenario: { kind: 'bad_signature_first' },
    label: {
      fr: 'Accepté ; 1re notification mal signée, la bonne 30 s après',
      en: 'Success; first notification badly signed, the good one 30 s later',
    },
  },
  {
    number: '4000009900000079',
    scenario: { kind: 'amount_mismatch' },
    label: { fr: 'Accepté ; montant notifié inférieur d’un centime', en: 'Success; amount reported 1 cent lower' },
  },
  {
    number: '4000009900000087',
    scenario: { kind: 'authorisation_timeout' },
    label: {
      fr: 'Autorisation lente : en attente 2 min, puis acceptée',
      en: 'Authorisation timeout: pending for 2 min, then succeeded',
    },
  },
  {
    number: '4000009900000095',
    scenario: { kind: 'external_refund' },
    label: {
      fr: 'Accepté ; remboursement partiel hors API 1 min après',
      en: 'Success; partial back-office refund 1 min later',
    },
  },
  {
    number: '4000009900000103',
    scenario: { kind: 'late_success' },
    label: { fr: 'Accepté 2 min après l’expiration de la session', en: 'Succeeds 2 min after the session expired' },
  },
  {
    number: '4000009900000111',
    scenario: { kind: 'wrong_merchant' },
    label: {
      fr: 'Accepté ; notification au nom d’un autre commerçant',
      en: 'Success; notification names another merchant',
    },
  },
  {
    number: '4000009900000129',
    scenario: { kind: 'refund_failure' },
    label: { fr: 'Accepté ; tout remboursement échoue', en: 'Success; every refund fails' },
  },
];

const byNumber = new Map(MAGIC_CARDS.map((card) => [card.number, card]));

/** The scenario of a (digits-only, Luhn-valid) card number. */
export function scenarioOf(digits: string): Scenario {
  return byNumber.get(digits)?.scenario ?? { kind: 'success' };
}

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'cb';

export function brandOf(digits: string): CardBrand {
  if (digits.startsWith('4')) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  return 'cb';
}

/** "4242 4242 4242 4242" for display. */
export function groupDigits(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}
