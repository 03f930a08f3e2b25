/** MConnect identities linked to accounts, written straight into the database; each test builds its own. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';

export interface FederatedIdentityOverrides {
  readonly accountId: string;
  readonly issuer: string;
  /** The identity's `sub` at the provider; a random one by default. */
  readonly subject?: string;
}

export async function buildFederatedIdentity(db: Kysely<Database>, overrides: FederatedIdentityOverrides) {
  return db
    .insertInto('federated_identity')
    .values({
      account_id: overrides.accountId,
      issuer: overrides.issuer,
      subject: overrides.subject ?? `sujet-${randomBytes(6).toString('hex')}`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
