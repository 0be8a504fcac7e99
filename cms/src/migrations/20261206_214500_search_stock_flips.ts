import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * The search row's `in_stock` is "some stock > 0", so it changes only when a level crosses zero. The
 * stock triggers fired on every stock change, and a checkout's takes the hot product's row lock first:
 * each order rewrote that product's search row (0.7 ms, and another row every checkout queued on) while
 * every other buyer of the product waited. Now they fire only when a level moves across zero.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
DROP TRIGGER IF EXISTS "product_search_product_stock" ON "products";
DROP TRIGGER IF EXISTS "product_search_variant_stock" ON "products_variants";
CREATE TRIGGER "product_search_product_stock" AFTER UPDATE OF "stock" ON "products"
  FOR EACH ROW WHEN ((OLD."stock" > 0) IS DISTINCT FROM (NEW."stock" > 0)) EXECUTE FUNCTION "product_search_stock_changed"('id');
CREATE TRIGGER "product_search_variant_stock" AFTER UPDATE OF "stock" ON "products_variants"
  FOR EACH ROW WHEN ((OLD."stock" > 0) IS DISTINCT FROM (NEW."stock" > 0)) EXECUTE FUNCTION "product_search_stock_changed"('_parent_id');
`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
DROP TRIGGER IF EXISTS "product_search_product_stock" ON "products";
DROP TRIGGER IF EXISTS "product_search_variant_stock" ON "products_variants";
CREATE TRIGGER "product_search_product_stock" AFTER UPDATE OF "stock" ON "products"
  FOR EACH ROW WHEN (OLD."stock" IS DISTINCT FROM NEW."stock") EXECUTE FUNCTION "product_search_stock_changed"('id');
CREATE TRIGGER "product_search_variant_stock" AFTER UPDATE OF "stock" ON "products_variants"
  FOR EACH ROW WHEN (OLD."stock" IS DISTINCT FROM NEW."stock") EXECUTE FUNCTION "product_search_stock_changed"('_parent_id');
`)
}
