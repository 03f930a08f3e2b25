/**
 * What MConnect attaches to an account, told to the accounts feature through its hooks: the
 * linked identity makes names and date of birth read-only, "Mon profil" shows a section to link
 * or manage it, and closing the account deletes the link and any first login waiting for it.
 */
import type { AccountHooks } from '../accounts/accounts.service.ts';
import * as repository from './mconnect.repository.ts';
import { linkedIdentity } from './mconnect.service.ts';
import { MconnectProfileSection } from './views/profile-section.tsx';

/** `enabled`: MConnect is configured (an account already linked still sees its section when it is not). */
export function mconnectAccountHooks({ enabled }: { readonly enabled: boolean }): AccountHooks {
  return {
    name: 'mconnect',
    identityLocked: async (db, accountId) => (await linkedIdentity(db, accountId)) !== undefined,
    profileSection: async (db, accountId) => {
      const identity = await linkedIdentity(db, accountId);
      if (!enabled && !identity) return null;
      return <MconnectProfileSection linkedAt={identity?.linkedAt ?? null} />;
    },
    onClose: async (trx, accountId) => {
      await repository.deleteIdentityOfAccount(trx, accountId);
      await repository.deletePendingOfAccount(trx, accountId);
    },
  };
}
