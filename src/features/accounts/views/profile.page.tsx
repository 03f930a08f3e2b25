/**
 * "Mon profil": my details (with links to change them, the e-mail address and the password), the
 * language of e-mails, signed-in devices, my data, and closing the account.
 */
import type { ComponentChild } from 'preact';
import { formatDate, formatDateTime } from '../../../lib/dates.ts';
import { paths } from '../../../paths.ts';
import { Notice, PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { ErrorSummary, PostForm, Radio, type FieldErrors } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { Profile } from '../profile.service.ts';

export interface ProfileSession {
  readonly current: boolean;
  readonly userAgent: string | null;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
}

export interface ProfilePageProps {
  readonly profile: Profile;
  readonly sessions: readonly ProfileSession[];
  readonly csrfToken: string;
  readonly notice: string | undefined;
  readonly errors: FieldErrors;
  /** The new address an e-mail change waits to confirm. */
  readonly pendingEmail: string | undefined;
  /** The sections other features add (MConnect's), shown after the password. */
  readonly sections: readonly ComponentChild[];
}

/** A short, human name for a browser's User-Agent ("Firefox sur Linux"), never the raw string. */
function deviceName(userAgent: string | null, unknown: string): string {
  if (!userAgent) return unknown;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return [browser, system].filter(Boolean).join(' · ') || unknown;
}

export function ProfilePage({
  profile,
  sessions,
  csrfToken,
  notice,
  errors,
  pendingEmail,
  sections,
}: ProfilePageProps) {
  const { lang, messages } = usePage();
  const t = messages.profile;
  const row = (label: string, value: string) => (
    <div class="summary-list__row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <Layout title={t.title} section="profile">
      <ErrorSummary errors={errors} />
      {notice ? (
        <Notice>
          <p>{notice}</p>
        </Notice>
      ) : null}
      <PageHeading text={t.title} lead={t.lead} />

      <h2 class="heading-m">{t.identityHeading}</h2>
      <dl class="summary-list">
        {row(t.identifier, profile.identifier)}
        {row(t.accountKind, t.kinds[profile.kind])}
        {profile.civility ? row(t.civility, t.civilities[profile.civility]) : null}
        {row(t.name, `${profile.lastName} ${profile.firstName}`)}
        {profile.birthDate ? row(t.birthDate, formatDate(new Date(`${profile.birthDate}T12:00:00Z`), lang)) : null}
        {row(t.email, `${profile.email} (${profile.emailVerifiedAt ? t.emailVerified : t.emailNotVerified})`)}
        {row(t.phone, profile.phone ?? t.notGiven)}
        {profile.companyName ? row(t.company, profile.companyName) : null}
        {profile.companyName
          ? row(t.companyNumbers, `${profile.companyRci ?? '—'} / ${profile.companyNis ?? '—'}`)
          : null}
      </dl>
      <ul class="link-list">
        <li>
          <a href={paths.accounts.profileDetails()}>{t.actions.editDetails}</a>
        </li>
        <li>
          <a href={paths.accounts.profileEmail()}>{t.actions.changeEmail}</a>
        </li>
      </ul>
      {pendingEmail ? (
        <Notice>
          <p>{t.pendingEmail(pendingEmail)}</p>
          <PostForm action={paths.accounts.profileEmailCancel()} csrfToken={csrfToken}>
            <button class="button button--secondary" type="submit">
              {t.cancelEmailChange}
            </button>
          </PostForm>
        </Notice>
      ) : null}

      <h2 class="heading-m">{t.securityHeading}</h2>
      {profile.passwordChangedAt ? <p>{t.passwordChangedOn(formatDateTime(profile.passwordChangedAt, lang))}</p> : null}
      <p>
        <a href={paths.accounts.profilePassword()}>
          {profile.hasPassword ? t.actions.changePassword : t.passwordChange.firstTitle}
        </a>
      </p>

      {sections}

      <h2 class="heading-m">{t.languageHeading}</h2>
      <PostForm action={paths.accounts.profileLanguage()} csrfToken={csrfToken}>
        <fieldset class={`fieldset${errors.langue ? ' form-group--error' : ''}`} id="champ-langue">
          <legend class="label">{t.languageLegend}</legend>
          {errors.langue ? <p class="error-message">{errors.langue}</p> : null}
          <div class="radios">
            {(['fr', 'en'] as const).map((code) => (
              <Radio
                key={code}
                name="langue"
                value={code}
                id={`langue-${code}`}
                label={messages.portal.language.names[code]}
                checked={profile.language === code}
                labelLang={code}
              />
            ))}
          </div>
        </fieldset>
        <button class="button button--secondary" type="submit">
          {t.languageSave}
        </button>
      </PostForm>

      <h2 class="heading-m">{t.sessionsHeading}</h2>
      {/* One card per device: a table broke the words of a device's name at 320 px. */}
      <ul class="device-list" aria-label={t.sessionsCaption}>
        {sessions.map((session, index) => (
          <li class="panel device-card" key={index}>
            <p class="device-card__name">
              {deviceName(session.userAgent, t.unknownDevice)}
              {session.current ? <strong class="tag tag--online">{t.thisDevice}</strong> : null}
            </p>
            <dl class="summary-list">
              <div class="summary-list__row">
                <dt>{t.sessionSince}</dt>
                <dd>{formatDateTime(session.createdAt, lang)}</dd>
              </div>
              <div class="summary-list__row">
                <dt>{t.sessionLastSeen}</dt>
                <dd>{formatDateTime(session.lastSeenAt, lang)}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      <PostForm action={paths.accounts.profileSessions()} csrfToken={csrfToken}>
        <button class="button button--secondary" type="submit">
          {t.endOthers}
        </button>
      </PostForm>

      <h2 class="heading-m">{t.dataHeading}</h2>
      <p>{t.dataText}</p>
      <p>
        <a href={paths.accounts.profileData()} type="application/json" download>
          {t.dataDownload}
        </a>
      </p>

      <h2 class="heading-m">{t.closeHeading}</h2>
      <p>{t.closeIntro}</p>
      <p>
        <a href={paths.accounts.profileClose()}>{t.actions.closeAccount}</a>
      </p>
    </Layout>
  );
}
