import type { Client } from 'pg'

/**
 * Grows a seeded demo catalogue to `total` products by copying the demo products in bulk SQL, row
 * for row as Payload writes them: the product (`products`), its arrays (`products_options`,
 * `products_variants`, `products_variants_selections`), hasMany texts and relationships
 * (`products_texts`, `products_rels`) and its latest version with the same children. Each copy gets
 * its own title, slug, SKUs (`-<n>` appended), a price moved by up to 49 whole units and its own
 * creation time, so sorting and filtering have something to work on. Array row ids are fresh
 * 24-hex-digit ids like the ones Payload generates. Drafts stay drafts. A few seconds per 100,000.
 */
export const growCatalogue = async (client: Client, total: number): Promise<number> => {
  const { rows } = await client.query<{ count: string }>('select count(*)::text as count from products')
  const existing = Number(rows[0]?.count ?? 0)
  const copies = total - existing
  if (copies <= 0) return 0
  const { rows: copied } = await client.query<{ count: string }>(`select count(*)::text as count from products where slug ~ '-copy-[0-9]+$'`)
  const offset = Number(copied[0]?.count ?? 0)
  await client.query('begin')
  try {
    await client.query(`
      create temp table clone_map on commit drop as
      with source as (
        select id, row_number() over (order by id) - 1 as k from products where slug !~ '-copy-[0-9]+$'
      ), size as (select count(*) as c from source)
      select nextval('products_id_seq')::int as new_id, s.id as src_id, g as n
      from generate_series(${offset + 1}, ${offset + copies}) g cross join size join source s on s.k = (g - 1) % size.c`)
    await client.query(`
      insert into products (id, title, slug, sku, featured, description, price, compare_at_price, currency, stock,
        seo_title, seo_description, updated_at, created_at, _status, description_text)
      select m.new_id, p.title || ' ' || m.n, p.slug || '-copy-' || m.n, p.sku || '-' || m.n, false, p.description,
        p.price + (m.n % 50) * 100, case when p.compare_at_price is null then null else p.compare_at_price + (m.n % 50) * 100 end,
        p.currency, p.stock, p.seo_title, p.seo_description,
        p.updated_at - m.n * interval '1 second', p.created_at - m.n * interval '1 second', p._status, p.description_text
      from clone_map m join products p on p.id = m.src_id`)
    await client.query(`
      insert into products_texts ("order", parent_id, path, text)
      select t."order", m.new_id, t.path, t.text from clone_map m join products_texts t on t.parent_id = m.src_id`)
    await client.query(`
      insert into products_rels ("order", parent_id, path, media_id, categories_id)
      select r."order", m.new_id, r.path, r.media_id, r.categories_id from clone_map m join products_rels r on r.parent_id = m.src_id`)
    await client.query(`
      insert into products_options (_order, _parent_id, id, name)
      select o._order, m.new_id, substr(md5(m.new_id || ':o:' || o.id), 1, 24), o.name
      from clone_map m join products_options o on o._parent_id = m.src_id`)
    await client.query(`
      create temp table variant_map on commit drop as
      select v.id as old_id, substr(md5(m.new_id || ':v:' || v.id), 1, 24) as new_id, m.new_id as parent, m.n
      from clone_map m join products_variants v on v._parent_id = m.src_id`)
    await client.query(`
      insert into products_variants (_order, _parent_id, id, sku, stock, price, image_id)
      select v._order, vm.parent, vm.new_id, v.sku || '-' || vm.n, v.stock, v.price, v.image_id
      from variant_map vm join products_variants v on v.id = vm.old_id`)
    await client.query(`
      insert into products_variants_selections (_order, _parent_id, id, option, value)
      select s._order, vm.new_id, substr(md5(vm.new_id || ':s:' || s.id), 1, 24), s.option, s.value
      from variant_map vm join products_variants_selections s on s._parent_id = vm.old_id`)
    await copyVersions(client)
    await client.query('commit')
  } catch (error) {
    await client.query('rollback')
    throw new Error(`Could not grow the catalogue to ${total} products`, { cause: error })
  }
  return copies
}

/** The latest version of every copy, with its children, as Payload keeps it beside the live row. */
const copyVersions = async (client: Client): Promise<void> => {
  await client.query(`
    create temp table version_map on commit drop as
    select nextval('_products_v_id_seq')::int as version_id, m.new_id from clone_map m`)
  await client.query(`
    insert into _products_v (id, parent_id, version_title, version_slug, version_sku, version_featured, version_description,
      version_price, version_compare_at_price, version_currency, version_stock, version_seo_title, version_seo_description,
      version_updated_at, version_created_at, version__status, created_at, updated_at, latest, version_description_text)
    select vm.version_id, p.id, p.title, p.slug, p.sku, p.featured, p.description, p.price, p.compare_at_price,
      p.currency::text::enum__products_v_version_currency, p.stock, p.seo_title, p.seo_description, p.updated_at, p.created_at,
      p._status::text::enum__products_v_version_status, p.updated_at, p.updated_at, true, p.description_text
    from version_map vm join products p on p.id = vm.new_id`)
  await client.query(`
    insert into _products_v_texts ("order", parent_id, path, text)
    select t."order", vm.version_id, 'version.' || t.path, t.text from version_map vm join products_texts t on t.parent_id = vm.new_id`)
  await client.query(`
    insert into _products_v_rels ("order", parent_id, path, media_id, categories_id)
    select r."order", vm.version_id, 'version.' || r.path, r.media_id, r.categories_id
    from version_map vm join products_rels r on r.parent_id = vm.new_id`)
  await client.query(`
    insert into _products_v_version_options (_order, _parent_id, name, _uuid)
    select o._order, vm.version_id, o.name, o.id from version_map vm join products_options o on o._parent_id = vm.new_id`)
  await client.query(`
    insert into _products_v_version_variants (_order, _parent_id, sku, stock, price, _uuid, image_id)
    select v._order, vm.version_id, v.sku, v.stock, v.price, v.id, v.image_id
    from version_map vm join products_variants v on v._parent_id = vm.new_id`)
  await client.query(`
    insert into _products_v_version_variants_selections (_order, _parent_id, option, value, _uuid)
    select s._order, vv.id, s.option, s.value, s.id
    from version_map vm join _products_v_version_variants vv on vv._parent_id = vm.version_id
    join products_variants_selections s on s._parent_id = vv._uuid`)
}
