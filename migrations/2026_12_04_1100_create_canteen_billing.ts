/**
 * Canteen billing: school years, pupils of an establishment, their guardians (from the roll, later
 * linked to an account), tariffs with validity dates, meals eaten, and the monthly invoices with
 * their lines and a gap-free counter per creditor and year.
 *
 * Money is integer cents. A published invoice and its lines are frozen by triggers: only the
 * payment columns (`status`, `paid_cents`) of an invoice may still move (ADR 0009).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('school_year')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('starts_on', 'date', (col) => col.notNull())
    .addColumn('ends_on', 'date', (col) => col.notNull())
    .addCheckConstraint('school_year_id_format', sql`id ~ '^[0-9]{4}-[0-9]{4}$'`)
    .addCheckConstraint('school_year_dates', sql`ends_on > starts_on`)
    .execute();

  await db.schema
    .createTable('pupil')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('establishment_id', 'integer', (col) =>
      col.notNull().references('establishment.id').onDelete('restrict'),
    )
    .addColumn('pupil_ref', 'text', (col) => col.notNull())
    .addColumn('school_year_id', 'text', (col) => col.notNull().references('school_year.id').onDelete('restrict'))
    .addColumn('last_name', 'text', (col) => col.notNull())
    .addColumn('first_name', 'text', (col) => col.notNull())
    .addColumn('birth_date', 'date', (col) => col.notNull())
    .addColumn('class_name', 'text', (col) => col.notNull())
    .addColumn('link_code', 'text', (col) => col.notNull().unique())
    .addColumn('left_on', 'date')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('pupil_ref_per_establishment', ['establishment_id', 'pupil_ref'])
    .addCheckConstraint('pupil_ref_format', sql`pupil_ref ~ '^[A-Za-z0-9._-]{1,40}$'`)
    .execute();

  await db.schema
    .createTable('guardian_link')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('pupil_id', 'uuid', (col) => col.notNull().references('pupil.id').onDelete('cascade'))
    .addColumn('position', 'smallint', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('email_key', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('share_percent', 'smallint', (col) => col.notNull())
    .addColumn('account_id', 'uuid', (col) => col.references('account.id').onDelete('set null'))
    .addColumn('linked_at', 'timestamptz')
    .addUniqueConstraint('guardian_link_position', ['pupil_id', 'position'])
    .addUniqueConstraint('guardian_link_email', ['pupil_id', 'email_key'])
    .addCheckConstraint('guardian_link_position_range', sql`position in (1, 2)`)
    .addCheckConstraint('guardian_link_email_key', sql`email_key = lower(email)`)
    .addCheckConstraint(
      'guardian_link_role_share',
      sql`(role = 'payer' and share_percent between 1 and 100) or (role = 'viewer' and share_percent = 0)`,
    )
    .execute();
  await db.schema.createIndex('guardian_link_email_idx').on('guardian_link').column('email_key').execute();
  await db.schema.createIndex('guardian_link_account_idx').on('guardian_link').column('account_id').execute();

  await db.schema
    .createTable('tariff')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('establishment_id', 'integer', (col) =>
      col.notNull().references('establishment.id').onDelete('restrict'),
    )
    .addColumn('valid_from', 'date', (col) => col.notNull())
    .addColumn('unit_price_cents', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('tariff_from_per_establishment', ['establishment_id', 'valid_from'])
    .addCheckConstraint('tariff_price_range', sql`unit_price_cents between 0 and 100000`)
    .execute();

  await db.schema
    .createTable('meal')
    .addColumn('pupil_id', 'uuid', (col) => col.notNull().references('pupil.id').onDelete('cascade'))
    .addColumn('eaten_on', 'date', (col) => col.notNull())
    .addColumn('quantity', 'smallint', (col) => col.notNull())
    .addPrimaryKeyConstraint('meal_pk', ['pupil_id', 'eaten_on'])
    .addCheckConstraint('meal_quantity_range', sql`quantity between 1 and 3`)
    .addCheckConstraint('meal_weekday', sql`extract(isodow from eaten_on) between 1 and 5`)
    .execute();

  await db.schema
    .createTable('invoice_counter')
    .addColumn('creditor_id', 'integer', (col) => col.notNull().references('creditor.id').onDelete('restrict'))
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('last_number', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('invoice_counter_pk', ['creditor_id', 'year'])
    .addCheckConstraint('invoice_counter_positive', sql`last_number >= 1`)
    .execute();

  await db.schema
    .createTable('invoice')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('creditor_id', 'integer', (col) => col.notNull().references('creditor.id').onDelete('restrict'))
    .addColumn('establishment_id', 'integer', (col) =>
      col.notNull().references('establishment.id').onDelete('restrict'),
    )
    .addColumn('month', 'text', (col) => col.notNull())
    .addColumn('payer_email', 'text', (col) => col.notNull())
    .addColumn('payer_email_key', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('draft'))
    .addColumn('total_cents', 'integer', (col) => col.notNull())
    .addColumn('net_cents', 'integer', (col) => col.notNull())
    .addColumn('vat_cents', 'integer', (col) => col.notNull())
    .addColumn('vat_rate_basis_points', 'integer', (col) => col.notNull())
    .addColumn('paid_cents', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('year', 'integer')
    .addColumn('sequence', 'integer')
    .addColumn('number', 'text', (col) => col.unique())
    .addColumn('payment_reference', 'text', (col) => col.unique())
    .addColumn('issued_on', 'date')
    .addColumn('online_deadline', 'date')
    .addColumn('due_date', 'date')
    .addColumn('published_at', 'timestamptz')
    .addColumn('dossier_id', 'uuid', (col) => col.references('dossier.id').onDelete('restrict'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('invoice_sequence_per_creditor_year', ['creditor_id', 'year', 'sequence'])
    .addCheckConstraint('invoice_month_format', sql`month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
    .addCheckConstraint('invoice_email_key', sql`payer_email_key = lower(payer_email)`)
    .addCheckConstraint(
      'invoice_status',
      sql`status in ('draft', 'to_pay', 'partially_paid', 'paid', 'cancelled')`,
    )
    .addCheckConstraint(
      'invoice_amounts',
      sql`total_cents >= 0 and net_cents >= 0 and vat_cents >= 0 and paid_cents >= 0 and paid_cents <= total_cents and net_cents + vat_cents = total_cents`,
    )
    .addCheckConstraint('invoice_vat_rate_range', sql`vat_rate_basis_points between 0 and 10000`)
    .addCheckConstraint(
      'invoice_published_fields',
      sql`(status = 'draft') = (number is null)
        and (status = 'draft') = (payment_reference is null)
        and (status = 'draft') = (issued_on is null)
        and (status = 'draft') = (published_at is null)
        and (status = 'draft') = (year is null)
        and (status = 'draft') = (sequence is null)
        and (status = 'draft' or (online_deadline is not null and due_date is not null and online_deadline <= due_date and issued_on <= online_deadline))`,
    )
    .addCheckConstraint(
      'invoice_paid_matches_status',
      sql`status in ('draft', 'cancelled')
        or (status = 'to_pay' and paid_cents = 0)
        or (status = 'partially_paid' and paid_cents > 0 and paid_cents < total_cents)
        or (status = 'paid' and paid_cents = total_cents)`,
    )
    .execute();
  // One live invoice per payer, establishment and month: a draft, or the bill it became.
  await sql`create unique index invoice_one_per_payer_month on invoice (establishment_id, month, payer_email_key) where status <> 'cancelled'`.execute(
    db,
  );
  await db.schema.createIndex('invoice_payer_idx').on('invoice').column('payer_email_key').execute();

  await db.schema
    .createTable('invoice_line')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('invoice_id', 'uuid', (col) => col.notNull().references('invoice.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('pupil_id', 'uuid', (col) => col.notNull().references('pupil.id').onDelete('restrict'))
    .addColumn('pupil_name', 'text', (col) => col.notNull())
    .addColumn('period_start', 'date', (col) => col.notNull())
    .addColumn('period_end', 'date', (col) => col.notNull())
    .addColumn('quantity', 'integer', (col) => col.notNull())
    .addColumn('unit_price_cents', 'integer', (col) => col.notNull())
    .addColumn('share_percent', 'smallint', (col) => col.notNull())
    .addColumn('total_cents', 'integer', (col) => col.notNull())
    .addUniqueConstraint('invoice_line_position', ['invoice_id', 'position'])
    .addCheckConstraint('invoice_line_period', sql`period_end >= period_start`)
    .addCheckConstraint(
      'invoice_line_amounts',
      sql`quantity > 0 and unit_price_cents >= 0 and share_percent between 1 and 100 and total_cents >= 0 and total_cents <= quantity * unit_price_cents`,
    )
    .execute();

  // Issued bills never change: only the payment path may move `status` and `paid_cents`.
  await sql`
    create function invoice_frozen_once_published() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.status <> 'draft' then
          raise exception 'invoice % is published and cannot be deleted', old.number using errcode = 'check_violation';
        end if;
        return old;
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
  await sql`
    create trigger invoice_frozen before update or delete on invoice
    for each row execute function invoice_frozen_once_published()`.execute(db);

  await sql`
    create function invoice_line_frozen_once_published() returns trigger language plpgsql as $$
    declare
      parent_status text;
    begin
      select status into parent_status from invoice
        where id = case when tg_op = 'DELETE' then old.invoice_id else new.invoice_id end;
      if parent_status is not null and parent_status <> 'draft' then
        raise exception 'the lines of a published invoice cannot change' using errcode = 'check_violation';
      end if;
      if tg_op = 'UPDATE' and old.invoice_id <> new.invoice_id then
        select status into parent_status from invoice where id = old.invoice_id;
        if parent_status is not null and parent_status <> 'draft' then
          raise exception 'the lines of a published invoice cannot change' using errcode = 'check_violation';
        end if;
      end if;
      if tg_op = 'DELETE' then return old; end if;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger invoice_line_frozen before insert or update or delete on invoice_line
    for each row execute function invoice_line_frozen_once_published()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invoice_line').execute();
  await db.schema.dropTable('invoice').execute();
  await db.schema.dropTable('invoice_counter').execute();
  await db.schema.dropTable('meal').execute();
  await db.schema.dropTable('tariff').execute();
  await db.schema.dropTable('guardian_link').execute();
  await db.schema.dropTable('pupil').execute();
  await db.schema.dropTable('school_year').execute();
  await sql`drop function invoice_line_frozen_once_published()`.execute(db);
  await sql`drop function invoice_frozen_once_published()`.execute(db);
}
