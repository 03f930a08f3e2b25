/** A linked child: school, class, the meals of a month day by day, and the account's bills naming them. */
import { paths } from '../../../paths.ts';
import { Notice, PageHeading, SummaryRow } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { formatMoney } from '../../../lib/money.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ChildPage as ChildPageData } from '../parent.service.ts';
import { BillCard } from './bill-card.tsx';
import { formatDay, formatMonth, formatWeekday, roleText } from './format.ts';

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = (y ?? 2000) * 12 + ((m ?? 1) - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** `certificateYears`: the years the account's payments settled this child's bills, newest first. */
export function ChildPage({
  data,
  certificateYears = [],
}: {
  data: ChildPageData;
  certificateYears?: readonly number[];
}) {
  const { lang, messages } = usePage();
  const t = messages.parent.child;
  const { child, month, meals, bills, charges } = data;
  const name = `${child.firstName} ${child.lastName}`;
  const monthName = formatMonth(month, lang);
  const total = meals.reduce((sum, meal) => sum + meal.quantity, 0);
  return (
    <Layout
      title={name}
      section="myChildren"
      breadcrumbs={[{ text: messages.parent.children.title, href: paths.canteen.children() }]}
    >
      <PageHeading text={name} />
      <dl class="summary-list">
        <SummaryRow label={t.establishment}>{child.establishmentName}</SummaryRow>
        <SummaryRow label={t.className}>{child.className}</SummaryRow>
        <SummaryRow label={t.schoolYear}>{child.schoolYear}</SummaryRow>
        <SummaryRow label={t.birthDate}>{formatDay(child.birthDate, lang)}</SummaryRow>
        <SummaryRow label={t.role}>{roleText(child, messages.parent.children)}</SummaryRow>
      </dl>

      <h2 class="heading-l" id="repas">
        {t.meals(monthName)}
      </h2>
      <nav class="month-nav" aria-label={t.monthNav}>
        <a href={`${paths.canteen.child(child.pupilId, shiftMonth(month, -1))}#repas`}>
          {`← ${t.previousMonth} (${formatMonth(shiftMonth(month, -1), lang)})`}
        </a>
        <a href={`${paths.canteen.child(child.pupilId, shiftMonth(month, 1))}#repas`}>
          {`${t.nextMonth} (${formatMonth(shiftMonth(month, 1), lang)}) →`}
        </a>
      </nav>
      {meals.length === 0 ? (
        <p>{t.noMeals}</p>
      ) : (
        <>
          <p>
            <strong>{t.totalMeals(total)}</strong>
          </p>
          <table class="table">
            <caption class="visually-hidden">{t.mealsCaption(monthName)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.day}</th>
                <th scope="col" class="num">
                  {t.mealCount}
                </th>
              </tr>
            </thead>
            <tbody>
              {meals.map((meal) => (
                <tr key={meal.date}>
                  <td>{formatWeekday(meal.date, lang)}</td>
                  <td class="num">{meal.quantity}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h2 class="heading-l">{t.bills}</h2>
      {child.role === 'viewer' ? (
        <>
          <Notice>
            <p>{t.viewerBills}</p>
          </Notice>
          {charges.length === 0 ? (
            <p>{t.noBills}</p>
          ) : (
            <table class="table">
              <caption>{t.chargesCaption(child.firstName)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.chargeMonth}</th>
                  <th scope="col" class="num">
                    {t.mealCount}
                  </th>
                  <th scope="col" class="num">
                    {t.chargeAmount}
                  </th>
                </tr>
              </thead>
              <tbody>
                {charges.map((charge) => (
                  <tr key={charge.month}>
                    <td>{formatMonth(charge.month, lang)}</td>
                    <td class="num">{charge.meals}</td>
                    <td class="num">{formatMoney(charge.totalCents, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : bills.length === 0 ? (
        <p>{t.noBills}</p>
      ) : (
        <ul class="bill-list">
          {bills.map((bill) => (
            <BillCard key={bill.id} bill={bill} headingLevel={3} />
          ))}
        </ul>
      )}
      {certificateYears.length > 0 ? (
        <>
          <h2 class="heading-l" id="attestations">
            {messages.parent.certificate.heading}
          </h2>
          <p>{messages.parent.certificate.lead}</p>
          <ul class="link-list">
            {certificateYears.map((year) => (
              <li key={year}>
                <a href={paths.canteen.certificate(child.pupilId, year)} type="application/pdf">
                  {messages.parent.certificate.link(year)}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}
