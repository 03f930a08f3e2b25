/** Small shared components. Every prop named `text` is escaped; none takes raw HTML. */
import type { ComponentChildren } from 'preact';

export function Tag({ text, tone = 'neutral' }: { text: string; tone?: 'neutral' | 'online' }) {
  return <strong class={`tag tag--${tone}`}>{text}</strong>;
}

export function PageHeading({ text, lead }: { text: string; lead?: string | undefined }) {
  return (
    <>
      <h1 class="heading-xl">{text}</h1>
      {lead ? <p class="lead">{lead}</p> : null}
    </>
  );
}

/** One row of a `summary-list`: its label and its value. */
export function SummaryRow({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="summary-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** An important message at the top of a page (a note, or an input that was corrected). */
export function Notice({ children, tone = 'info' }: { children: ComponentChildren; tone?: 'info' | 'warning' }) {
  return (
    <div class={`notice notice--${tone}`} role={tone === 'warning' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
