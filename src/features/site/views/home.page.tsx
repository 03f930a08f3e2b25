/**
 * The home page: what the portal is, a search box, canteen payment first, then the most used
 * procedures. Signed in, it greets the person and shows, first, their children's canteen (what is
 * left to pay) and their dossiers in progress, instead of the login and sign-up links.
 */
import { formatMoney } from '../../../lib/money.ts';
import { paths } from '../../../paths.ts';
import { Tag } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';
import { ProcedureList } from '../../../ui/procedure-list.tsx';
import type { CanteenSummary } from '../../canteen/canteen.service.ts';
import type { CatalogueEntry } from '../../catalogue/catalogue.service.ts';
import type { Dossier } from '../../dossiers/dossiers.service.ts';

/** What the home page shows a signed-in person of their own. */
export interface SignedInHome {
  readonly firstName: string;
  /** Their dossiers in progress, most recently changed first (a few at most). */
  readonly dossiers: readonly Dossier[];
  readonly family: CanteenSummary;
}

function MyDossiers({ dossiers }: { dossiers: readonly Dossier[] }) {
  const { lang, m, messages } = usePage();
  const h = m.home;
  return (
    <section class="panel home-dossiers" aria-labelledby="my-dossiers-heading">
      <h2 id="my-dossiers-heading" class="heading-m">
        {h.dossiersHeading}
      </h2>
      {dossiers.length === 0 ? (
        <p>{h.noDossiers}</p>
      ) : (
        <ul class="home-dossiers__list">
          {dossiers.map((dossier) => (
            <li key={dossier.reference}>
              <a href={paths.dossiers.dossier(dossier.reference)}>{dossier.title[lang]}</a>{' '}
              <span class="home-dossiers__reference">{dossier.reference}</span>{' '}
              <Tag text={messages.procedures.states[dossier.status]} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={paths.dossiers.mine()}>{h.allMyProcedures}</a>
      </p>
    </section>
  );
}

function MyCanteen({ family }: { family: CanteenSummary }) {
  const { lang, m } = usePage();
  const h = m.home;
  return (
    <section class="panel home-canteen" aria-labelledby="my-canteen-heading">
      <h2 id="my-canteen-heading" class="heading-m">
        {h.myCanteenHeading}
      </h2>
      <ul class="home-canteen__children">
        {family.children.map((child) => (
          <li key={child.pupilId}>
            <a href={paths.canteen.child(child.pupilId)}>
              {child.firstName} {child.lastName}
            </a>{' '}
            <span class="home-canteen__school">{child.establishmentName}</span>
          </li>
        ))}
      </ul>
      {family.billsToPay > 0 ? (
        <>
          <p class="home-canteen__due">{h.billsToPay(family.billsToPay, formatMoney(family.dueCents, lang))}</p>
          <p class="button-group">
            <a class="button" href={paths.canteen.pay()}>
              {h.payCanteen}
            </a>
            <a href={paths.canteen.invoices()}>{h.seeInvoices}</a>
          </p>
        </>
      ) : (
        <>
          <p class="home-canteen__due">
            <Tag text={h.nothingToPay} tone="online" /> {h.nothingToPayText}
          </p>
          <p>
            <a href={paths.canteen.invoices()}>{h.seeInvoices}</a>
          </p>
        </>
      )}
    </section>
  );
}

export function HomePage({
  canteen,
  popular,
  signedIn,
}: {
  canteen: readonly CatalogueEntry[];
  popular: readonly CatalogueEntry[];
  signedIn: SignedInHome | null;
}) {
  const { m } = usePage();
  const h = m.home;
  return (
    <Layout title={h.title}>
      <section class="hero" aria-labelledby="home-heading">
        <h1 id="home-heading" class="heading-xl">
          {signedIn ? h.greeting(signedIn.firstName) : h.heading}
        </h1>
        <p class="lead">{signedIn ? h.signedInLead : h.lead}</p>
        {signedIn ? (
          <div class="home-mine">
            {signedIn.family.children.length > 0 ? <MyCanteen family={signedIn.family} /> : null}
            <MyDossiers dossiers={signedIn.dossiers} />
          </div>
        ) : (
          <p>{h.intro}</p>
        )}
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
        {/* "Connectez-vous une fois…": said only to whoever is not signed in yet. */}
        {signedIn ? null : <p>{h.canteenIntro}</p>}
        <p class="home-one-basket">
          <strong>{h.oneBasket}</strong>
        </p>
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

      {signedIn ? null : (
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
      )}
    </Layout>
  );
}
