/**
 * Every route, declared once. Handlers register `routes.x.pattern`; views, e-mails and tests build
 * URLs with `routes.x.url(...)`, never by concatenation.
 */
const enc = encodeURIComponent;

function withQuery(path: string, query: Record<string, string | undefined> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export interface CatalogueQuery {
  q?: string | undefined;
  public?: string | undefined;
  theme?: string | undefined;
}

export const routes = {
  home: { pattern: '/', url: () => '/' },
  catalogue: {
    pattern: '/demarches',
    url: (query?: CatalogueQuery) =>
      withQuery('/demarches', query ? { q: query.q, public: query.public, theme: query.theme } : undefined),
  },
  procedure: { pattern: '/demarches/:slug', url: (slug: string) => `/demarches/${enc(slug)}` },
  procedureStart: { pattern: '/demarches/:slug/commencer', url: (slug: string) => `/demarches/${enc(slug)}/commencer` },
  procedureQr: { pattern: '/demarches/:slug/qr.svg', url: (slug: string) => `/demarches/${enc(slug)}/qr.svg` },
  procedureGuide: { pattern: '/demarches/:slug/guide.pdf', url: (slug: string) => `/demarches/${enc(slug)}/guide.pdf` },
  help: { pattern: '/aide', url: () => '/aide' },
  legalNotice: { pattern: '/mentions-legales', url: () => '/mentions-legales' },
  terms: { pattern: '/conditions-generales-d-utilisation', url: () => '/conditions-generales-d-utilisation' },
  privacy: { pattern: '/donnees-personnelles', url: () => '/donnees-personnelles' },
  accessibility: { pattern: '/accessibilite', url: () => '/accessibilite' },
  login: {
    pattern: '/connexion',
    url: (returnTo?: string) => withQuery('/connexion', { retour: returnTo }),
  },
  /** "M'identifier avec MConnect": starts a login at MConnect, then comes back to `retour`. */
  mconnectLogin: {
    pattern: '/connexion/mconnect',
    url: (returnTo?: string, level?: string, reauthenticate?: boolean) =>
      withQuery('/connexion/mconnect', { retour: returnTo, niveau: level, reauth: reauthenticate ? '1' : undefined }),
  },
  /**
   * Where MConnect sends the citizen back after identifying them (the OpenID Connect redirect URI,
   * registered at MConnect as `${PUBLIC_URL}` followed by this path).
   */
  mconnectCallback: { pattern: '/connexion/mconnect/retour', url: () => '/connexion/mconnect/retour' },
  mconnectFirstLogin: {
    pattern: '/connexion/mconnect/premiere-connexion',
    url: () => '/connexion/mconnect/premiere-connexion',
  },
  mconnectProve: { pattern: '/connexion/mconnect/mon-compte', url: () => '/connexion/mconnect/mon-compte' },
  mconnectConfirm: { pattern: '/connexion/mconnect/confirmer', url: () => '/connexion/mconnect/confirmer' },
  mconnectCreate: { pattern: '/connexion/mconnect/nouveau-compte', url: () => '/connexion/mconnect/nouveau-compte' },
  /** From "Mon profil": link the account to MConnect (password first), or remove the link. */
  mconnectLink: { pattern: '/mon-profil/identite-numerique', url: () => '/mon-profil/identite-numerique' },
  mconnectUnlink: {
    pattern: '/mon-profil/identite-numerique/dissocier',
    url: () => '/mon-profil/identite-numerique/dissocier',
  },
  /** Where MConnect sends the citizen back after they logged out there (the post-logout redirect URI). */
  mconnectLogoutDone: { pattern: '/deconnexion/mconnect', url: () => '/deconnexion/mconnect' },
  signUp: { pattern: '/creer-mon-compte', url: () => '/creer-mon-compte' },
  /** A parent's canteen bills (linked by the roll's e-mail or a pupil code); optionally one establishment's. */
  myInvoices: {
    pattern: '/mes-factures',
    url: (establishment?: string) => withQuery('/mes-factures', { etablissement: establishment }),
  },
  /** One bill of the parent's, its PDF. */
  invoice: { pattern: '/mes-factures/:id', url: (id: string) => `/mes-factures/${enc(id)}` },
  invoicePdf: { pattern: '/mes-factures/:id/facture.pdf', url: (id: string) => `/mes-factures/${enc(id)}/facture.pdf` },
  /** A parent's children at the canteen; `etablissement` says which procedure sent them here. */
  myChildren: {
    pattern: '/mes-enfants',
    url: (establishment?: string, notice?: string) =>
      withQuery('/mes-enfants', { etablissement: establishment, info: notice }),
  },
  /** Confirms the children the roll lists under the account's verified e-mail. */
  linkChildrenByEmail: { pattern: '/mes-enfants/rattacher', url: () => '/mes-enfants/rattacher' },
  /** Links a child by the pupil code of the school's letter and the birth date. */
  linkChildByCode: { pattern: '/mes-enfants/code', url: () => '/mes-enfants/code' },
  /** A linked child: school, class, meals of `mois` (YYYY-MM), bills. */
  child: {
    pattern: '/mes-enfants/:id',
    url: (id: string, month?: string) => withQuery(`/mes-enfants/${enc(id)}`, { mois: month }),
  },
  logout: { pattern: '/deconnexion', url: () => '/deconnexion' },
  myProcedures: { pattern: '/mes-demarches', url: () => '/mes-demarches' },
  profile: { pattern: '/mon-profil', url: (notice?: string) => withQuery('/mon-profil', { info: notice }) },
  profileLanguage: { pattern: '/mon-profil/langue', url: () => '/mon-profil/langue' },
  profileSessions: { pattern: '/mon-profil/appareils', url: () => '/mon-profil/appareils' },
  profileData: { pattern: '/mon-profil/mes-donnees.json', url: () => '/mon-profil/mes-donnees.json' },
  profileDetails: { pattern: '/mon-profil/mes-informations', url: () => '/mon-profil/mes-informations' },
  profileEmail: { pattern: '/mon-profil/adresse-e-mail', url: () => '/mon-profil/adresse-e-mail' },
  profileEmailCancel: {
    pattern: '/mon-profil/adresse-e-mail/annuler',
    url: () => '/mon-profil/adresse-e-mail/annuler',
  },
  profilePassword: { pattern: '/mon-profil/mot-de-passe', url: () => '/mon-profil/mot-de-passe' },
  profileClose: { pattern: '/mon-profil/fermer-mon-compte', url: () => '/mon-profil/fermer-mon-compte' },
  confirmEmailChange: {
    pattern: '/confirmer-ma-nouvelle-adresse/:token',
    url: (token: string) => `/confirmer-ma-nouvelle-adresse/${enc(token)}`,
  },
  emailChanged: { pattern: '/adresse-e-mail-changee', url: () => '/adresse-e-mail-changee' },
  accountClosed: { pattern: '/compte-ferme', url: () => '/compte-ferme' },
  dossier: { pattern: '/mes-demarches/:reference', url: (reference: string) => `/mes-demarches/${enc(reference)}` },
  signUpIndividual: { pattern: '/creer-mon-compte/particulier', url: () => '/creer-mon-compte/particulier' },
  signUpProfessional: { pattern: '/creer-mon-compte/professionnel', url: () => '/creer-mon-compte/professionnel' },
  signUpDone: {
    pattern: '/creer-mon-compte/verifiez-vos-e-mails',
    url: () => '/creer-mon-compte/verifiez-vos-e-mails',
  },
  verifyEmail: {
    pattern: '/verifier-mon-adresse/:token',
    url: (token: string) => `/verifier-mon-adresse/${enc(token)}`,
  },
  emailVerified: { pattern: '/adresse-e-mail-verifiee', url: () => '/adresse-e-mail-verifiee' },
  resendVerification: { pattern: '/verifier-mon-adresse', url: () => '/verifier-mon-adresse' },
  forgottenIdentifier: { pattern: '/identifiant-oublie', url: () => '/identifiant-oublie' },
  forgottenPassword: { pattern: '/mot-de-passe-oublie', url: () => '/mot-de-passe-oublie' },
  resetPassword: {
    pattern: '/nouveau-mot-de-passe/:token',
    url: (token: string) => `/nouveau-mot-de-passe/${enc(token)}`,
  },
  forgottenIdentifierSent: {
    pattern: '/identifiant-oublie/message-envoye',
    url: () => '/identifiant-oublie/message-envoye',
  },
  forgottenPasswordSent: {
    pattern: '/mot-de-passe-oublie/message-envoye',
    url: () => '/mot-de-passe-oublie/message-envoye',
  },
  passwordChanged: {
    pattern: '/mot-de-passe-oublie/mot-de-passe-change',
    url: () => '/mot-de-passe-oublie/mot-de-passe-change',
  },
  language: {
    pattern: '/langue/:code',
    url: (code: string, returnTo?: string) => withQuery(`/langue/${enc(code)}`, { retour: returnTo }),
  },
  healthz: { pattern: '/healthz', url: () => '/healthz' },
  readyz: { pattern: '/readyz', url: () => '/readyz' },
  staticFiles: { pattern: '/public/', url: (file: string) => `/public/${file}` },
  /** Development only (no SMTP relay, never in production): the e-mails the portal would have sent. */
  devMailbox: { pattern: '/dev/mailbox', url: () => '/dev/mailbox' },
  devMailboxMessage: { pattern: '/dev/mailbox/:id', url: (id: string) => `/dev/mailbox/${enc(id)}` },
  devMailboxHtml: { pattern: '/dev/mailbox/:id/html', url: (id: string) => `/dev/mailbox/${enc(id)}/html` },
} as const;

/**
 * Accepts only a path on this site ("/x", not "//host" or "https://…") as a place to return to
 * after an action; anything else falls back to the home page. The result goes into a `Location`
 * header, which holds only printable ASCII: a space and every character beyond ASCII are
 * percent-encoded (UTF-8), as a browser does; text that is not well-formed Unicode falls back.
 */
export function safeReturnPath(value: unknown, fallback: string = routes.home.url()): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1024) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/[\p{Cc}\\]/u.test(value)) return fallback;
  try {
    return value.replace(/[^\x21-\x7e]/gu, (character) => encodeURIComponent(character));
  } catch {
    // A lone surrogate: encodeURIComponent throws URIError.
    return fallback;
  }
}
