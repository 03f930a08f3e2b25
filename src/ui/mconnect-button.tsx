/** "M'identifier avec MConnect": the panel with the button that starts a login at MConnect. */
import { paths } from '../paths.ts';
import { usePage } from './context.ts';

export function MconnectButton({ returnTo }: { readonly returnTo: string | undefined }) {
  const { messages } = usePage();
  const t = messages.mconnect;
  return (
    <section class="panel" aria-labelledby="login-mconnect-heading">
      <h2 id="login-mconnect-heading" class="heading-m">
        MConnect
      </h2>
      <p class="hint">{t.buttonHint}</p>
      <p>
        <a class="button" href={paths.mconnect.login(returnTo)}>
          {t.button}
        </a>
      </p>
    </section>
  );
}
