/**
 * E-mails, written once: a template turns typed data into `MailContent` (a title, blocks of text,
 * an optional call to action), and `renderMail` renders that one content as plain text and as HTML
 * inside the shared frame (portal name, help contacts, "do not reply"). The HTML is rendered by
 * preact, which escapes every value; no template ever writes markup as a string.
 *
 * A feature writes its e-mail with its own catalogue strings:
 *
 *   const mail = composeMail(account.email, account.language, notice, {
 *     title: m.verifyTitle, paragraphs: [m.verifyText], action: { label: m.verifyButton, url },
 *   });
 *   await mailService.enqueue(trx, mail);
 */
import { renderToString } from 'preact-render-to-string';
import { messagesFor, type Lang, type Messages } from '../../i18n/index.ts';
import { FONT_SIZES, SPACING, TOKENS, px } from '../../ui/tokens.ts';
import type { OutgoingMail } from './mail.types.ts';

/** A paragraph, or a bulleted list (identifiers, children, bills). */
export type MailBlock = string | { readonly items: readonly string[] };

/** The button of an e-mail: an absolute http(s) link and what it does. */
export interface MailAction {
  readonly label: string;
  readonly url: string;
}

/** An e-mail as data: what a template builds, and what `renderMail` turns into text and HTML. */
export interface MailContent {
  readonly subject: string;
  readonly title: string;
  readonly body: readonly MailBlock[];
  readonly action?: MailAction | undefined;
  /** Smaller print after the action: "this link expires in one hour", "if you did not ask for it…". */
  readonly footnotes?: readonly string[] | undefined;
}

/** Builds an e-mail's content from its data in a language. */
export type MailTemplate<Data> = (data: Data, lang: Lang) => MailContent;

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** The data of the generic `notice` e-mail; every string comes from the sender's catalogue. */
export interface NoticeData {
  /** The subject line; the title when absent. */
  readonly subject?: string | undefined;
  readonly title: string;
  readonly paragraphs: readonly MailBlock[];
  readonly action?: MailAction | undefined;
  readonly footnotes?: readonly string[] | undefined;
}

/** The generic e-mail: a title, paragraphs, and an optional call to action. */
export const notice: MailTemplate<NoticeData> = (data) => ({
  subject: data.subject ?? data.title,
  title: data.title,
  body: data.paragraphs,
  action: data.action,
  footnotes: data.footnotes,
});

/** Renders a template for one recipient. */
export function composeMail<Data>(to: string, lang: Lang, template: MailTemplate<Data>, data: Data): OutgoingMail {
  return { to, ...renderMail(template, data, lang) };
}

export function renderMail<Data>(template: MailTemplate<Data>, data: Data, lang: Lang): RenderedMail {
  const content = normalize(template(data, lang));
  const frame = messagesFor(lang).mail;
  return {
    subject: content.subject,
    text: renderText(content, frame, lang),
    html: `<!doctype html>${renderToString(<MailDocument content={content} frame={frame} lang={lang} />)}`,
  };
}

/** Collapses line breaks and runs of spaces (not non-breaking spaces) inside a string. */
function oneLine(value: string): string {
  return value.replace(/[ \t\r\n\f\v]+/g, ' ').trim();
}

/** Refuses anything but an absolute http(s) URL: no `javascript:`, no relative path. */
function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('An e-mail link must be an absolute URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new Error('An e-mail link must be an http(s) URL');
  return parsed.href;
}

function normalize(content: MailContent): MailContent {
  const block = (b: MailBlock): MailBlock => (typeof b === 'string' ? oneLine(b) : { items: b.items.map(oneLine) });
  return {
    subject: oneLine(content.subject),
    title: oneLine(content.title),
    body: content.body.map(block),
    action: content.action ? { label: oneLine(content.action.label), url: checkedUrl(content.action.url) } : undefined,
    footnotes: content.footnotes?.map(oneLine),
  };
}

/** "Label :" with French typography's non-breaking space, "Label:" in English. */
function withColon(text: string, lang: Lang): string {
  return lang === 'fr' ? `${text}\u00a0:` : `${text}:`;
}

function renderText(content: MailContent, frame: Messages['mail'], lang: Lang): string {
  const parts: string[] = [frame.portalName, `${content.title}\n${'='.repeat(Math.min(content.title.length, 72))}`];
  for (const block of content.body)
    parts.push(typeof block === 'string' ? block : block.items.map((item) => `- ${item}`).join('\n'));
  if (content.action) parts.push(`${withColon(content.action.label, lang)}\n${content.action.url}`);
  for (const footnote of content.footnotes ?? []) parts.push(footnote);
  parts.push(
    [
      '-- ',
      `${frame.helpIntro} ${frame.contactEmail} | ${frame.contactPhone}`,
      frame.doNotReply,
      frame.government,
    ].join('\n'),
  );
  return `${parts.join('\n\n')}\n`;
}

// Inline styles: many mail clients ignore <style> and every external stylesheet. Every colour,
// spacing and font size is a token of the stylesheet (src/ui/tokens.ts), in px for the clients
// that do not read rem.
const FONT = 'font-family: Arial, Helvetica, sans-serif;';
const RED = TOKENS.red;
const WHITE = TOKENS.white;
const TEXT = TOKENS.text;
const MUTED = TOKENS.muted;
const LINK = TOKENS.link;
const PANEL = TOKENS.panel;
const SPACE_XS = px(SPACING.xs);
const SPACE_S = px(SPACING.s);
const SPACE = px(SPACING.m);
const SPACE_L = px(SPACING.l);
const SPACE_XL = px(SPACING.xl);
const FONT_S = px(FONT_SIZES.s);
const FONT_M = px(FONT_SIZES.m);
const FONT_L = px(FONT_SIZES.l);
const FONT_XL = px(FONT_SIZES.xl);
/** The frame's width: the usual 600 px of e-mail layouts, narrower on a phone. */
const WIDTH = 600;

function MailDocument({ content, frame, lang }: { content: MailContent; frame: Messages['mail']; lang: Lang }) {
  const paragraph = `${FONT} margin: 0 0 ${SPACE}; font-size: ${FONT_M}; line-height: 1.5; color: ${TEXT};`;
  const smallText = `${FONT} font-size: ${FONT_S}; line-height: 1.5; color: ${MUTED};`;
  const small = `${smallText} margin: 0 0 ${SPACE};`;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{content.subject}</title>
      </head>
      <body style={`margin: 0; padding: 0; background: ${PANEL};`}>
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style={`background: ${PANEL};`}>
          <tr>
            <td align="center" style={`padding: ${SPACE_L} ${SPACE_S};`}>
              <table
                role="presentation"
                width={WIDTH}
                cellpadding="0"
                cellspacing="0"
                style={`width: 100%; max-width: ${WIDTH}px; background: ${WHITE};`}
              >
                <tr>
                  <td
                    style={`${FONT} padding: ${SPACE_L} ${SPACE_XL}; background: ${RED}; color: ${WHITE}; font-size: ${FONT_L}; font-weight: bold;`}
                  >
                    {frame.portalName}
                  </td>
                </tr>
                <tr>
                  <td style={`padding: ${SPACE_XL};`}>
                    <h1
                      style={`${FONT} margin: 0 0 ${SPACE_L}; font-size: ${FONT_XL}; line-height: 1.3; color: ${TEXT};`}
                    >
                      {content.title}
                    </h1>
                    {content.body.map((block) =>
                      typeof block === 'string' ? (
                        <p style={paragraph}>{block}</p>
                      ) : (
                        <ul style={`${paragraph} padding-left: ${SPACE_L};`}>
                          {block.items.map((item) => (
                            <li>{item}</li>
                          ))}
                        </ul>
                      ),
                    )}
                    {content.action ? (
                      <>
                        <p style={`margin: ${SPACE_L} 0;`}>
                          <a
                            href={content.action.url}
                            style={`${FONT} display: inline-block; padding: ${SPACE_S} ${SPACE_L}; background: ${RED}; color: ${WHITE}; font-size: ${FONT_M}; line-height: 1.5; font-weight: bold; text-decoration: none;`}
                          >
                            {content.action.label}
                          </a>
                        </p>
                        <p style={small}>
                          {frame.linkFallback}
                          <br />
                          <a href={content.action.url} style={`color: ${LINK}; word-break: break-all;`}>
                            {content.action.url}
                          </a>
                        </p>
                      </>
                    ) : null}
                    {(content.footnotes ?? []).map((footnote) => (
                      <p style={small}>{footnote}</p>
                    ))}
                  </td>
                </tr>
                <tr>
                  <td
                    style={`padding: ${SPACE_L} ${SPACE_XL}; background: ${PANEL}; border-top: ${SPACE_XS} solid ${RED};`}
                  >
                    <p style={small}>
                      {frame.helpIntro}{' '}
                      <a href={`mailto:${frame.contactEmail}`} style={`color: ${LINK};`}>
                        {frame.contactEmail}
                      </a>
                      {' | '}
                      <a href={`tel:${frame.contactPhoneHref}`} style={`color: ${LINK}; white-space: nowrap;`}>
                        {frame.contactPhone}
                      </a>
                    </p>
                    <p style={small}>{frame.doNotReply}</p>
                    <p style={`${smallText} margin: 0;`}>{frame.government}</p>
                  </td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  );
}
