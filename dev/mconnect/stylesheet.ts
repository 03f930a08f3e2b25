/**
 * The stand-in's only stylesheet, served at /assets/mconnect.css (kept in a module so that the
 * build output needs no extra file). Contrasts meet WCAG 2.2 AA (checked in mconnect.test.ts);
 * the layout holds from 320 px wide.
 */
export const COLOURS = {
  text: '#0b0c0c',
  background: '#ffffff',
  muted: '#505a5f',
  red: '#a50e1f',
  redDark: '#7a0a17',
  error: '#a50e1f',
  focus: '#ffdd00',
  banner: '#fff4c2',
  panel: '#f3f2f1',
  warning: '#6b3a00',
  border: '#0b0c0c',
} as const;

const c = COLOURS;

export const STYLESHEET = `
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 1.0625rem;
  line-height: 1.5;
  color: ${c.text};
  background: ${c.background};
  overflow-wrap: anywhere;
}
.container { width: 100%; max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
a { color: ${c.red}; text-underline-offset: 0.15em; }
a:hover { color: ${c.redDark}; text-decoration-thickness: 3px; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, .error-summary:focus-visible {
  outline: 3px solid ${c.focus};
  outline-offset: 0;
  box-shadow: 0 0 0 5px ${c.text};
}
a:focus-visible { background: ${c.focus}; color: ${c.text}; text-decoration: none; }
.skip-link { position: absolute; left: -9999px; top: 0; padding: 0.5rem 1rem; background: ${c.focus}; color: ${c.text}; z-index: 10; }
.skip-link:focus { left: 0; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.header { background: ${c.red}; color: #ffffff; border-bottom: 0.5rem solid ${c.redDark}; }
.header__inner { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; padding-top: 0.75rem; padding-bottom: 0.75rem; }
.brand { margin: 0; display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.brand__name { font-size: 1.5rem; font-weight: 700; letter-spacing: 0.02em; }
.badge { display: inline-block; padding: 0.125rem 0.5rem; border: 2px solid #ffffff; font-size: 0.875rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; }
.lang-switch, .lang-switch:visited, .lang-switch:hover { color: #ffffff; font-weight: 700; }
.demo-banner { background: ${c.banner}; border-bottom: 2px solid ${c.text}; }
.demo-banner p { margin: 0 auto; padding-top: 0.75rem; padding-bottom: 0.75rem; font-weight: 600; }

.main { padding-top: 1.5rem; padding-bottom: 2rem; }
.main:focus { outline: none; }
h1 { font-size: 1.875rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.375rem; line-height: 1.3; margin: 0 0 0.75rem; }
h3 { font-size: 1.125rem; margin: 0 0 0.5rem; }
.lead { font-size: 1.1875rem; }
.panel { background: ${c.panel}; padding: 1rem; margin: 0 0 1.5rem; border-left: 5px solid ${c.red}; }
.panel--tools { border-left-color: ${c.warning}; }

.form-group { margin: 0 0 1.25rem; padding: 0; border: 0; min-width: 0; }
.form-group--error { border-left: 5px solid ${c.error}; padding-left: 0.75rem; }
.legend, .label { display: block; font-weight: 700; margin-bottom: 0.25rem; padding: 0; }
.hint { color: ${c.muted}; margin: 0 0 0.5rem; }
.error-message { color: ${c.error}; font-weight: 700; margin: 0 0 0.5rem; }
.input, .select {
  display: block;
  width: 100%;
  max-width: 20rem;
  min-height: 2.75rem;
  padding: 0.375rem 0.5rem;
  font: inherit;
  color: ${c.text};
  background: #ffffff;
  border: 2px solid ${c.border};
  border-radius: 0;
}
.input--pin { max-width: 9rem; letter-spacing: 0.3em; }
.input--error { border-color: ${c.error}; border-width: 3px; }
.select { max-width: 100%; }

.radios__item { position: relative; padding: 0 0 0 2.75rem; margin: 0 0 0.75rem; min-height: 2.5rem; }
.radios__input { position: absolute; left: 0; top: 0; width: 2rem; height: 2rem; margin: 0; accent-color: ${c.red}; }
.radios__label { display: inline-block; font-weight: 700; padding-top: 0.25rem; cursor: pointer; }
.radios__hint { color: ${c.muted}; margin: 0; }

.button {
  display: inline-block;
  min-height: 2.75rem;
  padding: 0.5rem 1rem;
  font: inherit;
  font-weight: 700;
  color: #ffffff;
  background: ${c.red};
  border: 2px solid transparent;
  box-shadow: 0 3px 0 ${c.redDark};
  cursor: pointer;
  max-width: 100%;
  text-align: left;
}
.button:hover { background: ${c.redDark}; }
.button--secondary { color: ${c.text}; background: #ffffff; border-color: ${c.border}; box-shadow: 0 3px 0 ${c.text}; }
.button--secondary:hover { background: ${c.panel}; }
.button--warning { background: ${c.warning}; box-shadow: 0 3px 0 ${c.text}; }
.button--warning:hover { background: ${c.text}; }

.error-summary { border: 5px solid ${c.error}; padding: 1rem; margin: 0 0 1.5rem; }
.error-summary__title { margin-top: 0; }
.error-summary__list { margin: 0; padding-left: 1.25rem; }
.error-summary__list a { color: ${c.error}; font-weight: 700; }

.details { margin: 0 0 1.5rem; }
.details div { margin: 0 0 0.5rem; }
.details dt { font-weight: 700; }
.details dd { margin: 0; }
.citizens { list-style: none; margin: 0; padding: 0; }

.footer { border-top: 1px solid ${c.muted}; color: ${c.muted}; }
.footer p { margin: 0 auto; padding-top: 1rem; padding-bottom: 1.5rem; }
`;
