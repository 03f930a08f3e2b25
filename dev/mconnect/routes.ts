/** The stand-in's own pages; every other path belongs to oidc-provider (discovery, /auth, /token…). */
const enc = encodeURIComponent;

function withLang(path: string, lang: string | undefined): string {
  return lang ? `${path}?lang=${enc(lang)}` : path;
}

export const standInRoutes = {
  home: { pattern: '/', url: (lang?: string) => withLang('/', lang) },
  healthz: { pattern: '/healthz', url: () => '/healthz' },
  stylesheet: { pattern: '/assets/mconnect.css', url: () => '/assets/mconnect.css' },
  /** The login page of one authorization request; oidc-provider's interaction cookie is scoped to it. */
  interaction: {
    pattern: '/interaction/:uid',
    url: (uid: string, lang?: string) => withLang(`/interaction/${enc(uid)}`, lang),
  },
  chooseCitizen: { pattern: '/interaction/:uid/citoyen', url: (uid: string) => `/interaction/${enc(uid)}/citoyen` },
  cardAndPin: { pattern: '/interaction/:uid/carte', url: (uid: string) => `/interaction/${enc(uid)}/carte` },
  cancel: { pattern: '/interaction/:uid/annuler', url: (uid: string) => `/interaction/${enc(uid)}/annuler` },
  simulateError: { pattern: '/interaction/:uid/erreur', url: (uid: string) => `/interaction/${enc(uid)}/erreur` },
} as const;

/** True for the paths the stand-in serves itself rather than oidc-provider. */
export function isStandInPath(pathname: string): boolean {
  return (
    pathname === standInRoutes.home.pattern ||
    pathname === standInRoutes.healthz.pattern ||
    pathname === standInRoutes.stylesheet.pattern ||
    pathname.startsWith('/interaction/')
  );
}
