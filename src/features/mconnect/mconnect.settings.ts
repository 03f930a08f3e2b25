/** The MConnect client of the portal, built from the configuration (null when MConnect is off). */
import type { Config } from '../../config.ts';
import { MconnectClient } from './mconnect.client.ts';

export function mconnectClientFrom(config: Config): MconnectClient | null {
  const c = config.mconnect;
  if (!c.issuer) return null;
  return new MconnectClient({
    issuer: c.issuer,
    clientId: c.clientId,
    clientAuth: c.clientAuthMethod,
    clientSecret: c.clientSecret,
    redirectUri: c.redirectUri,
    postLogoutRedirectUri: c.postLogoutRedirectUri,
    scopes: c.scopes,
    acrLevels: c.acrLevels,
    minimumAcr: c.minimumAcr,
    idTokenAlg: c.idTokenAlg,
    userinfoAlg: c.userinfoSigned ? c.idTokenAlg : undefined,
    timeoutMs: c.timeoutMs,
    // Plain http only to a provider on this machine outside production (the stand-in).
    allowHttp: config.env !== 'production' && /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(c.issuer),
  });
}
