/** The sandbox's paths, declared once. */
const enc = encodeURIComponent;

function withLang(path: string, lang: string | undefined): string {
  return lang ? `${path}?lang=${enc(lang)}` : path;
}

export const sandboxRoutes = {
  home: { pattern: '/', url: (lang?: string) => withLang('/', lang) },
  healthz: { pattern: '/healthz', url: () => '/healthz' },
  stylesheet: { pattern: '/assets/paiement.css', url: () => '/assets/paiement.css' },
  /** The hosted payment page of one session (its one-time token). */
  pay: { pattern: '/pay/:token', url: (token: string, lang?: string) => withLang(`/pay/${enc(token)}`, lang) },
  /** The 3-D Secure challenge of the same session. */
  threeDS: { pattern: '/3ds/:token', url: (token: string, lang?: string) => withLang(`/3ds/${enc(token)}`, lang) },
  /** The Lyra-style form entry (vads dialect): the merchant's signed form, posted by the browser. */
  vadsPayment: { pattern: '/vads-payment/', url: () => '/vads-payment/' },
  /** The Lyra-style REST API V4 (vads dialect; Basic auth). */
  lyraOrderGet: { pattern: '/api-payment/V4/Order/Get', url: () => '/api-payment/V4/Order/Get' },
  lyraTransactionGet: { pattern: '/api-payment/V4/Transaction/Get', url: () => '/api-payment/V4/Transaction/Get' },
  lyraTransactionRefund: {
    pattern: '/api-payment/V4/Transaction/Refund',
    url: () => '/api-payment/V4/Transaction/Refund',
  },
  sessions: { pattern: '/api/sessions', url: () => '/api/sessions' },
  session: { pattern: '/api/sessions/:id', url: (id: string) => `/api/sessions/${enc(id)}` },
  refunds: { pattern: '/api/refunds', url: () => '/api/refunds' },
  refund: { pattern: '/api/refunds/:id', url: (id: string) => `/api/refunds/${enc(id)}` },
  reports: { pattern: '/api/reports', url: () => '/api/reports' },
  notifications: { pattern: '/api/notifications', url: () => '/api/notifications' },
  controlClock: { pattern: '/api/_control/clock', url: () => '/api/_control/clock' },
  controlFlush: { pattern: '/api/_control/flush', url: () => '/api/_control/flush' },
} as const;
