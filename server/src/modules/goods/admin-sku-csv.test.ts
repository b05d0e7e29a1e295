// The SKU CSV export (streamed, UTF-8 with a BOM) and import of prices and stock (a dry run
// that reports every bad row, all rows or none) through HTTP.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail, skus } from '../../db/schema/index.js';
import { csvField, parseCsv } from '../../http/csv.js';
import { makeStaff, type Staff } from '../../../test/fixtures.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
let staff: Staff;
let sample: { id: number; price: string; stock: number }[];

beforeAll(async () => {
  mall = await startTestMall();
  staff = await makeStaff(mall, { superuser: true });
  sample = await mall.context.db.select({ id: skus.id, price: skus.price, stock: skus.stock }).from(skus).where(eq(skus.isLaunched, true)).orderBy(asc(skus.id)).limit(3);
});
afterAll(() => mall.close());

const importCsv = (csv: string, query = '', headers: Record<string, string> = staff.auth) =>
  mall.request('POST', `/meiduo_admin/skus/import/${query}`, { raw: csv, headers: { ...headers, 'content-type': 'text/csv' } });
const current = async (ids: number[]) => mall.context.db.select({ id: skus.id, price: skus.price, stock: skus.stock }).from(skus).where(inArray(skus.id, ids)).orderBy(asc(skus.id));

describe('GET skus/export/', () => {
  it('streams every SKU as CSV with a BOM and the header Excel reads', async () => {
    const response = await fetch(`${mall.url}/meiduo_admin/skus/export/`, { headers: staff.auth });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]).toEqual(['id', 'name', 'spu', 'category', 'price', 'cost_price', 'market_price', 'stock', 'sales', 'is_launched']);
    const total = (await mall.context.db.select({ n: sql<number>`count(*)::int` }).from(skus))[0]!.n;
    const body = rows.slice(1).filter((row) => row.length);
    expect(body).toHaveLength(total);
    const row = body.find((cells) => cells[0] === String(sample[0]!.id))!;
    expect([row[4], row[7], row[9]]).toEqual([sample[0]!.price, String(sample[0]!.stock), 'true']);
  });

  it('reads the table page by page in id order (keyset), every SKU once', async () => {
    const ids: number[] = [];
    for await (const page of mall.services.skuCsv.exportPages(7)) {
      expect(page.length).toBeLessThanOrEqual(7);
      ids.push(...page.map((row) => row[0] as number));
    }
    const all = await mall.context.db.select({ id: skus.id }).from(skus).orderBy(asc(skus.id));
    expect(ids).toEqual(all.map((row) => row.id));
  });

  it('keeps a formula-looking name text, and quotes commas and quotes', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField(-3)).toBe('-3');
  });

  it('needs goods.view_sku', async () => {
    const other = await makeStaff(mall, { permissions: ['goods.view_spu'] });
    expect((await mall.get('/meiduo_admin/skus/export/', other.auth)).status).toBe(403);
  });
});

describe('POST skus/import/', () => {
  it('a dry run reports nothing wrong for good rows and changes nothing', async () => {
    const [a, b] = sample as [(typeof sample)[0], (typeof sample)[0]];
    const response = await importCsv(`\uFEFFid,price,stock\r\n${a.id},1.5,9\r\n${b.id},"2000",0\r\n`, '?dry_run=1');
    expect(response).toMatchObject({ status: 200, body: { rows: 2, dry_run: true, applied: false, errors: [] } });
    expect(await current([a.id, b.id])).toEqual([a, b]);
  });

  it('reports every bad row by its line, on a dry run and without one, and changes nothing', async () => {
    const [a, b, c] = sample as [(typeof sample)[0], (typeof sample)[0], (typeof sample)[0]];
    const csv = ['id,price,stock', `${a.id},10,5`, `${b.id},abc,-1`, `99999999,1,1`, `${a.id},3,3`, `${c.id},1.234,2,extra`, 'x,1,1'].join('\n');
    for (const query of ['?dry_run=1', '']) {
      const response = await importCsv(csv, query);
      expect(response.status, query).toBe(400);
      expect(response.body.applied).toBe(false);
      expect(response.body.errors.map((error: { row: number }) => error.row)).toEqual([3, 4, 5, 6, 7]);
      expect(response.body.errors[0].errors).toHaveLength(2);
    }
    expect(await current([a.id, b.id, c.id])).toEqual([a, b, c]);
  });

  it('applies all rows in one transaction, audits the import and refreshes the detail page', async () => {
    const [a, b] = sample as [(typeof sample)[0], (typeof sample)[0]];
    await mall.get(`/skus/${a.id}/`);
    const response = await importCsv(`id,price,stock\n${a.id},88.8,17\n${b.id},99,0\n`);
    expect(response).toMatchObject({ status: 200, body: { rows: 2, applied: true, errors: [] } });
    expect(await current([a.id, b.id])).toEqual([
      { id: a.id, price: '88.80', stock: 17 },
      { id: b.id, price: '99.00', stock: 0 },
    ]);
    const [entry] = await mall.context.db.select().from(auditTrail).where(eq(auditTrail.objectId, 'import'));
    expect(entry).toMatchObject({ action: 'goods.change_sku', resource: 'sku', userId: staff.id });
    expect(entry!.after).toEqual([
      { id: a.id, price: '88.8', stock: 17 },
      { id: b.id, price: '99', stock: 0 },
    ]);
    expect((await mall.get(`/skus/${a.id}/`)).body.sku).toMatchObject({ price: '88.80', stock: 17 });
  });

  it('rolls every row back when one fails while being written', async () => {
    const [a, b] = (await current(sample.map((sku) => sku.id))) as [(typeof sample)[0], (typeof sample)[0]];
    // A failure the checks cannot foresee (here a trigger refusing one row), after the first batch row is written.
    await mall.context.db.execute(
      sql.raw(`CREATE FUNCTION refuse_sku_4242() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.stock = 4242 THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`),
    );
    await mall.context.db.execute(sql.raw('CREATE TRIGGER refuse_sku_4242 BEFORE UPDATE ON tb_sku FOR EACH ROW EXECUTE FUNCTION refuse_sku_4242()'));
    try {
      const response = await importCsv(`id,price,stock\n${a.id},1,1\n${b.id},1,4242\n`);
      expect(response.status).toBe(500);
      expect(await current([a.id, b.id])).toEqual([a, b]);
    } finally {
      await mall.context.db.execute(sql.raw('DROP TRIGGER refuse_sku_4242 ON tb_sku'));
      await mall.context.db.execute(sql.raw('DROP FUNCTION refuse_sku_4242()'));
    }
  });

  it('refuses a wrong header, a non-CSV body, an oversized file and a staff without goods.change_sku', async () => {
    expect(await importCsv('sku,price,stock\n1,1,1\n')).toMatchObject({ status: 400, body: { non_field_errors: [expect.stringContaining('id,price,stock')] } });
    expect((await mall.request('POST', '/meiduo_admin/skus/import/', { body: { id: 1 }, headers: staff.auth })).status).toBe(400);
    const huge = `id,price,stock\n${'1,1,1\n'.repeat(400_000)}`;
    expect((await importCsv(huge)).status).toBe(413);
    const viewer = await makeStaff(mall, { permissions: ['goods.view_sku'] });
    expect((await importCsv(`id,price,stock\n${sample[0]!.id},1,1\n`, '', viewer.auth)).status).toBe(403);
    expect(await current([sample[0]!.id])).not.toEqual([{ id: sample[0]!.id, price: '1.00', stock: 1 }]);
  });
});
