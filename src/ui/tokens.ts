/**
 * The tokens of the stylesheet (`public/css/main.css`, `:root`) — colours, spacing, type scale —
 * for the renderers that cannot read it: the e-mails (inline styles) and the PDFs (bills,
 * receipts, certificates, the printed guide). One Monaco red for every primary action, on the
 * web, in e-mails and on paper; `test/tokens.test.ts` checks that these values are the
 * stylesheet's, that the renderers write no colour of their own, and that the pairs the
 * stylesheet draws (text on a button, on the focus yellow…) meet WCAG 2.2 AA contrast.
 */
export const TOKENS = {
  /** Monaco red: the primary action (`--primary`). */
  red: '#ce1126',
  /** The primary action under the pointer (`--primary-hover`). */
  redDark: '#9e0d1d',
  redTint: '#fbe9eb',
  text: '#1b1b1b',
  muted: '#4a4a4a',
  link: '#1a4d8f',
  border: '#b1b4b6',
  panel: '#f3f2f1',
  /** The focus state's background (with `--text` on it). */
  focus: '#ffdd00',
  white: '#fff',
} as const;

export type Token = keyof typeof TOKENS;

/** The stylesheet's custom property of each colour token. */
export const TOKEN_PROPERTIES: Readonly<Record<Token, string>> = {
  red: '--red',
  redDark: '--red-dark',
  redTint: '--red-tint',
  text: '--text',
  muted: '--muted',
  link: '--link',
  border: '--border',
  panel: '--panel',
  focus: '--focus',
  white: '--white',
};

/** The spacing scale, in rem as the stylesheet writes it. */
export const SPACING = {
  xs: '0.25rem',
  s: '0.5rem',
  m: '1rem',
  l: '1.5rem',
  xl: '2rem',
} as const;

export const SPACING_PROPERTIES: Readonly<Record<keyof typeof SPACING, string>> = {
  xs: '--space-xs',
  s: '--space-s',
  m: '--space',
  l: '--space-l',
  xl: '--space-xl',
};

/** The type scale, in rem as the stylesheet writes it. */
export const FONT_SIZES = {
  xs: '0.75rem',
  s: '0.875rem',
  m: '1rem',
  l: '1.25rem',
  xl: '1.5rem',
} as const;

export const FONT_SIZE_PROPERTIES: Readonly<Record<keyof typeof FONT_SIZES, string>> = {
  xs: '--font-xs',
  s: '--font-s',
  m: '--font-m',
  l: '--font-l',
  xl: '--font-xl',
};

/** The root font size the rem values stand for (the stylesheet's `font-size: 100%`). */
export const ROOT_PX = 16;

/** A rem token in CSS pixels at a 16 px root: `'1.5rem'` → `24`. */
export function remToPx(rem: string): number {
  const match = /^(\d+(?:\.\d+)?)rem$/.exec(rem);
  if (!match) throw new Error(`Not a rem length: ${rem}`);
  return Number(match[1]) * ROOT_PX;
}

/** A rem token as an inline-style length for e-mails, whose clients do not all read rem: `'24px'`. */
export function px(rem: string): string {
  return `${remToPx(rem)}px`;
}
