/**
 * A bill's payment (its `status` and `paid_cents`) changes no indexed column, so PostgreSQL can
 * write it as a heap-only tuple: no new entry in any of the invoice's six indexes. Until now the
 * one-bill-per-payer-and-month index was partial on `status <> 'cancelled'`, and a column of an
 * index's predicate counts as indexed: every payment added an entry to each index. The predicate
 * now reads `in_force`, a stored column the database computes from `status` (false once
 * cancelled), which a payment leaves as it is. The fill factor keeps a fifth of each page free for
 * the next versions of its rows (the rewrite that adds the column applies it to every page).
 *
 * The trigger that freezes a published bill compares whole rows: it leaves `in_force` out, as it
 * follows `status` (and a BEFORE trigger sees it as null: it is computed after).
 */
import { sql, type Kysely } from 'kysely';

function frozenTrigger(ignored: string) {
  return sql.raw(`
    create or replace function invoice_frozen_once_published() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.status <> 'draft' then
          raise exception 'invoice % is published and cannot be deleted', old.number using errcode = 'check_violation';
        end if;
        return old;
      end if;
      if old.status = 'cancelled' and new.status <> 'cancelled' then
        raise exception 'invoice % is cancelled for good', old.number using errcode = 'check_violation';
      end if;
      if old.status <> 'draft' then
        if new.status = 'draft'
          or (old.dossier_id is not null and new.dossier_id is distinct from old.dossier_id)
          or (to_jsonb(new) - array[${ignored}])
            is distinct from (to_jsonb(old) - array[${ignored}]) then
          raise exception 'invoice % is published: only its payment status may change', old.number using errcode = 'check_violation';
        end if;
      end if;
      return new;
    end
    $$`);
}

export async function up(db: Kysely<any>): Promise<void> {
  await frozenTrigger(`'status', 'paid_cents', 'dossier_id', 'in_force'`).execute(db);
  await sql`alter table invoice set (fillfactor = 80)`.execute(db);
  await sql`alter table invoice add column in_force boolean not null generated always as (status <> 'cancelled') stored`.execute(
    db,
  );
  await sql`drop index invoice_one_per_payer_month`.execute(db);
  await sql`create unique index invoice_one_per_payer_month on invoice (establishment_id, month, payer_email_key) where in_force`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index invoice_one_per_payer_month`.execute(db);
  await sql`create unique index invoice_one_per_payer_month on invoice (establishment_id, month, payer_email_key) where status <> 'cancelled'`.execute(
    db,
  );
  await sql`alter table invoice drop column in_force`.execute(db);
  await sql`alter table invoice reset (fillfactor)`.execute(db);
  await frozenTrigger(`'status', 'paid_cents', 'dossier_id'`).execute(db);
}
