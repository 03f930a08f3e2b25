/** French catalogue of the portal's pages: layout, home, catalogue, procedure, help, errors. */

/** Non-breaking space, as French typography wants inside « » and before : ; ? ! */
const NBSP = '\u00a0';

/**
 * "pour l’École de Fontvieille", "pour le Collège Charles III": the article a school's name takes
 * after "pour"; other names stay as they are.
 */
function withArticle(name: string): string {
  if (/^[ÉE]cole\b/i.test(name)) return `l’${name}`;
  if (/^(Collège|Lycée)\b/i.test(name)) return `le ${name}`;
  return name;
}
export const portal = {
  meta: {
    portalName: 'MonGuichet.mc',
    government: 'Gouvernement Princier — Principauté de Monaco',
    titleSuffix: 'MonGuichet.mc',
  },
  layout: {
    skipLink: 'Aller au contenu principal',
    homeLink: 'MonGuichet.mc, accueil',
    mainNav: 'Menu principal',
    navProcedures: 'Démarches',
    navHelp: 'Aide',
    login: 'Se connecter',
    myProcedures: 'Mes démarches',
    myChildren: 'Mes enfants',
    myInvoices: 'Mes factures',
    profile: 'Mon profil',
    logout: 'Se déconnecter',
    signUp: 'Créer mon compte',
    languageSwitch: 'Langue',
    switchTo: 'English',
    switchToLang: 'en',
    footerNav: 'Informations sur le site',
    footerHelpTitle: 'Besoin d’aide ?',
    footerHelpText: 'Pour tout renseignement :',
    footerLinks: {
      help: 'Aide / Contact',
      legalNotice: 'Mentions légales',
      terms: 'Conditions générales d’utilisation',
      privacy: 'Données personnelles',
      accessibility: 'Accessibilité : partiellement conforme',
    },
    footerLicence: 'Logiciel libre publié sous licence EUPL-1.2.',
    breadcrumb: 'Fil d’Ariane',
    home: 'Accueil',
  },
  contact: {
    email: 'contact@monguichet.mc',
    phone: '(+377) 98 98 95 99',
    phoneHref: '+37798989599',
    organisation: 'Délégation Interministérielle chargée de la Transition Numérique',
    addressLines: ['2 rue du Gabian', 'Bâtiment les Industries - 5e étage', 'MC 98000 MONACO'],
    hours: 'Du lundi au vendredi, de 9 h à 17 h (hors jours fériés).',
  },
  forms: {
    errorSummaryTitle: 'Il y a un problème',
    errorPrefix: 'Erreur : ',
  },
  home: {
    title: 'Accueil',
    heading: 'Bienvenue sur MonGuichet.mc',
    lead: 'Accédez aux services en ligne depuis votre ordinateur, mobile, tablette.',
    intro:
      'Le guichet unique du Gouvernement Princier : un seul compte pour toutes vos démarches en ligne, et le paiement de la cantine de tous vos enfants en une fois.',
    searchLabel: 'Rechercher une démarche',
    searchHint: 'Par exemple : cantine, carte de résident, TVA',
    searchButton: 'Rechercher',
    canteenHeading: 'Payer la cantine en ligne',
    canteenIntro:
      'Choisissez l’établissement de votre enfant. Connectez-vous une fois et payez la cantine de tous vos enfants.',
    canteenSeveralSchools:
      'Vos enfants sont dans des établissements différents ? Commencez par l’un d’eux : avec le même compte, vous retrouvez les factures de tous vos enfants, quelle que soit leur école, et vous les réglez ensemble en un seul paiement.',
    popularHeading: 'Démarches les plus utilisées',
    allProcedures: 'Voir toutes les démarches',
    accountHeading: 'Votre compte MonGuichet',
    accountText: 'Suivez vos démarches dans « Mes démarches » et modifiez vos informations dans « Mon profil ».',
    mconnectText: 'Vous avez une identité numérique MConnect ? Utilisez-la pour vous connecter.',
  },
  catalogue: {
    title: 'Toutes les démarches',
    titleWithQuery: (query: string) => `Recherche «${NBSP}${query}${NBSP}»`,
    lead: 'Toutes les démarches en ligne du Gouvernement Princier, pour les particuliers et les professionnels.',
    searchLabel: 'Mots-clés',
    searchButton: 'Rechercher',
    filtersHeading: 'Affiner',
    audienceLegend: 'Vous êtes',
    audienceAll: 'Tous',
    themeLabel: 'Thème',
    themeAll: 'Tous les thèmes',
    applyFilters: 'Appliquer',
    clearFilters: 'Effacer la recherche et les filtres',
    resultCount: (count: number) =>
      count === 0 ? 'Aucune démarche trouvée' : count === 1 ? '1 démarche' : `${count} démarches`,
    noResultsHelp: 'Vérifiez l’orthographe, essayez un mot plus général, ou retirez un filtre.',
    queryTooLong: (max: number) =>
      `Votre recherche est trop longue : ${max} caractères au plus. Seul le début a été pris en compte.`,
    invalidFilter: 'Un filtre de l’adresse n’existe pas ; il a été ignoré.',
    online: 'En ligne sur MonGuichet',
    external: 'Service en ligne externe',
    resultsHeading: 'Résultats',
  },
  audiences: {
    particulier: 'Particulier',
    professionnel: 'Professionnel',
  },
  themes: {
    education: 'Éducation',
    'etat-civil': 'État civil',
    residence: 'Résidence',
    transport: 'Transport',
    emploi: 'Emploi',
    fiscalite: 'Fiscalité',
    'sante-social': 'Santé et social',
    logement: 'Logement',
    entreprise: 'Entreprise',
    'culture-sport': 'Culture et sport',
  },
  canteen: {
    title: (establishment: string) => `Payer la cantine en ligne pour ${withArticle(establishment)}`,
    // The title already names the establishment: the summary does not repeat it.
    summary: 'Payez en une fois les factures de cantine de tous vos enfants.',
    description: (creditor: string) =>
      `La cantine est facturée chaque mois, après les repas, par ${creditor}. Connectez-vous, retrouvez les factures de tous vos enfants, choisissez celles à régler et payez en une seule fois par carte bancaire, sans frais. Vos reçus restent disponibles dans «${NBSP}Mes démarches${NBSP}».`,
    audience: 'Les parents et responsables légaux d’un élève demi-pensionnaire, payeurs de la cantine.',
    requirements: [
      'Un compte MonGuichet ou votre identité numérique MConnect',
      'Le code de rattachement remis par l’établissement et la date de naissance de l’enfant (à la première utilisation)',
      'Une carte bancaire',
    ],
    duration: '5 minutes en ligne ; paiement confirmé immédiatement',
    keywords: [
      'restaurant scolaire',
      'repas',
      'déjeuner',
      'demi-pension',
      'facture cantine',
      'payer la cantine',
      'école',
      'enfants',
    ],
    printableGuide: 'Guide imprimable de la démarche (PDF, 1 page)',
  },
  procedure: {
    onlineBadge: 'Démarche en ligne sur MonGuichet',
    externalBadge: 'Service en ligne externe',
    whatHeading: 'De quoi s’agit-il ?',
    whoHeading: 'Pour qui ?',
    needHeading: 'Ce dont vous avez besoin',
    durationHeading: 'Durée',
    themeHeading: 'Thème',
    audienceHeading: 'Public',
    start: 'Commencer',
    startHint: 'Vous devrez vous connecter avec votre compte MonGuichet ou avec MConnect.',
    goToService: 'Accéder au service en ligne',
    goToServiceHint: 'Ce service est proposé sur un autre site du Gouvernement Princier.',
    qrHeading: 'Ouvrir cette page sur votre téléphone',
    qrAlt: (title: string) => `QR code qui ouvre la page « ${title} »`,
    helpHeading: 'Une question ?',
    helpText: 'Consultez l’aide ou contactez-nous.',
    otherProcedures: 'Autres démarches',
  },
  help: {
    title: 'Aide et contact',
    lead: 'Les réponses aux questions les plus fréquentes, et comment nous joindre.',
    contactHeading: 'Nous contacter',
    emailLabel: 'Courriel',
    phoneLabel: 'Téléphone',
    addressLabel: 'Adresse postale',
    hoursLabel: 'Horaires',
    faqHeading: 'Questions fréquentes',
    printableGuides: 'Guides imprimables par établissement',
  },
  language: {
    unsupportedTitle: 'Langue non disponible',
    unsupportedText: 'MonGuichet.mc est disponible en français et en anglais.',
    choose: 'Choisissez une langue :',
    names: { fr: 'Français', en: 'English' },
  },
  errors: {
    notFoundTitle: 'Page introuvable',
    notFoundText: 'L’adresse que vous avez saisie ou le lien que vous avez suivi ne correspond à aucune page.',
    notFoundHint: 'Si vous avez saisi l’adresse, vérifiez son orthographe.',
    badRequestTitle: 'Demande incorrecte',
    badRequestText: 'Votre demande n’a pas pu être comprise. Revenez à la page précédente et réessayez.',
    csrfTitle: 'Le formulaire n’est plus valide',
    csrfText:
      'Pour votre sécurité, ce formulaire a été refusé : il a été ouvert il y a trop longtemps, dans une session terminée, ou depuis un autre site. Rien n’a été enregistré. Revenez à la page précédente, rechargez-la, puis recommencez.',
    payloadTooLargeTitle: 'Envoi trop volumineux',
    payloadTooLargeText: 'Les informations envoyées dépassent la taille autorisée. Rien n’a été enregistré.',
    rateLimitedTitle: 'Trop de demandes',
    rateLimitedText: 'Vous avez fait beaucoup de demandes en peu de temps. Patientez une minute, puis réessayez.',
    unavailableTitle: 'Service momentanément indisponible',
    unavailableText: 'MonGuichet.mc ne peut pas répondre pour le moment. Réessayez dans quelques minutes.',
    serverErrorTitle: 'Une erreur est survenue',
    serverErrorText: 'Nous n’avons pas pu afficher cette page. Rien n’a été perdu ; réessayez dans quelques minutes.',
    reference: (id: string) => `Si le problème continue, contactez-nous en indiquant la référence ${id}.`,
    backHome: 'Revenir à l’accueil',
    seeCatalogue: 'Voir toutes les démarches',
  },
} as const;
