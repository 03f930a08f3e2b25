/**
 * Storage of the stand-in's provider (interactions, sessions, grants, codes, access tokens): in
 * this process's memory, one store per provider. Sessions at the stand-in therefore end with its
 * process, which is acceptable for a development stand-in: after a restart a citizen logs in again,
 * and tokens issued before still verify because the signing keys are persisted (see keys.ts).
 *
 * Written here rather than taking oidc-provider's own memory adapter, which keeps one store for
 * every provider of the process (tests start several) and warns on every start.
 */
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

/** Models whose records are revoked together when their grant is. */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

interface Entry {
  readonly payload: AdapterPayload;
  readonly expiresAt: number;
}

/** A factory of adapters sharing one store; records live `expiresIn` plus `graceSeconds`. */
export function memoryAdapterFactory(graceSeconds: number): AdapterFactory {
  const records = new Map<string, Entry>();
  const sessionByUid = new Map<string, string>();
  const byGrant = new Map<string, Set<string>>();
  let writes = 0;

  const live = (key: string): AdapterPayload | undefined => {
    const entry = records.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      records.delete(key);
      return undefined;
    }
    return entry.payload;
  };

  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of records) if (entry.expiresAt <= now) records.delete(key);
    for (const [uid, id] of sessionByUid) if (!records.has(`Session:${id}`)) sessionByUid.delete(uid);
    for (const [grantId, keys] of byGrant) {
      for (const key of keys) if (!records.has(key)) keys.delete(key);
      if (keys.size === 0) byGrant.delete(grantId);
    }
  };

  return (model: string): Adapter => {
    const keyOf = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        const key = keyOf(id);
        const lifetime = typeof expiresIn === 'number' ? (expiresIn + graceSeconds) * 1000 : Number.POSITIVE_INFINITY;
        records.set(key, { payload, expiresAt: Date.now() + lifetime });
        if (model === 'Session' && typeof payload.uid === 'string') sessionByUid.set(payload.uid, id);
        if (GRANTABLE.has(model) && typeof payload.grantId === 'string') {
          const keys = byGrant.get(payload.grantId) ?? new Set<string>();
          keys.add(key);
          byGrant.set(payload.grantId, keys);
        }
        writes += 1;
        if (writes % 200 === 0) sweep();
      },
      async find(id) {
        return live(keyOf(id));
      },
      async findByUid(uid) {
        const id = sessionByUid.get(uid);
        return id === undefined ? undefined : live(keyOf(id));
      },
      async findByUserCode() {
        return undefined;
      },
      async consume(id) {
        const payload = live(keyOf(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        records.delete(keyOf(id));
      },
      async revokeByGrantId(grantId) {
        for (const key of byGrant.get(grantId) ?? []) records.delete(key);
        byGrant.delete(grantId);
      },
    };
  };
}
