/** The home page: what the portal is, a search box, canteen payment first, then the most used procedures. */
import { paths } from '../../../paths.ts';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { CatalogueEntry } from '../../catalogue/catalogue.service.ts';
import { ProcedureList } from '../../../ui/procedure-list.tsx';

export function HomePage({
  canteen,
  popular,
}: {
  canteen: readonly CatalogueEntry[];
  popular: readonly CatalogueEntry[];
}) {
  const { m } = usePage();
  const h = m.home;
  return (
    <Layout title={h.title}>
      <section class="hero" aria-labelledby="home-heading">
        <h1 id="home-heading" class="heading-xl">
          {h.heading}
        </h1>
        <p class="lead">{h.lead}</p>
        <p>{h.intro}</p>
        <form class="search" role="search" method="get" action={paths.catalogue.list()}>
          <label class="label" for="home-search">
            {h.searchLabel}
          </label>
          <p class="hint" id="home-search-hint">
            {h.searchHint}
          </p>
          <div class="search__row">
            <input
              class="input"
              id="home-search"
              name="q"
              type="search"
              maxLength={100}
              aria-describedby="home-search-hint"
            />
            <button class="button" type="submit">
              {h.searchButton}
            </button>
          </div>
        </form>
      </section>

      <section class="panel panel--canteen" aria-labelledby="canteen-heading">
        <h2 id="canteen-heading" class="heading-l">
          {h.canteenHeading}
        </h2>
        <p>{h.canteenIntro}</p>
        <p>{h.canteenSeveralSchools}</p>
        <ul class="establishment-list">
          {canteen.map((entry) => (
            <li key={entry.slug}>
              <a href={paths.catalogue.procedure(entry.slug)}>{entry.establishment?.name ?? entry.slug}</a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="popular-heading">
        <h2 id="popular-heading" class="heading-l">
          {h.popularHeading}
        </h2>
        <ProcedureList entries={popular} />
        <p>
          <a class="button button--secondary" href={paths.catalogue.list()}>
            {h.allProcedures}
          </a>
        </p>
      </section>

      <section class="panel" aria-labelledby="account-heading">
        <h2 id="account-heading" class="heading-m">
          {h.accountHeading}
        </h2>
        <p>{h.accountText}</p>
        <p>{h.mconnectText}</p>
        <p class="button-group">
          <a class="button" href={paths.accounts.login()}>
            {m.layout.login}
          </a>
          <a class="button button--secondary" href={paths.accounts.signUp()}>
            {m.layout.signUp}
          </a>
        </p>
      </section>
    </Layout>
  );
}
