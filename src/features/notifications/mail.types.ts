/** An e-mail ready to send: one recipient, a subject, and the same message as text and as HTML. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}
