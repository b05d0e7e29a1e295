// The back office's channels (contract §10.9): a top-level category shown in the storefront's
// menu, in a group, at a place (`sequence`) and with a link; one channel per category. Channel
// groups (beyond the contract) have unique names and are deleted only when empty. A channel's
// write refreshes the menu and the breadcrumbs after the commit.
import type { ChannelGroupInput, ChannelInput, ChannelItem } from '@meiduo/contract/admin-media';
import type { Named } from '@meiduo/contract/admin-permissions';
import { and, asc, count, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { categories, channelGroups, channels } from '../../db/schema/index.js';
import { sqlState, transaction, type Tx } from '../../infra/db.js';
import { fail, FieldErrors } from '../../errors.js';
import { assertOnPage, type PageRequest } from '../../paging.js';
import type { Actor } from '../../principal.js';
import type { AuditTrail } from '../../audit.js';
import type { GoodsService } from './service.js';

/** Serialises the checks of unique names and one-channel-per-category (no unique index holds them). */
const CHANNEL_LOCK = 7_351_018;

const channelColumns = {
  id: channels.id,
  category: categories.name,
  category_id: channels.categoryId,
  group: channelGroups.name,
  group_id: channels.groupId,
  url: channels.url,
  sequence: channels.sequence,
};

export class ChannelService {
  constructor(
    private readonly context: Pick<Context, 'db'>,
    private readonly goods: GoodsService,
    private readonly audit: AuditTrail,
  ) {}

  private lock(tx: Tx) {
    return tx.db.execute(sql`SELECT pg_advisory_xact_lock(${CHANNEL_LOCK})`);
  }

  private channelQuery(db: Context['db']) {
    return db
      .select(channelColumns)
      .from(channels)
      .innerJoin(categories, eq(categories.id, channels.categoryId))
      .innerJoin(channelGroups, eq(channelGroups.id, channels.groupId));
  }

  async list(at: PageRequest): Promise<{ count: number; rows: ChannelItem[] }> {
    const [total] = await this.context.db.select({ n: count() }).from(channels);
    assertOnPage(at, total!.n);
    const rows = await this.channelQuery(this.context.db).orderBy(asc(channels.groupId), asc(channels.sequence), asc(channels.id)).limit(at.size).offset(at.offset);
    return { count: total!.n, rows };
  }

  private async findChannel(db: Context['db'], id: number): Promise<ChannelItem> {
    const [row] = await this.channelQuery(db).where(eq(channels.id, id));
    if (!row) throw fail('not_found');
    return row;
  }

  get(id: number): Promise<ChannelItem> {
    return this.findChannel(this.context.db, id);
  }

  /** The group exists, the category is a top-level one, and no other channel shows it. */
  private async check(tx: Tx, input: ChannelInput, id?: number): Promise<void> {
    const [[group], [category], [taken]] = await Promise.all([
      tx.db.select({ id: channelGroups.id }).from(channelGroups).where(eq(channelGroups.id, input.group_id)),
      tx.db.select({ parentId: categories.parentId }).from(categories).where(eq(categories.id, input.category_id)),
      tx.db
        .select({ id: channels.id })
        .from(channels)
        .where(and(eq(channels.categoryId, input.category_id), id === undefined ? undefined : ne(channels.id, id)))
        .limit(1),
    ]);
    new FieldErrors()
      .add(group ? undefined : 'admin.unknown_ids', 'group_id')
      .add(!category ? 'admin.unknown_ids' : category.parentId !== null ? 'channel.category_not_top' : taken ? 'channel.category_taken' : undefined, 'category_id')
      .throwIfAny();
  }

  private values(input: ChannelInput) {
    return { groupId: input.group_id, categoryId: input.category_id, url: input.url, sequence: input.sequence };
  }

  async create(actor: Actor, input: ChannelInput): Promise<ChannelItem> {
    return transaction(this.context.db, async (tx) => {
      await this.lock(tx);
      await this.check(tx, input);
      const [row] = await tx.db.insert(channels).values(this.values(input)).returning({ id: channels.id });
      const after = await this.findChannel(tx.db, row!.id);
      await this.audit.record(tx, actor, { action: 'goods.add_goodschannel', resource: 'goodschannel', objectId: row!.id, after });
      this.goods.channelsChanged(tx);
      return after;
    });
  }

  async update(actor: Actor, id: number, input: ChannelInput): Promise<ChannelItem> {
    return transaction(this.context.db, async (tx) => {
      await this.lock(tx);
      const before = await this.findChannel(tx.db, id);
      await this.check(tx, input, id);
      await tx.db.update(channels).set(this.values(input)).where(eq(channels.id, id));
      const after = await this.findChannel(tx.db, id);
      await this.audit.record(tx, actor, { action: 'goods.change_goodschannel', resource: 'goodschannel', objectId: id, before, after });
      this.goods.channelsChanged(tx);
      return after;
    });
  }

  async remove(actor: Actor, id: number): Promise<void> {
    await transaction(this.context.db, async (tx) => {
      const before = await this.findChannel(tx.db, id);
      await tx.db.delete(channels).where(eq(channels.id, id));
      await this.audit.record(tx, actor, { action: 'goods.delete_goodschannel', resource: 'goodschannel', objectId: id, before });
      this.goods.channelsChanged(tx);
    });
  }

  /** `goods/categories/` and the channel form: the top-level categories. */
  topCategories(): Promise<Named[]> {
    return this.context.db.select({ id: categories.id, name: categories.name }).from(categories).where(isNull(categories.parentId)).orderBy(asc(categories.id));
  }

  // Channel groups

  /** `goods/channel_types/`: every group, for the channel form. */
  simpleGroups(): Promise<Named[]> {
    return this.context.db.select({ id: channelGroups.id, name: channelGroups.name }).from(channelGroups).orderBy(asc(channelGroups.id));
  }

  async listGroups(at: PageRequest): Promise<{ count: number; rows: Named[] }> {
    const [total] = await this.context.db.select({ n: count() }).from(channelGroups);
    assertOnPage(at, total!.n);
    const rows = await this.context.db
      .select({ id: channelGroups.id, name: channelGroups.name })
      .from(channelGroups)
      .orderBy(asc(channelGroups.id))
      .limit(at.size)
      .offset(at.offset);
    return { count: total!.n, rows };
  }

  private async findGroup(db: Context['db'], id: number): Promise<Named> {
    const [row] = await db.select({ id: channelGroups.id, name: channelGroups.name }).from(channelGroups).where(eq(channelGroups.id, id));
    if (!row) throw fail('not_found');
    return row;
  }

  getGroup(id: number): Promise<Named> {
    return this.findGroup(this.context.db, id);
  }

  private async assertNameFree(tx: Tx, name: string, id?: number): Promise<void> {
    const [taken] = await tx.db
      .select({ id: channelGroups.id })
      .from(channelGroups)
      .where(and(eq(channelGroups.name, name), id === undefined ? undefined : ne(channelGroups.id, id)))
      .limit(1);
    if (taken) throw fail('channel_group.name_taken');
  }

  async createGroup(actor: Actor, input: ChannelGroupInput): Promise<Named> {
    return transaction(this.context.db, async (tx) => {
      await this.lock(tx);
      await this.assertNameFree(tx, input.name);
      const [row] = await tx.db.insert(channelGroups).values({ name: input.name }).returning({ id: channelGroups.id, name: channelGroups.name });
      await this.audit.record(tx, actor, { action: 'goods.add_goodschannelgroup', resource: 'goodschannelgroup', objectId: row!.id, after: row });
      return row!;
    });
  }

  async updateGroup(actor: Actor, id: number, input: ChannelGroupInput): Promise<Named> {
    return transaction(this.context.db, async (tx) => {
      await this.lock(tx);
      const before = await this.findGroup(tx.db, id);
      await this.assertNameFree(tx, input.name, id);
      const [row] = await tx.db.update(channelGroups).set({ name: input.name }).where(eq(channelGroups.id, id)).returning({ id: channelGroups.id, name: channelGroups.name });
      await this.audit.record(tx, actor, { action: 'goods.change_goodschannelgroup', resource: 'goodschannelgroup', objectId: id, before, after: row });
      return row!;
    });
  }

  /** Only an empty group: deleting one would take its channels with it (the foreign key cascades). */
  async removeGroup(actor: Actor, id: number): Promise<void> {
    try {
      await transaction(this.context.db, async (tx) => {
        await this.lock(tx);
        const before = await this.findGroup(tx.db, id);
        const [used] = await tx.db.select({ id: channels.id }).from(channels).where(eq(channels.groupId, id)).limit(1);
        if (used) throw fail('channel_group.in_use');
        await tx.db.delete(channelGroups).where(eq(channelGroups.id, id));
        await this.audit.record(tx, actor, { action: 'goods.delete_goodschannelgroup', resource: 'goodschannelgroup', objectId: id, before });
      });
    } catch (error) {
      if (sqlState(error) === '23503') throw fail('channel_group.in_use');
      throw error;
    }
  }
}
