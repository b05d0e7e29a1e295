// Bulk work on SKUs (issue 18): the export, page by page in id order (keyset: each page starts
// after the last id, so a deep page costs what the first does), and the import of prices and
// stock, all rows or none.
import type { ImportReport } from '@meiduo/contract/admin-goods';
import { isMoney, isStock } from '@meiduo/contract/sku-rules';
import { asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { categories, skus, spus } from '../../db/schema/index.js';
import { fail } from '../../errors.js';
import type { CsvValue } from '../../http/csv.js';
import { parseCsv } from '../../http/csv.js';
import { transaction } from '../../infra/db.js';
import type { Actor } from '../../principal.js';
import type { AuditTrail } from '../../audit.js';
import type { GoodsService } from './service.js';

export const SKU_EXPORT_HEADER = ['id', 'name', 'spu', 'category', 'price', 'cost_price', 'market_price', 'stock', 'sales', 'is_launched'] as const;
export const SKU_IMPORT_HEADER = ['id', 'price', 'stock'] as const;

const EXPORT_PAGE = 1000;
const IMPORT_BATCH = 1000;
/** Beyond this many SKUs an import forgets every memo of the catalogue rather than each SKU's. */
const FORGET_ALL_FROM = 500;

interface ImportRow {
  id: number;
  price: string;
  stock: number;
}

export class SkuCsv {
  constructor(
    private readonly context: Pick<Context, 'db'>,
    private readonly goods: GoodsService,
    private readonly audit: AuditTrail,
  ) {}

  /** Every SKU as export rows, a page at a time. */
  async *exportPages(pageSize = EXPORT_PAGE): AsyncGenerator<CsvValue[][]> {
    let after = 0;
    for (;;) {
      const page = await this.context.db
        .select({
          id: skus.id,
          name: skus.name,
          spu: spus.name,
          category: categories.name,
          price: skus.price,
          costPrice: skus.costPrice,
          marketPrice: skus.marketPrice,
          stock: skus.stock,
          sales: skus.sales,
          isLaunched: skus.isLaunched,
        })
        .from(skus)
        .innerJoin(spus, eq(spus.id, skus.spuId))
        .innerJoin(categories, eq(categories.id, skus.categoryId))
        .where(gt(skus.id, after))
        .orderBy(asc(skus.id))
        .limit(pageSize);
      if (page.length === 0) return;
      yield page.map((row) => [row.id, row.name, row.spu, row.category, row.price, row.costPrice, row.marketPrice, row.stock, row.sales, row.isLaunched]);
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.id;
    }
  }

  /**
   * Checks every row of a `id,price,stock` CSV; unless `dryRun`, and only if every row is good,
   * writes them in one transaction. The report names each bad row by its line in the file.
   */
  async import(actor: Actor, csv: string, dryRun: boolean): Promise<ImportReport> {
    const lines = parseCsv(csv);
    const header = (lines[0] ?? []).map((name) => name.trim().toLowerCase());
    if (header.join(',') !== SKU_IMPORT_HEADER.join(',')) throw fail('goods.csv_header');
    const report: ImportReport = { rows: 0, dry_run: dryRun, applied: false, errors: [] };
    const rows: ImportRow[] = [];
    const lineOf = new Map<number, number>();
    lines.slice(1).forEach((cells, index) => {
      const line = index + 2;
      if (cells.length === 0 || cells.every((cell) => cell.trim() === '')) return;
      report.rows++;
      const errors: string[] = [];
      const [id = '', price = '', stock = ''] = cells.map((cell) => cell.trim());
      if (cells.length !== SKU_IMPORT_HEADER.length) errors.push(`应有 ${SKU_IMPORT_HEADER.length} 列，实有 ${cells.length} 列`);
      if (!/^[1-9][0-9]{0,8}$/.test(id)) errors.push(`id “${id}” 不是有效的SKU编号`);
      else if (lineOf.has(Number(id))) errors.push(`id ${id} 与第 ${lineOf.get(Number(id))} 行重复`);
      if (!isMoney(price)) errors.push(`price “${price}” 不是有效的价格（最多两位小数）`);
      if (!isStock(stock)) errors.push(`stock “${stock}” 不是有效的库存（非负整数）`);
      if (errors.length) report.errors.push({ row: line, errors });
      else {
        lineOf.set(Number(id), line);
        rows.push({ id: Number(id), price, stock: Number(stock) });
      }
    });
    // Ids that name no SKU: read in batches, so a large file costs a few queries.
    const known = new Set<number>();
    for (let i = 0; i < rows.length; i += IMPORT_BATCH) {
      const ids = rows.slice(i, i + IMPORT_BATCH).map((row) => row.id);
      for (const { id } of await this.context.db.select({ id: skus.id }).from(skus).where(inArray(skus.id, ids))) known.add(id);
    }
    for (const row of rows) if (!known.has(row.id)) report.errors.push({ row: lineOf.get(row.id)!, errors: [`SKU ${row.id} 不存在`] });
    report.errors.sort((a, b) => a.row - b.row);
    if (dryRun || report.errors.length || rows.length === 0) return report;
    await this.apply(actor, rows);
    return { ...report, applied: true };
  }

  private async apply(actor: Actor, rows: ImportRow[]): Promise<void> {
    await transaction(this.context.db, async (tx) => {
      const before: { id: number; price: string; stock: number; categoryId: number }[] = [];
      for (let i = 0; i < rows.length; i += IMPORT_BATCH) {
        const batch = rows.slice(i, i + IMPORT_BATCH);
        const ids = batch.map((row) => row.id);
        // Locked in id order (no deadlock with another import), and read as they were.
        before.push(...(await tx.db.select({ id: skus.id, price: skus.price, stock: skus.stock, categoryId: skus.categoryId }).from(skus).where(inArray(skus.id, ids)).orderBy(asc(skus.id)).for('update')));
        const values = sql.join(
          batch.map((row) => sql`(${row.id}::int, ${row.price}::numeric, ${row.stock}::int)`),
          sql`, `,
        );
        await tx.db.execute(sql`UPDATE tb_sku SET price = v.price, stock = v.stock, update_time = now() FROM (VALUES ${values}) AS v(id, price, stock) WHERE tb_sku.id = v.id`);
      }
      // One entry for the import: every SKU's price and stock before and after.
      await this.audit.record(tx, actor, {
        action: 'goods.change_sku',
        resource: 'sku',
        objectId: 'import',
        before: before.map(({ id, price, stock }) => ({ id, price, stock })),
        after: rows,
      });
      const ids = rows.map((row) => row.id);
      const categoryIds = [...new Set(before.map((row) => row.categoryId))];
      // Prices and stock show on details and hot lists (list and search rows are read fresh).
      tx.afterCommit(() => (ids.length >= FORGET_ALL_FROM ? this.goods.catalogueChanged() : this.goods.stockChanged(ids, categoryIds)));
    });
  }
}
