/**
 * The stand-in's words, in French (default) and English; `en` is type-checked against `fr`.
 */
import type { AssuranceLevel } from './citizens.ts';

export type Lang = 'fr' | 'en';

const dateFormats: Record<Lang, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-MC', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** A YYYY-MM-DD date in words ("30 juin 2025", "30 June 2025"). */
export function formatDate(lang: Lang, isoDate: string): string {
  return dateFormats[lang].format(new Date(`${isoDate}T00:00:00Z`));
}

const fr = {
  brand: 'MConnect',
  demoBadge: 'Environnement de démonstration',
  demoWarning:
    'Démonstration : les identités de cette page sont fictives. N’utilisez jamais votre vraie carte d’identité ni votre vrai code PIN ici.',
  skipLink: 'Aller au contenu',
  otherLanguage: { code: 'en' as Lang, label: 'English' },
  footer:
    'Fournisseur d’identité de démonstration de MonGuichet, pour le développement et les tests. Il ne démarre jamais en production.',
  titleSuffix: 'MConnect (démonstration)',
  levels: { eidas1: 'faible', eidas2: 'substantiel', eidas3: 'élevé' } satisfies Record<AssuranceLevel, string>,
  levelWithCode: (label: string, code: string) => `${label} (${code})`,
  forms: { summaryTitle: 'Il y a un problème', errorPrefix: 'Erreur : ' },
  login: {
    title: 'Connexion avec votre identité numérique',
    intro: (client: string) => `Le service « ${client} » demande à vous identifier avec MConnect.`,
    requestedLevel: 'Niveau de garantie demandé par le service : ',
    noRequestedLevel: 'Le service ne demande pas de niveau de garantie particulier.',
    pickerHeading: 'Choisir un citoyen de test',
    pickerHint: 'Connexion sans saisie, comme si le citoyen avait présenté sa carte et son code PIN.',
    pickerLegend: 'Citoyen de test',
    card: 'Carte',
    pin: 'code PIN',
    expires: 'expire le',
    expired: 'expirée le',
    level: 'niveau',
    pickerSubmit: 'Se connecter avec ce citoyen',
    cardHeading: 'Ou saisir un numéro de carte et un code PIN',
    cardLabel: 'Numéro de la carte d’identité ou du titre de séjour',
    cardHint: '9 chiffres, par exemple 100000017.',
    pinLabel: 'Code PIN',
    pinHint: '5 chiffres, choisis à l’activation de la carte.',
    cardSubmit: 'Valider',
    cancelHeading: 'Annuler',
    cancelHint: 'Vous revenez sur le service sans être identifié.',
    cancelSubmit: 'Annuler et revenir au service',
    simulateHeading: 'Simuler une erreur de MConnect',
    simulateHint: 'Pour tester le service : MConnect lui répond par une erreur au lieu d’identifier quelqu’un.',
    simulateLabel: 'Erreur renvoyée au service',
    simulateOptions: {
      temporarily_unavailable: 'Service momentanément indisponible (temporarily_unavailable)',
      server_error: 'Erreur interne de MConnect (server_error)',
    },
    simulateSubmit: 'Renvoyer cette erreur au service',
  },
  errors: {
    citizenRequired: 'Choisissez un citoyen de test',
    cardRequired: 'Saisissez le numéro de la carte',
    cardUnknown: 'Aucune carte de test ne porte ce numéro : reprenez un numéro de la liste',
    pinRequired: 'Saisissez le code PIN',
    pinFormat: 'Le code PIN compte exactement 5 chiffres',
    pinWrong: (remaining: number) =>
      `Code PIN incorrect. Il vous reste ${remaining} essai${remaining > 1 ? 's' : ''} avant le blocage de la carte`,
    cardBlocked: (minutes: number) =>
      `Cette carte est bloquée après plusieurs codes PIN incorrects. Dans cet environnement de démonstration, elle se débloque au bout de ${minutes} minutes`,
    cardExpired: (date: string) =>
      `Cette carte a expiré le ${date} : MConnect refuse la connexion. Le titulaire doit renouveler sa carte`,
    simulateRequired: 'Choisissez l’erreur à renvoyer',
  },
  expiredInteraction: {
    title: 'Cette demande de connexion n’est plus valable',
    body: 'Elle a expiré ou a déjà servi. Retournez sur le service et recommencez la connexion.',
  },
  error: {
    title: 'MConnect n’a pas pu traiter la demande',
    body: 'La demande du service est incomplète ou incorrecte. Retournez sur le service et recommencez.',
    details: 'Détails pour les développeurs',
  },
  logout: {
    title: 'Se déconnecter de MConnect',
    body: (client: string) =>
      `Le service « ${client} » vous déconnecte. Confirmez pour fermer aussi votre session MConnect et revenir au service.`,
    anyService: 'un service',
    submit: 'Me déconnecter',
    doneTitle: 'Vous êtes déconnecté de MConnect',
    doneBody: 'Vous pouvez fermer cette page.',
  },
  home: {
    title: 'MConnect, environnement de démonstration',
    intro:
      'Ce fournisseur d’identité OpenID Connect imite MConnect, l’identité numérique de Monaco, pour développer et tester MonGuichet. Les citoyens ci-dessous sont fictifs.',
    discovery: 'Document de découverte',
    clients: 'Services enregistrés (client_id)',
    citizensHeading: 'Citoyens de test',
    columns: { name: 'Nom', card: 'Carte', pin: 'Code PIN', level: 'Niveau', note: 'Particularité' },
  },
};

export type Messages = typeof fr;

const en: Messages = {
  brand: 'MConnect',
  demoBadge: 'Demonstration environment',
  demoWarning:
    'Demonstration: the identities on this page are fictitious. Never use your real identity card or your real PIN here.',
  skipLink: 'Skip to content',
  otherLanguage: { code: 'fr', label: 'Français' },
  footer: 'Demonstration identity provider of MonGuichet, for development and tests. It never starts in production.',
  titleSuffix: 'MConnect (demonstration)',
  levels: { eidas1: 'low', eidas2: 'substantial', eidas3: 'high' },
  levelWithCode: (label: string, code: string) => `${label} (${code})`,
  forms: { summaryTitle: 'There is a problem', errorPrefix: 'Error: ' },
  login: {
    title: 'Sign in with your digital identity',
    intro: (client: string) => `The service “${client}” asks to identify you with MConnect.`,
    requestedLevel: 'Level of assurance asked for by the service: ',
    noRequestedLevel: 'The service asks for no particular level of assurance.',
    pickerHeading: 'Choose a test citizen',
    pickerHint: 'Sign in without typing, as if the citizen had presented their card and PIN.',
    pickerLegend: 'Test citizen',
    card: 'Card',
    pin: 'PIN',
    expires: 'expires on',
    expired: 'expired on',
    level: 'level',
    pickerSubmit: 'Sign in as this citizen',
    cardHeading: 'Or type a card number and a PIN',
    cardLabel: 'Number of the identity card or residence permit',
    cardHint: '9 digits, for example 100000017.',
    pinLabel: 'PIN',
    pinHint: '5 digits, chosen when the card was activated.',
    cardSubmit: 'Continue',
    cancelHeading: 'Cancel',
    cancelHint: 'You go back to the service without being identified.',
    cancelSubmit: 'Cancel and go back to the service',
    simulateHeading: 'Simulate an MConnect error',
    simulateHint: 'To test the service: MConnect answers it with an error instead of identifying anyone.',
    simulateLabel: 'Error sent back to the service',
    simulateOptions: {
      temporarily_unavailable: 'Service temporarily unavailable (temporarily_unavailable)',
      server_error: 'MConnect internal error (server_error)',
    },
    simulateSubmit: 'Send this error to the service',
  },
  errors: {
    citizenRequired: 'Choose a test citizen',
    cardRequired: 'Enter the card number',
    cardUnknown: 'No test card has this number: use a number from the list',
    pinRequired: 'Enter the PIN',
    pinFormat: 'The PIN has exactly 5 digits',
    pinWrong: (remaining: number) =>
      `Wrong PIN. ${remaining} attempt${remaining > 1 ? 's' : ''} left before the card is blocked`,
    cardBlocked: (minutes: number) =>
      `This card is blocked after several wrong PINs. In this demonstration environment it is unblocked after ${minutes} minutes`,
    cardExpired: (date: string) =>
      `This card expired on ${date}: MConnect refuses the login. The holder must renew their card`,
    simulateRequired: 'Choose the error to send back',
  },
  expiredInteraction: {
    title: 'This login request is no longer valid',
    body: 'It expired or was already used. Go back to the service and start the login again.',
  },
  error: {
    title: 'MConnect could not handle the request',
    body: 'The service’s request is incomplete or wrong. Go back to the service and try again.',
    details: 'Details for developers',
  },
  logout: {
    title: 'Sign out of MConnect',
    body: (client: string) =>
      `The service “${client}” is signing you out. Confirm to close your MConnect session too and go back to the service.`,
    anyService: 'a service',
    submit: 'Sign me out',
    doneTitle: 'You are signed out of MConnect',
    doneBody: 'You can close this page.',
  },
  home: {
    title: 'MConnect, demonstration environment',
    intro:
      'This OpenID Connect identity provider imitates MConnect, Monaco’s digital identity, to develop and test MonGuichet. The citizens below are fictitious.',
    discovery: 'Discovery document',
    clients: 'Registered services (client_id)',
    citizensHeading: 'Test citizens',
    columns: { name: 'Name', card: 'Card', pin: 'PIN', level: 'Level', note: 'Particularity' },
  },
};

const catalogues: Record<Lang, Messages> = { fr, en };

export function messagesFor(lang: Lang): Messages {
  return catalogues[lang];
}

/**
 * The page's language: an explicit choice (`lang` in the query or the form) first, then the first
 * supported entry of the client's `ui_locales`, else French.
 */
export function chooseLang(explicit: unknown, uiLocales?: unknown): Lang {
  if (explicit === 'fr' || explicit === 'en') return explicit;
  if (typeof uiLocales === 'string') {
    for (const tag of uiLocales.split(/\s+/)) {
      const primary = tag.toLowerCase().split('-')[0];
      if (primary === 'fr' || primary === 'en') return primary;
    }
  }
  return 'fr';
}
