// The back office's specifications and their options (contract §10.7). One that a SKU uses
// cannot be deleted (a restricting foreign key from tb_sku_specification): a clear 400. A write
// is audited in its transaction; the detail pages, which show specs and options, are refreshed
// after the commit.
import type { OptionInput, OptionItem, SpecInput, SpecItem } from '@meiduo/contract/admin-goods';
import type { NamedRef } from '@meiduo/contract/common';
import { asc, count, eq } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { skuSpecifications, specificationOptions, specifications, spus } from '../../db/schema/index.js';
import { fail } from '../../errors.js';
import { isStillReferenced, transaction, type Tx } from '../../infra/db.js';
import { assertOnPage, type PageRequest } from '../../paging.js';
import type { Actor } from '../../principal.js';
import type { AuditTrail } from '../../audit.js';
import type { GoodsService } from './service.js';

const specColumns = { id: specifications.id, name: specifications.name, spu: spus.name, spu_id: specifications.spuId };
const optionColumns = { id: specificationOptions.id, value: specificationOptions.value, spec: specifications.name, spec_id: specificationOptions.specId };

export class SpecAdmin {
  constructor(
    private readonly context: Pick<Context, 'db'>,
    private readonly goods: GoodsService,
    private readonly audit: AuditTrail,
  ) {}

  private specRows(db = this.context.db) {
    return db.select(specColumns).from(specifications).innerJoin(spus, eq(spus.id, specifications.spuId));
  }

  private optionRows(db = this.context.db) {
    return db.select(optionColumns).from(specificationOptions).innerJoin(specifications, eq(specifications.id, specificationOptions.specId));
  }

  async listSpecs(at: PageRequest): Promise<{ count: number; rows: SpecItem[] }> {
    const [[total], rows] = await Promise.all([
      this.context.db.select({ n: count() }).from(specifications),
      this.specRows().orderBy(asc(specifications.id)).limit(at.size).offset(at.offset),
    ]);
    assertOnPage(at, total!.n);
    return { count: total!.n, rows };
  }

  async getSpec(id: number, db = this.context.db): Promise<SpecItem> {
    const [row] = await this.specRows(db).where(eq(specifications.id, id));
    return row ?? Promise.reject(fail('not_found'));
  }

  /** `goods/specs/simple/`: every spec, named with its SPU (the option form cannot tell two 颜色 apart otherwise). */
  async simpleSpecs(): Promise<NamedRef[]> {
    const rows = await this.specRows().orderBy(asc(specifications.id));
    return rows.map((row) => ({ id: row.id, name: `${row.spu}: ${row.name}` }));
  }

  saveSpec(actor: Actor, id: number | undefined, input: SpecInput): Promise<SpecItem> {
    return transaction(this.context.db, async (tx) => {
      const before = id === undefined ? undefined : await this.lockedSpec(tx, id);
      const [spu] = await tx.db.select({ id: spus.id }).from(spus).where(eq(spus.id, input.spu_id));
      if (!spu) throw fail('admin.unknown_ids', { field: 'spu_id' });
      // Likewise a spec chosen by SKUs stays with their SPU.
      if (before && before.spu_id !== input.spu_id) await this.refuseIfUsed(tx, { specId: id! }, 'goods.spec_in_use');
      const values = { name: input.name, spuId: input.spu_id };
      const savedId =
        id === undefined
          ? (await tx.db.insert(specifications).values(values).returning({ id: specifications.id }))[0]!.id
          : (await tx.db.update(specifications).set(values).where(eq(specifications.id, id)), id);
      const after = await this.getSpec(savedId, tx.db);
      await this.audit.record(tx, actor, { action: id === undefined ? 'goods.add_spuspecification' : 'goods.change_spuspecification', resource: 'spec', objectId: savedId, before, after });
      this.goods.detailsChanged(tx);
      return after;
    });
  }

  async deleteSpec(actor: Actor, id: number): Promise<void> {
    try {
      await transaction(this.context.db, async (tx) => {
        const before = await this.lockedSpec(tx, id);
        // Its options go with it (cascade); one chosen by a SKU stops both.
        await tx.db.delete(specifications).where(eq(specifications.id, id));
        await this.audit.record(tx, actor, { action: 'goods.delete_spuspecification', resource: 'spec', objectId: id, before });
        this.goods.detailsChanged(tx);
      });
    } catch (error) {
      if (isStillReferenced(error)) throw fail('goods.spec_in_use');
      throw error;
    }
  }

  private async lockedSpec(tx: Tx, id: number): Promise<SpecItem> {
    const [locked] = await tx.db.select({ id: specifications.id }).from(specifications).where(eq(specifications.id, id)).for('update');
    if (!locked) throw fail('not_found');
    return this.getSpec(id, tx.db);
  }

  async listOptions(at: PageRequest): Promise<{ count: number; rows: OptionItem[] }> {
    const [[total], rows] = await Promise.all([
      this.context.db.select({ n: count() }).from(specificationOptions),
      this.optionRows().orderBy(asc(specificationOptions.id)).limit(at.size).offset(at.offset),
    ]);
    assertOnPage(at, total!.n);
    return { count: total!.n, rows };
  }

  async getOption(id: number, db = this.context.db): Promise<OptionItem> {
    const [row] = await this.optionRows(db).where(eq(specificationOptions.id, id));
    return row ?? Promise.reject(fail('not_found'));
  }

  saveOption(actor: Actor, id: number | undefined, input: OptionInput): Promise<OptionItem> {
    return transaction(this.context.db, async (tx) => {
      const before = id === undefined ? undefined : await this.lockedOption(tx, id);
      const [spec] = await tx.db.select({ id: specifications.id }).from(specifications).where(eq(specifications.id, input.spec_id));
      if (!spec) throw fail('admin.unknown_ids', { field: 'spec_id' });
      // Moving an option chosen by SKUs to another spec would leave them naming an option not of their spec.
      if (before && before.spec_id !== input.spec_id) await this.refuseIfUsed(tx, { optionId: id! }, 'goods.option_in_use');
      const values = { value: input.value, specId: input.spec_id };
      const savedId =
        id === undefined
          ? (await tx.db.insert(specificationOptions).values(values).returning({ id: specificationOptions.id }))[0]!.id
          : (await tx.db.update(specificationOptions).set(values).where(eq(specificationOptions.id, id)), id);
      const after = await this.getOption(savedId, tx.db);
      await this.audit.record(tx, actor, { action: id === undefined ? 'goods.add_specificationoption' : 'goods.change_specificationoption', resource: 'option', objectId: savedId, before, after });
      this.goods.detailsChanged(tx);
      return after;
    });
  }

  async deleteOption(actor: Actor, id: number): Promise<void> {
    try {
      await transaction(this.context.db, async (tx) => {
        const before = await this.lockedOption(tx, id);
        await tx.db.delete(specificationOptions).where(eq(specificationOptions.id, id));
        await this.audit.record(tx, actor, { action: 'goods.delete_specificationoption', resource: 'option', objectId: id, before });
        this.goods.detailsChanged(tx);
      });
    } catch (error) {
      if (isStillReferenced(error)) throw fail('goods.option_in_use');
      throw error;
    }
  }

  private async lockedOption(tx: Tx, id: number): Promise<OptionItem> {
    const [locked] = await tx.db.select({ id: specificationOptions.id }).from(specificationOptions).where(eq(specificationOptions.id, id)).for('update');
    if (!locked) throw fail('not_found');
    return this.getOption(id, tx.db);
  }

  private async refuseIfUsed(tx: Tx, where: { optionId: number } | { specId: number }, code: 'goods.option_in_use' | 'goods.spec_in_use'): Promise<void> {
    const condition = 'optionId' in where ? eq(skuSpecifications.optionId, where.optionId) : eq(skuSpecifications.specId, where.specId);
    const [used] = await tx.db.select({ id: skuSpecifications.id }).from(skuSpecifications).where(condition).limit(1);
    if (used) throw fail(code);
  }
}
