/**
 * The procedure a person was starting when "Commencer" stopped them for an unverified e-mail: a
 * short-lived cookie set by the procedure's gate and read once when the address is verified in the
 * same browser, so that they are taken back to it. Only a path of this site is ever followed.
 */
export const RESUME_COOKIE = 'mg_reprendre';
/** As long as a verification link lasts. */
export const RESUME_SECONDS = 24 * 60 * 60;
