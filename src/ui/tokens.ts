/**
 * The colour tokens of the stylesheet (`public/css/main.css`, `:root`), for the renderers that
 * cannot read it: the e-mails (inline styles) and the PDFs (bills, receipts, certificates, the
 * printed guide). One Monaco red for every primary action, on the web, in e-mails and on paper;
 * `test/tokens.test.ts` checks that these values are the stylesheet's.
 */
export const TOKENS = {
  red: '#ce1126',
  redDark: '#9e0d1d',
  text: '#1b1b1b',
  muted: '#4a4a4a',
  link: '#1a4d8f',
  border: '#b1b4b6',
  panel: '#f3f2f1',
} as const;

/** The stylesheet's custom property of each token. */
export const TOKEN_PROPERTIES: Readonly<Record<keyof typeof TOKENS, string>> = {
  red: '--red',
  redDark: '--red-dark',
  text: '--text',
  muted: '--muted',
  link: '--link',
  border: '--border',
  panel: '--panel',
};
