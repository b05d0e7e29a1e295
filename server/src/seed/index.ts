// The demo data set behind `npm run seed`: every area of China, a realistic catalogue and one
// shopper to log in with (and, in development, an administrator).
import { count } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { areas, brands, categories, channels, contents, skus, spus } from '../db/schema/index.js';
import type { Database } from '../infra/db.js';
import { seedAreas } from './areas.js';
import { seedCatalogue } from './catalogue.js';
import { seedDemoOrders } from './orders.js';
import { seedDemoAdmin, seedDemoShopper } from './shopper.js';

export interface SeedDemoOptions {
  /** Folder served at /media/; pictures are written below it. */
  mediaDir: string;
  /** Generate goods until tb_sku holds this many rows. */
  skus?: number;
  /** Replace an existing catalogue and its contents (the areas are kept). */
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Also the demo administrator, a superuser with a published password: development only. */
  administrator?: boolean;
}

export interface SeedCounts {
  /** True when this run wrote catalogue rows (a fresh seed, --force or a --skus top-up). */
  changed: boolean;
  areas: number;
  categories: number;
  channels: number;
  brands: number;
  spus: number;
  skus: number;
  contents: number;
}

async function rowCount(db: Database, table: PgTable): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table);
  return row!.n;
}

/** Seeds what is missing and returns the totals now in the database. */
export async function seedDemoData(db: Database, options: SeedDemoOptions): Promise<SeedCounts> {
  await seedAreas(db);
  const catalogue = await seedCatalogue(db, options);
  await seedDemoShopper(db);
  // Development only, as the administrator: demo orders in every state for the back office.
  let ordered = false;
  if (options.administrator) {
    await seedDemoAdmin(db);
    ordered = await seedDemoOrders(db);
  }
  return {
    changed: catalogue.seeded || catalogue.generated > 0 || ordered,
    areas: await rowCount(db, areas),
    categories: await rowCount(db, categories),
    channels: await rowCount(db, channels),
    brands: await rowCount(db, brands),
    spus: await rowCount(db, spus),
    skus: await rowCount(db, skus),
    contents: await rowCount(db, contents),
  };
}
