/**
 * "Payer mes factures": every bill the parent may pay now, per establishment, each ticked (a bill
 * is paid whole); the total; one card payment per merchant account when there are several. A bill
 * another payment holds says until when. No fee is ever added.
 */
import { paths } from '../../../paths.ts';
import { usePage } from '../../../ui/context.ts';
import { ErrorSummary, PostForm } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import { keptFor } from '../../../ui/kept-html.ts';
import type { Basket, BasketBill } from '../payment.service.ts';
import { formatMonth } from './format.ts';
import { formatMoney } from '../../../lib/money.ts';

const TIME = new Map<string, Intl.DateTimeFormat>();

function formatTime(date: Date, lang: 'fr' | 'en'): string {
  let format = TIME.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-MC' : 'en-GB', {
      timeZone: 'Europe/Monaco',
      hour: '2-digit',
      minute: '2-digit',
    });
    TIME.set(lang, format);
  }
  return format.format(date);
}

/**
 * Every value a basket line shows: its part is rendered once per language and these, and kept (a
 * family sees the same bills each time it opens the basket).
 */
function basketLineContent(line: BasketBill, ticked: boolean): readonly unknown[] {
  const { bill } = line;
  return [
    bill.id,
    bill.number,
    bill.month,
    bill.childNames,
    line.dueCents,
    ticked,
    line.heldUntil?.getTime(),
    line.heldByMe,
    line.ownBasketId,
  ];
}

/** A line of the basket, kept (`basketLineContent`), as "Mes factures" keeps its bill cards. */
function BasketItem({ line, ticked }: { line: BasketBill; ticked: boolean }) {
  const { lang } = usePage();
  return (
    <li
      dangerouslySetInnerHTML={{
        __html: keptFor(basketLineContent(line, ticked), lang, () => <BasketLine line={line} ticked={ticked} />),
      }}
    />
  );
}

/** A bill of the basket: its box, ticked or not; or, held by a payment, until when. */
function BasketLine({ line: b, ticked }: { line: BasketBill; ticked: boolean }) {
  const { lang, messages } = usePage();
  const t = messages.payments.basket;
  const label = `${messages.parent.bill.title(b.bill.number ?? '')} — ${formatMonth(b.bill.month, lang)} — ${b.bill.childNames.join(', ')} — ${formatMoney(b.dueCents, lang)}`;
  const id = `facture-${b.bill.id}`;
  return b.heldUntil === undefined ? (
    <div class="checkbox">
      <input class="checkbox__input" type="checkbox" id={id} name="facture" value={b.bill.id} checked={ticked} />
      <label for={id}>{label}</label>
    </div>
  ) : (
    <p>
      {label}
      <br />
      <strong>{b.heldByMe ? t.heldByMe(formatTime(b.heldUntil, lang)) : t.held(formatTime(b.heldUntil, lang))}</strong>
      {b.ownBasketId ? (
        <>
          <br />
          <a href={paths.payments.basket(b.ownBasketId)}>{t.resume}</a>
        </>
      ) : null}
    </p>
  );
}

export function PayPage({
  basket,
  csrfToken,
  idempotencyKey,
  error,
  selected,
}: {
  basket: Basket;
  csrfToken: string;
  /** One per rendering of the form: a double click or a retried post sends it again. */
  idempotencyKey: string;
  error?: string | undefined;
  /** The bills ticked (all the free ones by default). */
  selected?: ReadonlySet<string> | undefined;
}) {
  const { lang, messages } = usePage();
  const t = messages.payments.basket;
  const free = basket.bills.filter((b) => b.heldUntil === undefined);
  const ticked = (id: string) => (selected ? selected.has(id) : true);
  const total = free.filter((b) => ticked(b.bill.id)).reduce((sum, b) => sum + b.dueCents, 0);
  const establishments = [...new Set(basket.bills.map((b) => b.bill.establishmentName))];
  return (
    <Layout
      title={t.title}
      section="myInvoices"
      breadcrumbs={[{ text: messages.parent.bills.title, href: paths.canteen.invoices() }]}
    >
      <h1 class="heading-xl">{t.title}</h1>
      <p class="lead">{t.lead}</p>
      {error ? <ErrorSummary errors={{ facture: error }} /> : null}
      {basket.bills.length === 0 ? (
        <div class="panel">
          <p>{t.none}</p>
        </div>
      ) : (
        <PostForm action={paths.canteen.pay()} csrfToken={csrfToken}>
          <input type="hidden" name="cle" value={idempotencyKey} />
          {establishments.map((name) => (
            <fieldset class="panel" key={name}>
              <legend class="heading-m">{name}</legend>
              <ul class="bill-list" aria-label={t.caption}>
                {basket.bills
                  .filter((b) => b.bill.establishmentName === name)
                  .map((b) => (
                    <BasketItem key={b.bill.id} line={b} ticked={ticked(b.bill.id)} />
                  ))}
              </ul>
            </fieldset>
          ))}
          <p>
            {t.total} <strong id="total">{formatMoney(total, lang)}</strong>
          </p>
          {basket.merchantCount > 1 ? <p class="notice">{t.severalMerchants(basket.merchantCount)}</p> : null}
          {free.length > 0 ? (
            <button class="button" type="submit">
              {t.pay}
            </button>
          ) : null}
        </PostForm>
      )}
    </Layout>
  );
}
