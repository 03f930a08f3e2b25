/**
 * "S'identifier avec MConnect": the button that starts a login at MConnect. Like FranceConnect's, it
 * has its own colours and mark, so it is never mistaken for the password login's button, and a
 * "Qu'est-ce que MConnect ?" link under it to the help page's explanation.
 */
import { paths } from '../paths.ts';
import { usePage } from './context.ts';

/** The anchor of the help page's "Qu'est-ce que MConnect ?" section. */
export const MCONNECT_HELP_ANCHOR = 'mconnect';

/** MConnect's mark: a white shield with an "M", drawn in the page (no image to load). */
function MconnectMark() {
  return (
    <svg class="mconnect-button__mark" viewBox="0 0 32 36" width="32" height="36" aria-hidden="true" focusable="false">
      <path d="M16 1 30 6v11c0 9-6 15.5-14 18C8 32.5 2 26 2 17V6z" fill="#fff" />
      <path d="M16 4.2 27 8.2V17c0 7.3-4.7 12.6-11 14.8C9.7 29.6 5 24.3 5 17V8.2z" fill="#ce1126" />
      <path d="M9 24V11.5h2.6L16 18l4.4-6.5H23V24h-2.8v-8l-4.2 6-4.2-6v8z" fill="#fff" />
    </svg>
  );
}

/**
 * The button and the "Qu'est-ce que MConnect ?" link, to come back to `returnTo` once identified;
 * `href` for a login that asks more (a level of assurance, a fresh identification), `action` for
 * the button's first line ("S'identifier à nouveau avec").
 */
export function MconnectLogin({
  returnTo,
  href,
  action,
}: {
  readonly returnTo?: string | undefined;
  readonly href?: string;
  readonly action?: string;
}) {
  const { messages } = usePage();
  const t = messages.mconnect;
  return (
    <div class="mconnect">
      <a class="mconnect-button" href={href ?? paths.mconnect.login(returnTo)}>
        <MconnectMark />
        <span class="mconnect-button__text">
          <span class="mconnect-button__action">{action ?? t.buttonAction}</span>{' '}
          <span class="mconnect-button__name">{t.buttonName}</span>
        </span>
      </a>
      <p class="mconnect__what">
        <a href={`${paths.site.help()}#${MCONNECT_HELP_ANCHOR}`}>{t.whatIs}</a>
      </p>
    </div>
  );
}

/** The login page's MConnect panel: what MConnect is in a sentence, then the button. */
export function MconnectButton({ returnTo }: { readonly returnTo: string | undefined }) {
  const { messages } = usePage();
  const t = messages.mconnect;
  return (
    <section class="panel panel--mconnect" aria-labelledby="login-mconnect-heading">
      <h2 id="login-mconnect-heading" class="heading-m">
        MConnect
      </h2>
      <p class="hint">{t.buttonHint}</p>
      <MconnectLogin returnTo={returnTo} />
    </section>
  );
}
