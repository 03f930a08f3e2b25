/** The page shell shared by every page: skip link, header, main landmark, footer. */
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { paths } from '../paths.ts';
import { usePage } from './context.ts';
import { keptHtml } from './kept-html.ts';

export interface Crumb {
  readonly text: string;
  readonly href: string;
}

export interface LayoutProps {
  /** The page's own title, first in `<title>`. */
  readonly title: string;
  readonly children: ComponentChildren;
  /** Trail above the heading; the home link is added first. */
  readonly breadcrumbs?: readonly Crumb[];
  /** Marks the main-menu entry of the current section. */
  readonly section?: 'procedures' | 'help' | 'myProcedures' | 'myChildren' | 'myInvoices' | 'profile';
  /** Reload the page after this many seconds (a page waiting for news, without JavaScript). */
  readonly refreshSeconds?: number | undefined;
}

export function Layout({ title, children, breadcrumbs, section, refreshSeconds }: LayoutProps) {
  const { lang, m, messages, currentPath, user } = usePage();
  const other = m.layout.switchToLang;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {refreshSeconds === undefined ? null : <meta http-equiv="refresh" content={String(refreshSeconds)} />}
        <title>{`${title} | ${m.meta.titleSuffix}`}</title>
        <link rel="stylesheet" href={paths.site.staticFile('css/main.css')} />
        <link rel="icon" href={paths.site.staticFile('images/favicon.svg')} type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          {m.layout.skipLink}
        </a>
        <header class="site-header">
          <div class="container site-header__inner">
            {/* On phones the header keeps to 80 px: the institutional lines are hidden there (emblem and service
                name only). The name holds every word the link shows at any width, so voice control finds it. */}
            <a
              class="brand"
              href={paths.site.home()}
              aria-label={`${m.layout.government}, ${m.layout.principality}, ${m.layout.homeLink}`}
              dangerouslySetInnerHTML={{
                __html: keptHtml('brand', lang, () => <BrandLines emblemClass="brand__emblem" />),
              }}
            />
            {/* On a phone the menu is behind "Menu", a disclosure that needs no JavaScript; on wider screens the
                stylesheet shows its content and hides the summary, so there is one navigation landmark only. */}
            <details class="site-menu">
              <summary class="site-menu__toggle">{m.layout.menu}</summary>
              <nav class="site-nav" aria-label={m.layout.mainNav}>
                {/* The links are the same for every page of a section (rendered once); the person's name, their
                    logout form and the language switch (which comes back to this page) are rendered here. */}
                <ul
                  class="site-nav__list"
                  dangerouslySetInnerHTML={{
                    __html:
                      keptHtml(`nav ${section ?? ''} ${user ? 'in' : 'out'}`, lang, () => (
                        <NavLinks section={section} signedIn={user !== null} />
                      )) +
                      renderToString(
                        <>
                          {user ? (
                            <>
                              <li class="site-nav__user">{user.displayName}</li>
                              <li>
                                <form class="site-nav__logout" method="post" action={paths.accounts.logout()}>
                                  <input type="hidden" name="_csrf" value={user.csrfToken} />
                                  <button class="link-button" type="submit">
                                    {m.layout.logout}
                                  </button>
                                </form>
                              </li>
                            </>
                          ) : null}
                          <li>
                            <a
                              class="site-nav__lang"
                              href={paths.site.language(other, currentPath)}
                              lang={other}
                              hreflang={other}
                            >
                              {m.layout.switchTo}
                            </a>
                          </li>
                        </>,
                      ),
                  }}
                />
              </nav>
            </details>
          </div>
        </header>
        <div class="container">
          {breadcrumbs && breadcrumbs.length > 0 ? (
            <nav class="breadcrumbs" aria-label={m.layout.breadcrumb}>
              <ol>
                <li>
                  <a href={paths.site.home()}>{m.layout.home}</a>
                </li>
                {breadcrumbs.map((crumb) => (
                  <li key={crumb.href}>
                    <a href={crumb.href}>{crumb.text}</a>
                  </li>
                ))}
              </ol>
            </nav>
          ) : null}
          <main id="contenu" class="main" tabindex={-1}>
            {user && !user.emailVerified && !currentPath.startsWith(paths.accounts.signUpDone()) ? (
              <div class="verify-banner">
                <p>
                  {messages.signUp.banner.text} <a href={paths.accounts.signUpDone()}>{messages.signUp.banner.link}</a>
                </p>
              </div>
            ) : null}
            {children}
          </main>
        </div>
        <Footer />
      </body>
    </html>
  );
}

/** The main menu's links of a section's pages, signed in or not (the same for everyone: rendered once). */
function NavLinks({ section, signedIn }: { section: LayoutProps['section']; signedIn: boolean }) {
  const { m } = usePage();
  const l = m.layout;
  const sections: (readonly [href: string, name: NonNullable<LayoutProps['section']>, text: string])[] = [
    [paths.catalogue.list(), 'procedures', l.navProcedures],
    [paths.site.help(), 'help', l.navHelp],
    ...(signedIn
      ? ([
          [paths.dossiers.mine(), 'myProcedures', l.myProcedures],
          [paths.canteen.children(), 'myChildren', l.myChildren],
          [paths.canteen.invoices(), 'myInvoices', l.myInvoices],
          [paths.accounts.profile(), 'profile', l.profile],
        ] as const)
      : []),
  ];
  return (
    <>
      {sections.map(([href, name, text]) => (
        <li key={name}>
          <a href={href} aria-current={section === name ? 'page' : undefined}>
            {text}
          </a>
        </li>
      ))}
      {signedIn ? null : (
        <>
          <li>
            <a href={paths.accounts.login()}>{l.login}</a>
          </li>
          <li>
            <a class="site-nav__cta" href={paths.accounts.signUp()}>
              {l.signUp}
            </a>
          </li>
        </>
      )}
    </>
  );
}

/** The Government's shield, as on the printable guide (public/images/emblem.svg); decorative, the text beside it names it. */
function Emblem({ class: className }: { readonly class: string }) {
  return <img class={className} src={paths.site.staticFile('images/emblem.svg')} alt="" width={41} height={49} />;
}

/** The institutional block: the emblem, "Gouvernement Princier / Principauté de Monaco", the service's name. */
function BrandLines({ emblemClass }: { emblemClass: string }) {
  const { m } = usePage();
  return (
    <>
      <Emblem class={emblemClass} />
      <span class="brand__gov">
        <span class="brand__gov-line">{m.layout.government}</span>{' '}
        <span class="brand__gov-line">{m.layout.principality}</span>
      </span>{' '}
      <span class="brand__name">
        MonGuichet<span class="brand__tld">.mc</span>
      </span>
    </>
  );
}

/** The footer: the same for every page of a language, so its content is rendered once per language. */
function Footer() {
  const { lang } = usePage();
  return (
    <footer
      class="site-footer"
      dangerouslySetInnerHTML={{ __html: keptHtml('footer', lang, () => <FooterContent />) }}
    />
  );
}

function FooterContent() {
  const { m } = usePage();
  const links = m.layout.footerLinks;
  return (
    <div class="container site-footer__inner">
      <p class="site-footer__brand">
        <BrandLines emblemClass="site-footer__emblem" />
      </p>
      <section class="site-footer__help" aria-labelledby="footer-help">
        <h2 id="footer-help" class="site-footer__title">
          {m.layout.footerHelpTitle}
        </h2>
        <p>{m.layout.footerHelpText}</p>
        <p>
          <a href={`mailto:${m.contact.email}`}>{m.contact.email}</a>
          {' | '}
          <a class="nowrap" href={`tel:${m.contact.phoneHref}`}>
            {m.contact.phone}
          </a>
        </p>
        <p class="site-footer__org">{m.contact.organisation}</p>
      </section>
      <nav class="site-footer__nav" aria-label={m.layout.footerNav}>
        <ul>
          <li>
            <a href={paths.site.help()}>{links.help}</a>
          </li>
          <li>
            <a href={paths.site.legalNotice()}>{links.legalNotice}</a>
          </li>
          <li>
            <a href={paths.site.terms()}>{links.terms}</a>
          </li>
          <li>
            <a href={paths.site.privacy()}>{links.privacy}</a>
          </li>
          <li>
            <a href={paths.site.accessibility()}>{links.accessibility}</a>
          </li>
        </ul>
      </nav>
      <p class="site-footer__gov">{m.layout.footerLicence}</p>
    </div>
  );
}
