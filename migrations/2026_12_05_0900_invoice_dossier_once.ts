/**
 * A bill published before its payer linked an account gets its dossier in "Mes démarches" when they
 * link: the trigger that freezes a published invoice now lets `dossier_id` go from null to a
 * dossier, once; every other column stays frozen, and a dossier once set never changes.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
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
          or (to_jsonb(new) - array['status', 'paid_cents', 'dossier_id'])
            is distinct from (to_jsonb(old) - array['status', 'paid_cents', 'dossier_id']) then
          raise exception 'invoice % is published: only its payment status may change', old.number using errcode = 'check_violation';
        end if;
      end if;
      return new;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
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
          or (to_jsonb(new) - array['status', 'paid_cents']) is distinct from (to_jsonb(old) - array['status', 'paid_cents']) then
          raise exception 'invoice % is published: only its payment status may change', old.number using errcode = 'check_violation';
        end if;
      end if;
      return new;
    end
    $$`.execute(db);
}
