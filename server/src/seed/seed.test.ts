// The demo data set on a fresh in-memory PGlite: its shape, the catalogue invariants the API
// relies on (three levels, one option per spec, unique option tuples), pictures on disk,
// idempotence and the bulk top-up.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type DatabaseHandle } from '../infra/db.js';
import { seedDemoData, type SeedCounts } from './index.js';

const SLOT_KEYS = [
  'index_lbt', 'index_kx', 'index_ytgg',
  'index_1f_logo', 'index_1f_pd', 'index_1f_bq', 'index_1f_ssxp', 'index_1f_cxdj', 'index_1f_sjpj',
  'index_2f_logo', 'index_2f_pd', 'index_2f_bq', 'index_2f_jjhg', 'index_2f_cxdj',
  'index_3f_logo', 'index_3f_pd', 'index_3f_bq', 'index_3f_shyp', 'index_3f_cfyp',
];

let handle: DatabaseHandle;
let mediaDir: string;
let counts: SeedCounts;

const rows = <T = any>(query: SQL): Promise<T[]> => rowsOf<T>(handle.db, query);

async function one<T = any>(query: SQL): Promise<T> {
  return (await rows<T>(query))[0]!;
}

beforeAll(async () => {
  handle = await openDatabase({});
  await handle.migrate();
  mediaDir = await mkdtemp(path.join(tmpdir(), 'meiduo-seed-'));
  counts = await seedDemoData(handle.db, { mediaDir });
}, 120_000);

afterAll(async () => {
  await handle?.close();
  if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
});

/** Invariants every SKU must keep, whether hand-written or generated. */
async function expectCatalogueInvariants() {
  // The SKU's category is its SPU's category3, and that is a third-level category.
  const misfiled = await one(sql`
    SELECT count(*)::int AS n FROM tb_sku s
    JOIN tb_goods g ON g.id = s.goods_id
    JOIN tb_goods_category c3 ON c3.id = s.category_id
    LEFT JOIN tb_goods_category c2 ON c2.id = c3.parent_id
    LEFT JOIN tb_goods_category c1 ON c1.id = c2.parent_id
    WHERE s.category_id <> g.category3_id OR c1.id IS NULL OR c1.parent_id IS NOT NULL
      OR g.category2_id <> c2.id OR g.category1_id <> c1.id`);
  expect(misfiled.n).toBe(0);
  // Exactly one option per spec of the SKU's own SPU, and the option belongs to that spec.
  const badSpecs = await one(sql`
    SELECT count(*)::int AS n FROM tb_sku s
    WHERE (SELECT count(*) FROM tb_goods_specification gs WHERE gs.goods_id = s.goods_id)
       <> (SELECT count(*) FROM tb_sku_specification ss
           JOIN tb_goods_specification gs ON gs.id = ss.spec_id AND gs.goods_id = s.goods_id
           JOIN tb_specification_option o ON o.id = ss.option_id AND o.spec_id = ss.spec_id
           WHERE ss.sku_id = s.id)
       OR (SELECT count(*) FROM tb_sku_specification ss WHERE ss.sku_id = s.id) = 0`);
  expect(badSpecs.n).toBe(0);
  // No two SKUs of one SPU share an option tuple (the detail page keys SKUs by it).
  const duplicates = await rows(sql`
    SELECT s.goods_id, string_agg(ss.option_id::text, ',' ORDER BY ss.spec_id) AS tuple
    FROM tb_sku s JOIN tb_sku_specification ss ON ss.sku_id = s.id
    GROUP BY s.id, s.goods_id`);
  const tuples = new Set(duplicates.map((row) => `${row.goods_id}:${row.tuple}`));
  expect(tuples.size).toBe(duplicates.length);
  const prices = await one(sql`
    SELECT count(*) FILTER (WHERE NOT (price < market_price AND cost_price < price AND price > 0))::int AS bad,
           count(*) FILTER (WHERE stock < 0 OR stock > 500)::int AS bad_stock,
           count(*) FILTER (WHERE search_vector IS NOT NULL)::int AS indexed
    FROM tb_sku`);
  expect(prices).toEqual({ bad: 0, bad_stock: 0, indexed: 0 });
}

async function expectFilesExist(relativePaths: string[]) {
  for (const relative of new Set(relativePaths)) {
    expect(relative).not.toMatch(/^\/|^https?:/);
    const file = await stat(path.join(mediaDir, relative));
    expect(file.size).toBeGreaterThan(100);
    expect(file.size).toBeLessThan(2500);
  }
}

describe('seedDemoData', () => {
  it('loads every area of China with 6-digit codes and parents', async () => {
    expect(counts.areas).toBeGreaterThanOrEqual(3000);
    const provinces = await rows(sql`SELECT id, name FROM tb_areas WHERE parent_id IS NULL ORDER BY id`);
    expect(provinces.length).toBe(34);
    expect(provinces[0]).toEqual({ id: 110000, name: '北京市' });
    const chain = await rows(sql`SELECT id, parent_id FROM tb_areas WHERE id IN (110101, 110100, 110000) ORDER BY id DESC`);
    expect(chain).toEqual([
      { id: 110101, parent_id: 110100 },
      { id: 110100, parent_id: 110000 },
      { id: 110000, parent_id: null },
    ]);
    const guangzhou = await one(sql`SELECT count(*)::int AS n FROM tb_areas WHERE parent_id = 440100`);
    expect(guangzhou.n).toBeGreaterThan(5);
  });

  it('has 37 channels in 11 groups, each on a top-level category', async () => {
    expect(counts.channels).toBe(37);
    const groups = await rows(sql`SELECT group_id, count(*)::int AS n, array_agg(sequence ORDER BY sequence) AS seq FROM tb_goods_channel GROUP BY group_id`);
    expect(groups.length).toBe(11);
    for (const group of groups) expect(group.seq).toEqual(Array.from({ length: group.n }, (_, i) => i + 1));
    const offTop = await one(sql`
      SELECT count(*)::int AS n FROM tb_goods_channel ch JOIN tb_goods_category c ON c.id = ch.category_id
      WHERE c.parent_id IS NOT NULL OR ch.url IS DISTINCT FROM '/list.html?cat=' || (
        SELECT min(c3.id) FROM tb_goods_category c2 JOIN tb_goods_category c3 ON c3.parent_id = c2.id WHERE c2.parent_id = c.id)`);
    expect(offTop.n).toBe(0);
  });

  it('builds a three-level category tree under the channels', async () => {
    const levels = await rows(sql`
      WITH RECURSIVE tree AS (
        SELECT id, 1 AS depth FROM tb_goods_category WHERE parent_id IS NULL
        UNION ALL SELECT c.id, t.depth + 1 FROM tb_goods_category c JOIN tree t ON c.parent_id = t.id)
      SELECT depth, count(*)::int AS n FROM tree GROUP BY depth ORDER BY depth`);
    expect(levels.map((level) => level.depth)).toEqual([1, 2, 3]);
    expect(levels[0].n).toBe(37);
    expect(levels.reduce((sum, level) => sum + level.n, 0)).toBe(counts.categories);
    const fanOut = await rows(sql`
      SELECT p.parent_id IS NULL AS top, count(c.id)::int AS n FROM tb_goods_category p
      JOIN tb_goods_category c ON c.parent_id = p.id GROUP BY p.id, p.parent_id`);
    for (const parent of fanOut) {
      const [min, max] = parent.top ? [2, 4] : [3, 6];
      expect(parent.n).toBeGreaterThanOrEqual(min);
      expect(parent.n).toBeLessThanOrEqual(max);
    }
  });

  it('has brands, SPUs and SKUs that keep the catalogue invariants', async () => {
    expect(counts.brands).toBeGreaterThanOrEqual(15);
    expect(counts.spus).toBeGreaterThanOrEqual(60);
    expect(counts.skus).toBeGreaterThanOrEqual(300);
    const letters = await one(sql`SELECT count(*)::int AS n FROM tb_brand WHERE first_letter !~ '^[A-Z]$'`);
    expect(letters.n).toBe(0);
    await expectCatalogueInvariants();
    const mix = await one(sql`
      SELECT count(*) FILTER (WHERE stock = 0)::int AS sold_out, count(*) FILTER (WHERE NOT is_launched)::int AS off_shelf,
             count(DISTINCT category_id)::int AS leaves, max(create_time) - min(create_time) > interval '1 year' AS spread
      FROM tb_sku`);
    expect(mix.sold_out).toBeGreaterThan(0);
    expect(mix.off_shelf).toBeGreaterThan(0);
    expect(mix.leaves).toBeGreaterThanOrEqual(10);
    expect(mix.spread).toBe(true);
    // Deterministic: the same names and prices on every run.
    expect(await one(sql`SELECT name, price FROM tb_sku WHERE id = 1`)).toEqual({ name: 'Apple iPhone 15 Pro 128GB 原色钛金属', price: '7999.00' });
    const mate = await one(sql`SELECT count(*)::int AS n FROM tb_sku WHERE name = '华为 Mate 60 Pro 12GB+512GB 雅川青'`);
    expect(mate.n).toBe(1);
  });

  it('puts launched SKUs on every shelf a page links to: every third-level category', async () => {
    const empty = await rows(sql`
      SELECT c3.id, c3.name FROM tb_goods_category c3 JOIN tb_goods_category c2 ON c2.id = c3.parent_id
      WHERE c2.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM tb_sku s WHERE s.category_id = c3.id AND s.is_launched)`);
    expect(empty).toEqual([]);
    // What the pages link to: channels (top bar and menu), floor quick links, carousel and news.
    const linked = await rows<{ url: string }>(sql`
      SELECT url FROM tb_goods_channel UNION
      SELECT c.url FROM tb_content c JOIN tb_content_category cc ON cc.id = c.category_id
      WHERE c.status AND (cc.key ~ '^index_[0-9]+f_pd$' OR cc.key IN ('index_lbt', 'index_kx', 'index_ytgg'))`);
    const listed = linked.flatMap((row) => /^\/list\.html\?cat=(\d+)$/.exec(row.url)?.[1] ?? []).map(Number);
    expect(listed.length).toBeGreaterThan(37);
    const stocked = await rows<{ id: number }>(sql`SELECT DISTINCT category_id AS id FROM tb_sku WHERE is_launched`);
    const stockedIds = new Set(stocked.map((row) => row.id));
    expect(listed.filter((id) => !stockedIds.has(id))).toEqual([]);
    // Goods that look like their shelf: 女鞋 sells shoes of a shoe brand in shoe sizes.
    const heels = await one(sql`
      SELECT g.name, b.name AS brand, array_agg(DISTINCT gs.name) AS specs, min(s.price)::float AS price FROM tb_goods g
      JOIN tb_goods_category c ON c.id = g.category3_id JOIN tb_brand b ON b.id = g.brand_id
      JOIN tb_goods_specification gs ON gs.goods_id = g.id JOIN tb_sku s ON s.goods_id = g.id
      WHERE c.name = '高跟鞋' GROUP BY g.id, b.name ORDER BY g.id LIMIT 1`);
    expect(['百丽', '红蜻蜓', '达芙妮']).toContain(heels.brand);
    expect(heels.name).toContain('高跟鞋');
    expect(heels.specs).toEqual(expect.arrayContaining(['颜色', '尺码']));
    expect(heels.price).toBeGreaterThan(100);
  });

  it('shows no sales or reviews without orders, and gives the demo shopper an address', async () => {
    const made = await one(sql`
      SELECT (SELECT count(*) FROM tb_sku WHERE sales <> 0 OR comments <> 0)::int AS skus,
             (SELECT count(*) FROM tb_goods WHERE sales <> 0 OR comments <> 0)::int AS spus,
             (SELECT count(*) FROM tb_order_goods)::int AS lines`);
    expect(made).toEqual({ skus: 0, spus: 0, lines: 0 });
    const address = await one(sql`
      SELECT a.receiver, a.mobile FROM tb_users u JOIN tb_address a ON a.id = u.default_address_id WHERE u.username = 'demo_shopper'`);
    expect(address).toEqual({ receiver: '张美多', mobile: '13800000000' });
  });

  it('fills every home page slot of contract §6.1', async () => {
    const slots = await rows(sql`
      SELECT cc.key, count(c.id) FILTER (WHERE c.status)::int AS shown, count(c.id)::int AS n
      FROM tb_content_category cc LEFT JOIN tb_content c ON c.category_id = cc.id GROUP BY cc.key`);
    const byKey = new Map(slots.map((slot) => [slot.key, slot]));
    for (const key of SLOT_KEYS) expect(byKey.get(key)?.shown ?? 0, key).toBeGreaterThan(0);
    expect(byKey.get('index_lbt').n).toBeGreaterThanOrEqual(4);
    expect(byKey.get('index_kx').n).toBeGreaterThanOrEqual(6);
    const hidden = await one(sql`SELECT count(*)::int AS n FROM tb_content WHERE NOT status`);
    expect(hidden.n).toBeGreaterThanOrEqual(2);
  });

  it('writes every picture the database refers to', async () => {
    const images = await rows<{ image: string }>(sql`
      SELECT default_image_url AS image FROM tb_sku UNION SELECT image FROM tb_sku_image
      UNION SELECT logo FROM tb_brand UNION SELECT image FROM tb_content WHERE image IS NOT NULL`);
    await expectFilesExist(images.map((row) => row.image));
    const gallery = await one(sql`SELECT min(n)::int AS min, max(n)::int AS max FROM (SELECT count(*) AS n FROM tb_sku_image GROUP BY sku_id) x`);
    expect(gallery).toEqual({ min: 3, max: 4 });
  });

  it('does nothing when run again', async () => {
    expect(counts.changed).toBe(true);
    const before = await one(sql`SELECT max(update_time) AS t FROM tb_sku`);
    expect(await seedDemoData(handle.db, { mediaDir })).toEqual({ ...counts, changed: false });
    expect(await one(sql`SELECT max(update_time) AS t FROM tb_sku`)).toEqual(before);
  });

  it('tops up to exactly the requested number of SKUs, reporting progress', async () => {
    const progress: [number, number][] = [];
    const target = counts.skus + 600;
    const result = await seedDemoData(handle.db, { mediaDir, skus: target, onProgress: (done, total) => progress.push([done, total]) });
    expect(result.skus).toBe(target);
    expect(result.spus).toBeGreaterThan(counts.spus);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual([target, target]);
    expect(progress.every(([done], i) => i === 0 || done >= progress[i - 1]![0])).toBe(true);
    await expectCatalogueInvariants();
    const generated = await rows<{ image: string }>(sql`SELECT DISTINCT default_image_url AS image FROM tb_sku WHERE id > ${counts.skus}`);
    await expectFilesExist(generated.map((row) => row.image));
    // Identity sequences continue after the explicit ids, so the API can insert.
    const next = await one(sql`SELECT nextval(pg_get_serial_sequence('tb_sku', 'id'))::int AS id`);
    expect(next.id).toBe(target + 1);
  });
});
