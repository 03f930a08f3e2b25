/** The catalogue: search by words, filter by audience and theme; works without JavaScript (GET form). */
import { paths } from '../../../paths.ts';
import { Notice, PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Radio } from '../../../ui/forms.tsx';
import { keptHtml } from '../../../ui/kept-html.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { CatalogueEntry } from '../catalogue.service.ts';
import { AUDIENCES, THEMES, type Audience, type Theme } from '../catalogue.types.ts';
import { ProcedureList } from '../../../ui/procedure-list.tsx';

export interface CataloguePageProps {
  readonly query: string;
  readonly audience: Audience | undefined;
  readonly theme: Theme | undefined;
  readonly results: readonly CatalogueEntry[];
  readonly queryTruncated: boolean;
  readonly invalidFilter: boolean;
  readonly maxQueryLength: number;
}

export function CataloguePage(props: CataloguePageProps) {
  const { lang, m } = usePage();
  const c = m.catalogue;
  const filtered = props.query !== '' || props.audience !== undefined || props.theme !== undefined;
  const title = props.query ? c.titleWithQuery(props.query) : c.title;
  return (
    <Layout
      title={title}
      section="procedures"
      breadcrumbs={filtered ? [{ text: c.title, href: paths.catalogue.list() }] : []}
    >
      <PageHeading text={title} lead={filtered ? undefined : c.lead} />
      {props.queryTruncated ? (
        <Notice tone="warning">
          <p>{c.queryTooLong(props.maxQueryLength)}</p>
        </Notice>
      ) : null}
      {props.invalidFilter ? (
        <Notice tone="warning">
          <p>{c.invalidFilter}</p>
        </Notice>
      ) : null}
      <div class="catalogue">
        <form class="catalogue__filters" method="get" action={paths.catalogue.list()} role="search">
          <div class="form-group">
            <label class="label" for="catalogue-q">
              {c.searchLabel}
            </label>
            <input
              class="input"
              id="catalogue-q"
              name="q"
              type="search"
              value={props.query}
              maxLength={props.maxQueryLength}
            />
          </div>
          {/* On a phone the filters fold under "Filtrer" so that the results follow the search box;
              from 48em they are always shown (their summary hidden). Open when one is chosen. */}
          <details
            class="catalogue__more"
            open={props.audience !== undefined || props.theme !== undefined}
            dangerouslySetInnerHTML={{
              // Kept per choice: a few dozen variants in all (the choices are checked against the lists).
              __html: keptHtml(`catalogue filters ${props.audience ?? ''} ${props.theme ?? ''}`, lang, () => (
                <Filters audience={props.audience} theme={props.theme} />
              )),
            }}
          />
          <button class="button" type="submit">
            {c.searchButton}
          </button>
          {filtered ? (
            <p>
              <a href={paths.catalogue.list()}>{c.clearFilters}</a>
            </p>
          ) : null}
        </form>
        <section class="catalogue__results" aria-labelledby="results-heading">
          <h2 id="results-heading" class="heading-m">
            {c.resultsHeading}
          </h2>
          <p class="result-count" role="status">
            {c.resultCount(props.results.length)}
          </p>
          {props.results.length === 0 ? <p>{c.noResultsHelp}</p> : <ProcedureList entries={props.results} />}
        </section>
      </div>
    </Layout>
  );
}

function Filters({
  audience: chosenAudience,
  theme: chosenTheme,
}: {
  audience: Audience | undefined;
  theme: Theme | undefined;
}) {
  const { m } = usePage();
  const c = m.catalogue;
  return (
    <>
      <summary class="catalogue__more-toggle">{c.moreFilters}</summary>
      <fieldset class="fieldset">
        <legend class="label">{c.audienceLegend}</legend>
        <div class="radios">
          <Radio name="public" value="" label={c.audienceAll} checked={chosenAudience === undefined} id="public-all" />
          {AUDIENCES.map((audience) => (
            <Radio
              key={audience}
              name="public"
              value={audience}
              label={m.audiences[audience]}
              checked={chosenAudience === audience}
              id={`public-${audience}`}
            />
          ))}
        </div>
      </fieldset>
      <div class="form-group">
        <label class="label" for="catalogue-theme">
          {c.themeLabel}
        </label>
        <select class="select" id="catalogue-theme" name="theme">
          <option value="" selected={chosenTheme === undefined}>
            {c.themeAll}
          </option>
          {THEMES.map((theme) => (
            <option key={theme} value={theme} selected={chosenTheme === theme}>
              {m.themes[theme]}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
