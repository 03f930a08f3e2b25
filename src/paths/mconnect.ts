/** MConnect (features/mconnect): logging in with it, the first login, linking it from "Mon profil". */
import { fixed, route, withQuery } from './route.ts';

export const mconnect = {
  /** "S'identifier avec MConnect": starts a login at MConnect, then comes back to `retour`. */
  login: route('/connexion/mconnect', (returnTo?: string, level?: string, reauthenticate?: boolean) =>
    withQuery('/connexion/mconnect', { retour: returnTo, niveau: level, reauth: reauthenticate ? '1' : undefined }),
  ),
  /**
   * Where MConnect sends the citizen back after identifying them (the OpenID Connect redirect URI,
   * registered at MConnect as `${PUBLIC_URL}` followed by this path).
   */
  callback: fixed('/connexion/mconnect/retour'),
  firstLogin: fixed('/connexion/mconnect/premiere-connexion'),
  prove: fixed('/connexion/mconnect/mon-compte'),
  confirm: fixed('/connexion/mconnect/confirmer'),
  create: fixed('/connexion/mconnect/nouveau-compte'),
  /** "Votre compte est créé": the identifier chosen, the e-mail sent, then on to `retour`. */
  created: route('/connexion/mconnect/compte-cree', (returnTo?: string) =>
    withQuery('/connexion/mconnect/compte-cree', { retour: returnTo }),
  ),
  /** From "Mon profil": link the account to MConnect (password first), or remove the link. */
  link: fixed('/mon-profil/identite-numerique'),
  unlink: fixed('/mon-profil/identite-numerique/dissocier'),
  /** Where MConnect sends the citizen back after they logged out there (the post-logout redirect URI). */
  logoutDone: fixed('/deconnexion/mconnect'),
} as const;
