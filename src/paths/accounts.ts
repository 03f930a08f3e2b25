/**
 * Local accounts (features/accounts): login and logout, sign-up and the address check, recovery
 * of a forgotten identifier or password, "Mon profil".
 */
import { enc, fixed, route, withQuery } from './route.ts';

export const accounts = {
  login: route('/connexion', (returnTo?: string) => withQuery('/connexion', { retour: returnTo })),
  logout: fixed('/deconnexion'),
  /** After logging out: "Vous êtes déconnecté(e)", and whether MConnect was left too. */
  loggedOut: route('/deconnecte', (mconnect?: boolean) =>
    withQuery('/deconnecte', { mconnect: mconnect ? 'oui' : undefined }),
  ),

  signUp: fixed('/creer-mon-compte'),
  signUpIndividual: fixed('/creer-mon-compte/particulier'),
  signUpProfessional: fixed('/creer-mon-compte/professionnel'),
  signUpDone: fixed('/creer-mon-compte/verifiez-vos-e-mails'),
  verifyEmail: route('/verifier-mon-adresse/:token', (token: string) => `/verifier-mon-adresse/${enc(token)}`),
  emailVerified: fixed('/adresse-e-mail-verifiee'),
  resendVerification: fixed('/verifier-mon-adresse'),

  forgottenIdentifier: fixed('/identifiant-oublie'),
  forgottenIdentifierSent: fixed('/identifiant-oublie/message-envoye'),
  forgottenPassword: fixed('/mot-de-passe-oublie'),
  forgottenPasswordSent: fixed('/mot-de-passe-oublie/message-envoye'),
  resetPassword: route('/nouveau-mot-de-passe/:token', (token: string) => `/nouveau-mot-de-passe/${enc(token)}`),
  passwordChanged: fixed('/mot-de-passe-oublie/mot-de-passe-change'),

  profile: route('/mon-profil', (notice?: string) => withQuery('/mon-profil', { info: notice })),
  profileLanguage: fixed('/mon-profil/langue'),
  profileSessions: fixed('/mon-profil/appareils'),
  profileData: fixed('/mon-profil/mes-donnees.json'),
  profileDetails: fixed('/mon-profil/mes-informations'),
  profileEmail: fixed('/mon-profil/adresse-e-mail'),
  profileEmailCancel: fixed('/mon-profil/adresse-e-mail/annuler'),
  profilePassword: fixed('/mon-profil/mot-de-passe'),
  profileClose: fixed('/mon-profil/fermer-mon-compte'),
  confirmEmailChange: route(
    '/confirmer-ma-nouvelle-adresse/:token',
    (token: string) => `/confirmer-ma-nouvelle-adresse/${enc(token)}`,
  ),
  emailChanged: fixed('/adresse-e-mail-changee'),
  closed: fixed('/compte-ferme'),
} as const;
