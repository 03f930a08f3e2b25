/**
 * Demo data for the embedded default: the creditors, the schools of Monaco and the catalogue of
 * procedures. Written only into an empty database, in one transaction, never in production.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { demoCreditors, demoEstablishments } from './establishments.ts';
import { demoProcedures } from './procedures.ts';

/** True when the database holds no catalogue yet (no creditor, establishment or procedure). */
export async function isCatalogueEmpty(db: Kysely<Database>): Promise<boolean> {
  const [creditor, establishment, procedure] = await Promise.all([
    db.selectFrom('creditor').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('establishment').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('procedure').select('id').limit(1).executeTakeFirst(),
  ]);
  return !creditor && !establishment && !procedure;
}

export async function seedDemoData(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const creditors = await trx
      .insertInto('creditor')
      .values(
        demoCreditors.map((c) => ({
          slug: c.slug,
          name: c.name,
          invoice_prefix: c.invoicePrefix,
          vat_rate_basis_points: c.vatRateBasisPoints,
          online_min_cents: c.onlineMinCents,
          online_max_cents: c.onlineMaxCents,
          psp_merchant_id: c.pspMerchantId,
          address: c.address,
          registration: c.registration,
          vat_number: c.vatNumber,
        })),
      )
      .returning(['id', 'slug'])
      .execute();
    const creditorId = new Map(creditors.map((c) => [c.slug, c.id]));
    await trx
      .insertInto('establishment')
      .values(
        demoEstablishments.map((e) => {
          const id = creditorId.get(e.creditorSlug);
          if (id === undefined) throw new Error(`Demo establishment ${e.slug} names an unknown creditor`);
          return {
            slug: e.slug,
            name: e.name,
            kind: e.kind,
            address: e.address,
            has_canteen: e.hasCanteen,
            creditor_id: id,
          };
        }),
      )
      .execute();
    await trx
      .insertInto('procedure')
      .values(
        demoProcedures.map((p) => ({
          slug: p.slug,
          theme: p.theme,
          audiences: [...p.audiences],
          popularity: p.popularity,
          external_url: p.externalUrl,
          content: JSON.stringify(p.content),
        })),
      )
      .execute();
  });
}
