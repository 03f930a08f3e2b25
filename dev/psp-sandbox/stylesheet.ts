/**
 * The hosted pages' only stylesheet, served at /assets/paiement.css. A bank-like navy palette;
 * contrasts meet WCAG 2.2 AA (text #0b0c0c and #ffffff on #12355b, #505a5f and #a50e1f on
 * white); the layout holds from 320 px wide.
 */
export const COLOURS = {
  text: '#0b0c0c',
  background: '#ffffff',
  muted: '#505a5f',
  navy: '#12355b',
  navyDark: '#0a1f36',
  error: '#a50e1f',
  focus: '#ffdd00',
  banner: '#fff4c2',
  panel: '#f3f2f1',
  border: '#0b0c0c',
} as const;

const c = COLOURS;

export const STYLESHEET = `
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 1.0625rem; line-height: 1.5; color: ${c.text}; background: ${c.background}; overflow-wrap: anywhere; }
.container { width: 100%; max-width: 36rem; margin: 0 auto; padding: 0 1rem; }
.container--wide { max-width: 60rem; }
a { color: ${c.navy}; text-underline-offset: 0.15em; }
a:focus-visible, button:focus-visible, input:focus-visible, .error-summary:focus-visible { outline: 3px solid ${c.focus}; outline-offset: 0; box-shadow: 0 0 0 5px ${c.text}; }
a:focus-visible { background: ${c.focus}; color: ${c.text}; text-decoration: none; }
.skip-link { position: absolute; left: -9999px; top: 0; padding: 0.5rem 1rem; background: ${c.focus}; color: ${c.text}; z-index: 10; }
.skip-link:focus { left: 0; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.header { background: ${c.navy}; color: #ffffff; border-bottom: 0.5rem solid ${c.navyDark}; }
.header__inner { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; padding-top: 0.75rem; padding-bottom: 0.75rem; }
.brand { margin: 0; display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.brand__name { font-size: 1.375rem; font-weight: 700; }
.badge { display: inline-block; padding: 0.125rem 0.5rem; border: 2px solid #ffffff; font-size: 0.875rem; font-weight: 700; text-transform: uppercase; }
.lang-switch, .lang-switch:visited { color: #ffffff; font-weight: 700; }
.demo-banner { background: ${c.banner}; border-bottom: 2px solid ${c.text}; }
.demo-banner p { margin: 0 auto; padding-top: 0.75rem; padding-bottom: 0.75rem; font-weight: 600; }
.main { padding-top: 1.5rem; padding-bottom: 2rem; }
.main:focus { outline: none; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.25rem; line-height: 1.3; margin: 0 0 0.75rem; }
.summary { background: ${c.panel}; border-left: 5px solid ${c.navy}; padding: 1rem; margin: 0 0 1.5rem; }
.summary div { margin: 0 0 0.25rem; }
.summary dt { display: inline; font-weight: 700; }
.summary dt::after { content: " : "; }
.summary dd { display: inline; margin: 0; }
.summary__amount dd { font-size: 1.5rem; font-weight: 700; }
.form-group { margin: 0 0 1.25rem; padding: 0; border: 0; min-width: 0; }
.form-group--error { border-left: 5px solid ${c.error}; padding-left: 0.75rem; }
.label { display: block; font-weight: 700; margin-bottom: 0.25rem; }
.hint { color: ${c.muted}; margin: 0 0 0.5rem; }
.error-message { color: ${c.error}; font-weight: 700; margin: 0 0 0.5rem; }
.input { display: block; width: 100%; max-width: 22rem; min-height: 2.75rem; padding: 0.375rem 0.5rem; font: inherit; color: ${c.text}; background: #ffffff; border: 2px solid ${c.border}; border-radius: 0; }
.input--short { max-width: 7rem; }
.input--error { border-color: ${c.error}; border-width: 3px; }
.actions { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin-top: 1.5rem; }
.button { display: inline-block; min-height: 2.75rem; padding: 0.5rem 1.25rem; font: inherit; font-weight: 700; color: #ffffff; background: ${c.navy}; border: 2px solid transparent; box-shadow: 0 3px 0 ${c.navyDark}; cursor: pointer; max-width: 100%; }
.button:hover { background: ${c.navyDark}; }
.button--secondary { color: ${c.text}; background: #ffffff; border-color: ${c.border}; box-shadow: 0 3px 0 ${c.text}; }
.button--secondary:hover { background: ${c.panel}; }
.error-summary { border: 5px solid ${c.error}; padding: 1rem; margin: 0 0 1.5rem; }
.error-summary__title { margin-top: 0; }
.error-summary__list { margin: 0; padding-left: 1.25rem; }
.error-summary__list a { color: ${c.error}; font-weight: 700; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1.5rem; }
th, td { text-align: left; padding: 0.375rem 0.5rem; border-bottom: 1px solid ${c.muted}; vertical-align: top; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.95em; }
.footer { border-top: 1px solid ${c.muted}; color: ${c.muted}; }
.footer p { margin: 0 auto; padding-top: 1rem; padding-bottom: 1.5rem; }
`;
