// Bulk goods for benchmarks (`--skus 100000`): new SPUs round-robin over every third-level
// category until tb_sku holds the requested total. Rows go in 1,000 per INSERT, one transaction
// per 10,000 SKUs, so an interrupted run keeps its progress and a rerun simply continues.
import { count, inArray } from 'drizzle-orm';
import { brands, skus, spus } from '../db/schema/index.js';
import type { Database } from '../infra/db.js';
import { FAMILIES, GENERAL_BRANDS, KINDS, type Kind } from './data-goods.js';
import { buildSpu, shelfPlan, shelvesOf, type BuildContext, type Shelf, type SpuPlan } from './goods.js';
import { MediaFiles } from './media.js';
import { createRandom, type Random } from './random.js';
import { emptyGoodsRows, goodsIds, GOODS_TABLES, insertGoodsRows, ROWS_PER_INSERT, syncSequences } from './rows.js';
import { colourOf, productSvg } from './svg.js';
import { loadLeafCategories } from './tree.js';

export interface TopUpOptions {
  target: number;
  mediaDir: string;
  onProgress?: (done: number, total: number) => void;
}

const SKUS_PER_TRANSACTION = 10_000;
const SUFFIXES = ['', '', ' Pro', ' Max', ' Plus', ' Lite', ' SE', ' 青春版'];

/** Each leaf category as a shelf; brands missing from tb_brand fall back to the general ones. */
async function loadShelves(db: Database): Promise<Shelf[]> {
  const leaves = await loadLeafCategories(db);
  const names = [...new Set([...KINDS, ...FAMILIES].flatMap((kind) => kind.brands))];
  const known = new Map((await db.select({ id: brands.id, name: brands.name }).from(brands).where(inArray(brands.name, names))).map((b) => [b.name, b]));
  const fallback = GENERAL_BRANDS.flatMap((name) => known.get(name) ?? []);
  const anyBrand = fallback.length ? fallback : await db.select({ id: brands.id, name: brands.name }).from(brands).limit(10);
  if (!anyBrand.length) throw new Error('seed: the top-up needs the base catalogue (no brands found)');
  return shelvesOf(leaves, known, anyBrand);
}

/**
 * 100,000 SKUs must not mean 100,000 files: generated SKUs share one picture per kind and
 * colour under goods/pool/, all drawn before the first row refers to them.
 */
function poolPath(kind: Kind, colour: string): string {
  return `goods/pool/${kind.key}-${colour.slice(1)}.svg`;
}

function drawPool(media: MediaFiles): void {
  for (const kind of [...KINDS, ...FAMILIES]) {
    const colourSpecs = kind.specs.filter((spec) => spec.name === '颜色');
    const colours = new Set([kind.colour, ...colourSpecs.flatMap((spec) => spec.options.map((option) => colourOf(option, kind.colour)))]);
    const label = kind.path.split('/').pop() || '精选好物';
    for (const colour of colours) media.add(poolPath(kind, colour), productSvg({ icon: kind.icon, colour, brand: '美多优选', label }));
  }
}

const pooledPictures: BuildContext['imagesFor'] = (sku, plan) => [poolPath(plan.kind, sku.colour)];

function generatedPlan(shelf: Shelf, random: Random, now: Date, maxSkus: number): SpuPlan {
  const model = `${random.pick(shelf.kind.series)} ${random.int(2, 99)}${random.pick(SUFFIXES)} ${shelf.category.name}`;
  return shelfPlan(shelf, random, now, model, maxSkus);
}

async function skuTotal(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(skus);
  return row!.n;
}

/** Adds generated goods until tb_sku holds `target` rows; returns how many SKUs were added. */
export async function topUpSkus(db: Database, options: TopUpOptions): Promise<number> {
  const start = await skuTotal(db);
  if (start >= options.target) return 0;
  const shelves = await loadShelves(db);
  const media = new MediaFiles(options.mediaDir);
  drawPool(media);
  await media.flush();
  // Seeded from where the run starts, so the same command on the same data gives the same goods.
  const random = createRandom(0x5eed ^ start);
  const [spuCount] = await db.select({ n: count() }).from(spus);
  let shelfIndex = spuCount!.n;
  let done = start;
  const now = new Date();
  while (done < options.target) {
    await db.transaction(async (tx) => {
      const ids = await goodsIds(tx);
      const stop = Math.min(options.target, done + SKUS_PER_TRANSACTION);
      while (done < stop) {
        const rows = emptyGoodsRows();
        const context: BuildContext = { ids, random, rows, now, imagesFor: pooledPictures };
        const batchEnd = Math.min(stop, done + ROWS_PER_INSERT);
        while (done + rows.skus.length < batchEnd) {
          const shelf = shelves[shelfIndex++ % shelves.length]!;
          buildSpu(generatedPlan(shelf, random, now, batchEnd - done - rows.skus.length), context);
        }
        await insertGoodsRows(tx, rows);
        done += rows.skus.length;
        options.onProgress?.(done, options.target);
      }
      // With each commit: a run stopped part way must not leave the sequences behind the ids.
      await syncSequences(tx, GOODS_TABLES);
    });
  }
  return done - start;
}
