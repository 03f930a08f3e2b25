/**
 * The hosted pages' words, in French (default) and English; `en` is type-checked against `fr`.
 * Money goes through the portal's `formatMoney` (src/lib/money.ts: "11,14 €", "€11.14").
 */
export type Lang = 'fr' | 'en';

export function chooseLang(value: unknown, fallback: Lang = 'fr'): Lang {
  return value === 'en' || value === 'fr' ? value : fallback;
}

const fr = {
  brand: 'Paiement sécurisé',
  demoBadge: 'Bac à sable',
  demoWarning:
    'Environnement de test : aucun paiement réel n’est effectué. N’utilisez jamais une vraie carte bancaire ici.',
  skipLink: 'Aller au contenu',
  otherLanguage: { code: 'en' as Lang, label: 'English' },
  footer: 'Prestataire de paiement de démonstration de MonGuichet. Il ne démarre jamais en production.',
  titleSuffix: 'Paiement (bac à sable)',
  forms: { summaryTitle: 'Il y a un problème', errorPrefix: 'Erreur : ' },
  pay: {
    title: 'Paiement par carte bancaire',
    merchant: 'Bénéficiaire',
    amount: 'Montant',
    description: 'Objet',
    reference: 'Référence',
    expiresAt: 'Cette page expire à',
    cardNumber: 'Numéro de carte',
    cardNumberHint: 'Les 16 chiffres au recto de votre carte.',
    expiry: 'Date d’expiration',
    expiryHint: 'Mois et année, par exemple 09/28.',
    cvc: 'Cryptogramme visuel',
    cvcHint: 'Les 3 derniers chiffres au dos de votre carte.',
    holder: 'Titulaire de la carte',
    holderHint: 'Le nom tel qu’il figure sur la carte.',
    submit: (amount: string) => `Payer ${amount}`,
    cancel: 'Annuler',
    cancelHint: 'Vous revenez sur le site du bénéficiaire sans payer.',
    testCards: 'Cartes de test',
  },
  errors: {
    cardNumberMissing: 'Saisissez le numéro de carte',
    cardNumberInvalid: 'Le numéro de carte n’est pas valide : vérifiez-le',
    expiryMissing: 'Saisissez la date d’expiration',
    expiryFormat: 'La date d’expiration doit être au format MM/AA, par exemple 09/28',
    expiryPast: 'La date d’expiration est passée : cette carte n’est plus valable',
    cvcMissing: 'Saisissez le cryptogramme visuel',
    cvcFormat: 'Le cryptogramme visuel est fait de 3 chiffres',
    holderMissing: 'Saisissez le nom du titulaire de la carte',
    holderTooLong: 'Le nom du titulaire doit faire 100 caractères au plus',
  },
  challenge: {
    title: 'Authentification 3-D Secure',
    intro: (merchant: string, amount: string) =>
      `Votre banque vous demande de confirmer le paiement de ${amount} à ${merchant}.`,
    card: (last4: string) => `Carte se terminant par ${last4}.`,
    approve: 'Confirmer le paiement',
    deny: 'Refuser',
  },
  states: {
    notFoundTitle: 'Page introuvable',
    notFoundBody: 'Ce lien de paiement n’existe pas. Revenez sur le site du bénéficiaire pour recommencer.',
    inProgressTitle: 'Paiement déjà en cours',
    inProgressBody:
      'Ce paiement a déjà été envoyé et ne peut pas l’être une seconde fois. Revenez sur le site du bénéficiaire pour en connaître le résultat.',
    finishedTitle: 'Paiement terminé',
    finishedBody: 'Ce paiement est terminé. Revenez sur le site du bénéficiaire pour en connaître le résultat.',
    expiredTitle: 'Session expirée',
    expiredBody:
      'Le délai pour payer est dépassé et aucun paiement n’a été fait. Revenez sur le site du bénéficiaire pour recommencer.',
    forbiddenTitle: 'Formulaire non valable',
    forbiddenBody:
      'Ce formulaire n’a pas été envoyé depuis cette page de paiement, ou il a expiré. Aucun paiement n’a été fait.',
    closeTabTitle: 'Paiement accepté',
    closeTabBody: 'Votre paiement a été accepté. Vous pouvez fermer cet onglet.',
    errorTitle: 'Une erreur est survenue',
    errorBody: 'Le service de paiement n’a pas pu traiter la demande. Aucun paiement n’a été fait.',
    backToMerchant: 'Revenir sur le site du bénéficiaire',
    formRejectedTitle: 'Demande de paiement refusée',
    formRejectedBody:
      'Le site du bénéficiaire a envoyé une demande de paiement que le service ne peut pas accepter. Aucun paiement n’a été fait. Détail :',
  },
  vadsProblems: {
    missing: 'champ manquant',
    invalid: 'valeur non valable',
    repeated: 'champ envoyé plusieurs fois',
    signature: 'la signature ne correspond pas aux champs (clé ou calcul erroné)',
    unknown_shop: 'boutique inconnue',
    not_test: 'le bac à sable n’accepte que le mode TEST',
    reused: 'cet identifiant de transaction a déjà servi aujourd’hui pour une autre demande',
    too_many: 'trop de champs',
  },
};

export type Messages = typeof fr;

const en: Messages = {
  brand: 'Secure payment',
  demoBadge: 'Sandbox',
  demoWarning: 'Test environment: no real payment is made. Never use a real bank card here.',
  skipLink: 'Skip to content',
  otherLanguage: { code: 'fr', label: 'Français' },
  footer: 'MonGuichet’s sandbox payment provider. It never starts in production.',
  titleSuffix: 'Payment (sandbox)',
  forms: { summaryTitle: 'There is a problem', errorPrefix: 'Error: ' },
  pay: {
    title: 'Pay by card',
    merchant: 'Payee',
    amount: 'Amount',
    description: 'For',
    reference: 'Reference',
    expiresAt: 'This page expires at',
    cardNumber: 'Card number',
    cardNumberHint: 'The 16 digits on the front of your card.',
    expiry: 'Expiry date',
    expiryHint: 'Month and year, for example 09/28.',
    cvc: 'Security code',
    cvcHint: 'The last 3 digits on the back of your card.',
    holder: 'Name on card',
    holderHint: 'The name as it appears on the card.',
    submit: (amount: string) => `Pay ${amount}`,
    cancel: 'Cancel',
    cancelHint: 'You go back to the payee’s website without paying.',
    testCards: 'Test cards',
  },
  errors: {
    cardNumberMissing: 'Enter the card number',
    cardNumberInvalid: 'The card number is not valid: check it',
    expiryMissing: 'Enter the expiry date',
    expiryFormat: 'The expiry date must be in the format MM/YY, for example 09/28',
    expiryPast: 'The expiry date has passed: this card is no longer valid',
    cvcMissing: 'Enter the security code',
    cvcFormat: 'The security code is 3 digits',
    holderMissing: 'Enter the name on the card',
    holderTooLong: 'The name on the card must be 100 characters or fewer',
  },
  challenge: {
    title: '3-D Secure authentication',
    intro: (merchant: string, amount: string) =>
      `Your bank asks you to confirm the payment of ${amount} to ${merchant}.`,
    card: (last4: string) => `Card ending in ${last4}.`,
    approve: 'Confirm the payment',
    deny: 'Refuse',
  },
  states: {
    notFoundTitle: 'Page not found',
    notFoundBody: 'This payment link does not exist. Go back to the payee’s website to start again.',
    inProgressTitle: 'Payment already in progress',
    inProgressBody:
      'This payment has already been sent and cannot be sent twice. Go back to the payee’s website to see its outcome.',
    finishedTitle: 'Payment finished',
    finishedBody: 'This payment is finished. Go back to the payee’s website to see its outcome.',
    expiredTitle: 'Session expired',
    expiredBody: 'The time to pay has run out and no payment was made. Go back to the payee’s website to start again.',
    forbiddenTitle: 'Form not valid',
    forbiddenBody: 'This form was not sent from this payment page, or it has expired. No payment was made.',
    closeTabTitle: 'Payment accepted',
    closeTabBody: 'Your payment was accepted. You can close this tab.',
    errorTitle: 'Something went wrong',
    errorBody: 'The payment service could not handle the request. No payment was made.',
    backToMerchant: 'Go back to the payee’s website',
    formRejectedTitle: 'Payment request refused',
    formRejectedBody:
      'The payee’s website sent a payment request that the service cannot accept. No payment was made. Details:',
  },
  vadsProblems: {
    missing: 'missing field',
    invalid: 'value not valid',
    repeated: 'field sent more than once',
    signature: 'the signature does not match the fields (wrong key or computation)',
    unknown_shop: 'unknown shop',
    not_test: 'the sandbox only takes TEST mode',
    reused: 'this transaction id was already used today for another request',
    too_many: 'too many fields',
  },
};

export function messagesFor(lang: Lang): Messages {
  return lang === 'en' ? en : fr;
}
