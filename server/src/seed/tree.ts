// The category tree, channel groups and channels (contract §6.1, §11.3). Top-level categories
// get ids 1–37 in menu order, then the second level, then the third, as breadth-first ids.
import { eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { categories, channelGroups, channels } from '../db/schema/index.js';
import type { Database } from '../infra/db.js';
import { CHANNEL_GROUPS, type CategoryNode } from './data-categories.js';
import type { CategoryRef } from './goods.js';
import { IdCounter, insertRows, lastId } from './rows.js';

type CategoryRow = typeof categories.$inferInsert;

function treeRows(tops: CategoryNode[], ids: IdCounter): CategoryRow[] {
  const rows: CategoryRow[] = [];
  let level: { node: CategoryNode; parentId: number | null }[] = tops.map((node) => ({ node, parentId: null }));
  while (level.length > 0) {
    const next: typeof level = [];
    for (const { node, parentId } of level) {
      const id = ids.next();
      rows.push({ id, name: node.name, parentId });
      next.push(...node.children.map((child) => ({ node: child, parentId: id })));
    }
    level = next;
  }
  return rows;
}

/** A channel opens the list page of its first third-level category: lists hold third-level SKUs. */
function channelUrl(rows: CategoryRow[], topId: number): string {
  const second = rows.find((row) => row.parentId === topId);
  const third = second && rows.find((row) => row.parentId === second.id);
  if (!third) throw new Error(`seed categories: channel category ${topId} has no third level`);
  return `/list.html?cat=${third.id}`;
}

/** Inserts the tree, the groups and the channels; returns how many categories were made. */
export async function seedCategoryTree(db: Database): Promise<number> {
  const tops = CHANNEL_GROUPS.flatMap((group) => group.channels.map((channel) => channel.category));
  const rows = treeRows(tops, new IdCounter(await lastId(db, categories)));
  await insertRows(db, categories, rows);
  const topIds = rows.slice(0, tops.length).map((row) => row.id!);
  const groupIds = new IdCounter(await lastId(db, channelGroups));
  const channelIds = new IdCounter(await lastId(db, channels));
  let channelIndex = 0;
  for (const group of CHANNEL_GROUPS) {
    const groupId = groupIds.next();
    await db.insert(channelGroups).values({ id: groupId, name: group.name });
    await insertRows(
      db,
      channels,
      group.channels.map((_channel, sequence) => {
        const categoryId = topIds[channelIndex++]!;
        return { id: channelIds.next(), groupId, categoryId, url: channelUrl(rows, categoryId), sequence: sequence + 1 };
      }),
    );
  }
  return rows.length;
}

/** Every third-level category, keyed by its 'level1/level2/level3' names. */
export async function loadLeafCategories(db: Database): Promise<Map<string, CategoryRef>> {
  const c2 = alias(categories, 'c2');
  const c1 = alias(categories, 'c1');
  const leaves = await db
    .select({ c3: categories.id, name: categories.name, c2: c2.id, name2: c2.name, c1: c1.id, name1: c1.name })
    .from(categories)
    .innerJoin(c2, eq(categories.parentId, c2.id))
    .innerJoin(c1, eq(c2.parentId, c1.id))
    .where(isNull(c1.parentId))
    .orderBy(categories.id);
  return new Map(leaves.map((leaf) => [`${leaf.name1}/${leaf.name2}/${leaf.name}`, { c1: leaf.c1, c2: leaf.c2, c3: leaf.c3, name: leaf.name }]));
}
