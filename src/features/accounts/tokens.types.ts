/** What a single-use e-mail link is for. */
export type TokenPurpose = 'email_verification' | 'password_reset' | 'email_change';
