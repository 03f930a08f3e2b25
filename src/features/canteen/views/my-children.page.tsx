/**
 * "Mes enfants": the children linked to the account, the children the roll proposes for its
 * verified e-mail (confirmed by a POST), and the form that links a child by pupil code and birth date.
 */
import { paths } from '../../../paths.ts';
import { Notice, PageHeading, SummaryRow } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { ErrorSummary, PostForm, TextField, type FieldErrors } from '../../../ui/forms.tsx';
import { keptFor } from '../../../ui/kept-html.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { LinkedChild } from '../canteen.types.ts';
import type { Proposals } from '../parent.service.ts';
import { roleText } from './format.ts';

export interface CodeFormState {
  readonly values: { readonly code: string; readonly birthDate: string };
  /** Field name → message; a code and date that match no child, or a lock, are told at the code. */
  readonly errors: FieldErrors;
}

export interface MyChildrenPageProps {
  readonly children: readonly LinkedChild[];
  readonly proposals: Proposals;
  readonly csrfToken: string;
  readonly codeForm: CodeFormState;
  /** The notice after a link (`linkedOne`…), already worded. */
  readonly notice?: string | undefined;
  /** The establishment whose procedure sent the parent here, when none of their children is there. */
  readonly establishment?: EstablishmentNotice | undefined;
}

export interface EstablishmentNotice {
  readonly name: string;
  /** Whether the roll proposes, for the account's verified e-mail, a child at that establishment. */
  readonly proposed: boolean;
}

export function MyChildrenPage(props: MyChildrenPageProps) {
  const { messages } = usePage();
  const t = messages.parent;
  return (
    <Layout title={t.children.title} section="myChildren">
      <ErrorSummary errors={props.codeForm.errors} />
      {props.notice ? (
        <Notice>
          <p>{props.notice}</p>
        </Notice>
      ) : null}
      <PageHeading text={t.children.title} lead={t.children.lead} />
      {props.establishment ? (
        <Notice>
          <p>
            {props.establishment.proposed
              ? t.children.forEstablishmentProposed(props.establishment.name)
              : t.children.forEstablishmentByCode(props.establishment.name)}
          </p>
        </Notice>
      ) : null}
      {props.children.length === 0 ? (
        // The notice above already says that no child is linked for that establishment.
        props.establishment ? null : (
          <p>{t.children.none}</p>
        )
      ) : (
        <p>
          <a href={paths.canteen.pay()}>{messages.payments.basket.payLink}</a>
        </p>
      )}
      {props.children.length === 0 ? null : (
        <ul class="child-list">
          {props.children.map((child) => (
            <ChildCard key={child.pupilId} child={child} />
          ))}
        </ul>
      )}
      <ProposalsSection proposals={props.proposals} csrfToken={props.csrfToken} />
      <section aria-labelledby="rattacher-code">
        <h2 class="heading-l" id="rattacher-code">
          {t.code.title}
        </h2>
        <p>{t.code.lead}</p>
        <PostForm action={paths.canteen.linkChildByCode()} csrfToken={props.csrfToken}>
          <TextField
            name="code"
            label={t.code.codeLabel}
            hint={t.code.codeHint}
            value={props.codeForm.values.code}
            error={props.codeForm.errors['code']}
            autocomplete="off"
            spellcheck={false}
            maxLength={20}
            width="half"
          />
          <TextField
            name="birthDate"
            label={t.code.birthLabel}
            hint={t.code.birthHint}
            value={props.codeForm.values.birthDate}
            error={props.codeForm.errors['birthDate']}
            autocomplete="off"
            inputMode="numeric"
            maxLength={10}
            width="half"
          />
          <button class="button" type="submit">
            {t.code.submit}
          </button>
        </PostForm>
      </section>
    </Layout>
  );
}

/**
 * A linked child: name, establishment, class and the account's role. Rendered once per language
 * and every value it shows, and kept (ui/kept-html.ts), as the bills' cards are.
 */
function ChildCard({ child }: { child: LinkedChild }) {
  const { lang } = usePage();
  const shown = [
    child.pupilId,
    child.firstName,
    child.lastName,
    child.establishmentName,
    child.className,
    child.role,
    child.sharePercent,
  ];
  return (
    <li
      class="panel"
      dangerouslySetInnerHTML={{ __html: keptFor(shown, lang, () => <ChildCardContent child={child} />) }}
    />
  );
}

function ChildCardContent({ child }: { child: LinkedChild }) {
  const { messages } = usePage();
  const t = messages.parent.children;
  return (
    <>
      <h2 class="heading-m">
        <a href={paths.canteen.child(child.pupilId)}>{`${child.firstName} ${child.lastName}`}</a>
      </h2>
      <dl class="summary-list">
        <SummaryRow label={t.establishment}>{child.establishmentName}</SummaryRow>
        <SummaryRow label={t.className}>{child.className}</SummaryRow>
        <SummaryRow label={t.role}>{roleText(child, t)}</SummaryRow>
      </dl>
    </>
  );
}

function ProposalsSection({ proposals, csrfToken }: { proposals: Proposals; csrfToken: string }) {
  const { messages } = usePage();
  const t = messages.parent.proposals;
  if (proposals.kind === 'email_not_verified') {
    return (
      <Notice>
        <p>
          {t.notVerified} <a href={paths.accounts.signUpDone()}>{messages.signUp.banner.link}</a>
        </p>
      </Notice>
    );
  }
  if (proposals.children.length === 0) return null;
  return (
    <section class="panel panel--canteen" aria-labelledby="enfants-proposes">
      <h2 class="heading-l" id="enfants-proposes">
        {t.title}
      </h2>
      <p>{t.lead(proposals.email)}</p>
      <ul class="bullets">
        {proposals.children.map((child, i) => (
          <li key={i}>
            <strong>{`${child.firstName} ${child.lastName}`}</strong>
            {` — ${child.establishmentName}, ${child.className}`}
          </li>
        ))}
      </ul>
      <PostForm action={paths.canteen.linkChildrenByEmail()} csrfToken={csrfToken}>
        <button class="button" type="submit">
          {t.confirm}
        </button>
      </PostForm>
    </section>
  );
}
