/**
 * What other features attach to an account, told through hooks they register at start-up
 * (src/app.ts), so the accounts feature reads none of their tables (ADR 0007). Closing an account
 * asks each feature how many of its items are still under way (closing then waits) and lets it
 * delete what it keeps for the account in the closing transaction; "Télécharger mes données" adds
 * each feature's part under its own key; "Mon profil" shows the sections features give it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { ComponentChild } from 'preact';
import type { Database } from '../../db/database.ts';

export interface AccountHooks {
  /** A name for the feature registering (for messages, never shown to users). */
  readonly name: string;
  /** How many of the account's items are under way (a dossier, a payment): closing waits for them. */
  readonly countInProgress?: (db: Kysely<Database>, accountId: string) => Promise<number>;
  /** Deletes what the feature keeps for the account, inside the transaction that closes it. */
  readonly onClose?: (trx: Transaction<Database>, accountId: string) => Promise<void>;
  /** The feature's part of the account's data download, keyed by what the file calls it. */
  readonly exportData?: (db: Kysely<Database>, accountId: string) => Promise<Readonly<Record<string, unknown>>>;
  /** Whether names and date of birth are vouched for by the feature (then read-only in "Mon profil"). */
  readonly identityLocked?: (db: Kysely<Database>, accountId: string) => Promise<boolean>;
  /** A section of "Mon profil", rendered after the password's; null to show none. */
  readonly profileSection?: (db: Kysely<Database>, accountId: string) => Promise<ComponentChild | null>;
}

/** The hooks registered for this app: one registry per app, filled before it is ready. */
export class AccountHookRegistry {
  readonly #hooks: AccountHooks[] = [];

  register(hooks: AccountHooks): void {
    if (this.#hooks.some((h) => h.name === hooks.name))
      throw new Error(`Account hooks "${hooks.name}" registered twice`);
    this.#hooks.push(hooks);
  }

  async countInProgress(db: Kysely<Database>, accountId: string): Promise<number> {
    let total = 0;
    for (const hooks of this.#hooks) total += (await hooks.countInProgress?.(db, accountId)) ?? 0;
    return total;
  }

  async onClose(trx: Transaction<Database>, accountId: string): Promise<void> {
    for (const hooks of this.#hooks) await hooks.onClose?.(trx, accountId);
  }

  async exportData(db: Kysely<Database>, accountId: string): Promise<Record<string, unknown>> {
    const data: Record<string, unknown> = {};
    for (const hooks of this.#hooks) Object.assign(data, await hooks.exportData?.(db, accountId));
    return data;
  }

  async identityLocked(db: Kysely<Database>, accountId: string): Promise<boolean> {
    for (const hooks of this.#hooks) if (await hooks.identityLocked?.(db, accountId)) return true;
    return false;
  }

  async profileSections(db: Kysely<Database>, accountId: string): Promise<ComponentChild[]> {
    const sections: ComponentChild[] = [];
    for (const hooks of this.#hooks) {
      const section = await hooks.profileSection?.(db, accountId);
      if (section !== null && section !== undefined) sections.push(section);
    }
    return sections;
  }
}
