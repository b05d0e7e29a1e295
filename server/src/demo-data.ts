// The demo data set as the running mall sees it: seeded (only into an empty catalogue),
// indexed for search, and every process told to forget what it memoised.
import type { Context } from './context.js';
import { reindexSkus } from './modules/goods/search-index.js';
import { seedDemoData, type SeedCounts, type SeedDemoOptions } from './seed/index.js';
import type { Services } from './services.js';

export async function loadDemoData(
  context: Context,
  services: Services,
  options: Omit<SeedDemoOptions, 'mediaDir'> & { onIndexed?: (done: number) => void } = {},
): Promise<SeedCounts> {
  const counts = await seedDemoData(context.db, { ...options, mediaDir: context.config.mediaDir });
  if (!counts.changed) return counts;
  await reindexSkus(context.db, undefined, options.onIndexed);
  await Promise.all([services.goods.catalogueChanged(), services.contents.contentsChanged(), services.areas.areasChanged()]);
  return counts;
}
