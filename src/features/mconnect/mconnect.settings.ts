/** The MConnect client of the portal, built from the configuration (null when MConnect is off). */
import type { Config } from '../../config.ts';
import { MconnectClient, type MconnectSettings } from './mconnect.client.ts';
import { withoutUndefined } from '../../lib/objects.ts';

/** The client settings the configuration gives for the provider at `issuer`. */
export function mconnectSettingsFrom(config: Config, issuer: string): MconnectSettings {
  const c = config.mconnect;
  return {
    issuer,
    clientId: c.clientId,
    clientAuth: c.clientAuthMethod,
    clientSecret: c.clientSecret,
    privateKeyJwk: c.clientPrivateKey && withoutUndefined(c.clientPrivateKey),
    redirectUri: c.redirectUri,
    postLogoutRedirectUri: c.postLogoutRedirectUri,
    scopes: c.scopes,
    acrLevels: c.acrLevels,
    minimumAcr: c.minimumAcr,
    idTokenAlg: c.idTokenAlg,
    userinfoAlg: c.userinfoSigned ? c.idTokenAlg : undefined,
    timeoutMs: c.timeoutMs,
    // Plain http only to a provider on this machine outside production (the stand-in).
    allowHttp: config.env !== 'production' && /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(issuer),
  };
}

export function mconnectClientFrom(config: Config): MconnectClient | null {
  return config.mconnect.issuer ? new MconnectClient(mconnectSettingsFrom(config, config.mconnect.issuer)) : null;
}
