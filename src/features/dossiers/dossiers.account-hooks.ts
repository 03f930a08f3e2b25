/**
 * What "Mes démarches" attaches to an account, told to the accounts feature through its hooks:
 * an account with a dossier under way (a payment may be waiting for its answer) cannot be closed
 * yet, and the data download carries every dossier with its timeline. Closing keeps the dossiers
 * (they must be kept; they point at the anonymised account).
 */
import type { AccountHooks } from '../accounts/accounts.service.ts';
import { findDossier, listDossiers } from './dossiers.service.ts';
import * as repository from './dossiers.repository.ts';

export const dossierAccountHooks: AccountHooks = {
  name: 'dossiers',
  countInProgress: (db, accountId) => repository.countInProgress(db, accountId),
  exportData: async (db, accountId) => {
    const dossiers = await listDossiers(db, accountId);
    const timelines = await Promise.all(dossiers.map((d) => findDossier(db, accountId, d.reference)));
    return { dossiers: timelines.filter((t) => t !== undefined) };
  },
};
