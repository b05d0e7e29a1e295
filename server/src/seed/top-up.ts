// Bulk goods for benchmarks (`--skus 100000`): new SPUs round-robin over every third-level
// category until tb_sku holds the requested total. Rows go in 1,000 per INSERT, one transaction
// per 10,000 SKUs, so an interrupted run keeps its progress and a rerun simply continues.
import { count, inArray } from 'drizzle-orm';
import { brands, skus, spus } from '../db/schema/index.js';
import type { Database } from '../infra/db.js';
import { GENERAL_BRANDS, KINDS, type Kind } from './data-goods.js';
import { buildSpu, chooseSpecs, type BrandRef, type BuildContext, type CategoryRef, type SpuPlan } from './goods.js';
import { MediaFiles } from './media.js';
import { clip, createRandom, type Random } from './random.js';
import { emptyGoodsRows, goodsIds, GOODS_TABLES, insertGoodsRows, ROWS_PER_INSERT, syncSequences } from './rows.js';
import { colourOf, productSvg } from './svg.js';
import { loadLeafCategories } from './tree.js';

export interface TopUpOptions {
  target: number;
  mediaDir: string;
  onProgress?: (done: number, total: number) => void;
}

const SKUS_PER_TRANSACTION = 10_000;
const DAY = 86_400_000;
const SUFFIXES = ['', '', ' Pro', ' Max', ' Plus', ' Lite', ' SE', ' 青春版'];

interface Shelf {
  category: CategoryRef;
  kind: Kind;
  brands: BrandRef[];
}

/** Each leaf category with the kind that claims it (or the catch-all) and brands that fit. */
async function loadShelves(db: Database): Promise<Shelf[]> {
  const leaves = await loadLeafCategories(db);
  const catchAll = KINDS.find((kind) => kind.path === '')!;
  const names = [...new Set(KINDS.flatMap((kind) => kind.brands))];
  const known = new Map((await db.select({ id: brands.id, name: brands.name }).from(brands).where(inArray(brands.name, names))).map((b) => [b.name, b]));
  const brandsOf = (list: readonly string[]) => list.flatMap((name) => known.get(name) ?? []);
  const fallback = brandsOf(GENERAL_BRANDS);
  const anyBrand = fallback.length ? fallback : (await db.select({ id: brands.id, name: brands.name }).from(brands).limit(10));
  if (!anyBrand.length) throw new Error('seed: the top-up needs the base catalogue (no brands found)');
  return [...leaves].map(([path, category]) => {
    const kind = KINDS.find((candidate) => candidate.path === path) ?? catchAll;
    const fitting = brandsOf(kind.brands);
    return { category, kind, brands: fitting.length ? fitting : anyBrand };
  });
}

/**
 * 100,000 SKUs must not mean 100,000 files: generated SKUs share one picture per kind and
 * colour under goods/pool/, all drawn before the first row refers to them.
 */
function poolPath(kind: Kind, colour: string): string {
  return `goods/pool/${kind.key}-${colour.slice(1)}.svg`;
}

function drawPool(media: MediaFiles): void {
  for (const kind of KINDS) {
    const colourSpecs = kind.specs.filter((spec) => spec.name === '颜色');
    const colours = new Set([kind.colour, ...colourSpecs.flatMap((spec) => spec.options.map((option) => colourOf(option, kind.colour)))]);
    const label = kind.path.split('/').pop() || '精选好物';
    for (const colour of colours) media.add(poolPath(kind, colour), productSvg({ icon: kind.icon, colour, brand: '美多优选', label }));
  }
}

const pooledPictures: BuildContext['imagesFor'] = (sku, plan) => [poolPath(plan.kind, sku.colour)];

function generatedPlan(shelf: Shelf, random: Random, now: Date, maxSkus: number): SpuPlan {
  const { kind, category } = shelf;
  const brand = random.pick(shelf.brands);
  const model = `${random.pick(kind.series)} ${random.int(2, 99)}${random.pick(SUFFIXES)}`;
  // Log-uniform prices: many cheap goods, a few expensive ones, as in a real shop.
  const [low, high] = kind.price;
  const basePrice = low * (high / low) ** random.next();
  return {
    name: clip(`${brand.name} ${model} ${category.name}`, 40),
    brand,
    kind,
    category,
    basePrice,
    specs: chooseSpecs(kind, random),
    caption: random.pick(kind.captions),
    createTime: new Date(now.getTime() - random.int(1, 730) * DAY),
    maxSkus,
  };
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
