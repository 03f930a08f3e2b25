/** Small helpers the MConnect pages share: a title with the error prefix, a person's full name. */
import type { FieldErrors } from '../../../ui/forms.tsx';
import type { IdentityClaims } from '../mconnect.client.ts';

export function titleOf(prefix: string, title: string, errors: FieldErrors): string {
  return Object.keys(errors).length > 0 ? `${prefix}${title}` : title;
}

export function fullName(claims: IdentityClaims): string {
  return [claims.givenName, claims.familyName].filter(Boolean).join(' ');
}
