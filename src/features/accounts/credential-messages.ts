/** The message of each identifier and password reason code, in the page's language. */
import type { Messages } from '../../i18n/index.ts';
import {
  MAX_IDENTIFIER_LENGTH,
  MAX_PASSWORD_LENGTH,
  MIN_IDENTIFIER_LENGTH,
  MIN_PASSWORD_LENGTH,
  type IdentifierReason,
  type PasswordReason,
} from './credentials.ts';

export function identifierMessage(m: Messages, reason: IdentifierReason | 'unavailable'): string {
  const e = m.credentials.identifier.errors;
  switch (reason) {
    case 'required':
      return e.required;
    case 'too_short':
      return e.tooShort(MIN_IDENTIFIER_LENGTH);
    case 'too_long':
      return e.tooLong(MAX_IDENTIFIER_LENGTH);
    case 'invalid_characters':
      return e.invalidCharacters;
    case 'looks_like_email':
      return e.looksLikeEmail;
    case 'unavailable':
      return e.unavailable;
  }
}

export function passwordMessage(m: Messages, reason: PasswordReason): string {
  const e = m.credentials.password.errors;
  switch (reason) {
    case 'required':
      return e.required;
    case 'too_short':
      return e.tooShort(MIN_PASSWORD_LENGTH);
    case 'too_long':
      return e.tooLong(MAX_PASSWORD_LENGTH);
    case 'common':
      return e.common;
    case 'contains_identifier':
      return e.containsIdentifier;
    case 'contains_email':
      return e.containsEmail;
    case 'contains_name':
      return e.containsName;
  }
}
