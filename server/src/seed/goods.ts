// Turns one planned SPU into its rows: specifications and options, one SKU per option tuple
// (the cartesian product, a few tuples left out), each SKU's option per spec, and pictures.
// The base catalogue and the bulk top-up both go through here, so they obey the same rules.
import { kindOf, type Kind } from './data-goods.js';
import { clip, contiguous, type Random } from './random.js';
import type { GoodsIds, GoodsRows } from './rows.js';
import { colourOf, escapeXml } from './svg.js';

export interface CategoryRef {
  c1: number;
  c2: number;
  c3: number;
  /** The third-level name. */
  name: string;
}

export interface BrandRef {
  id: number;
  name: string;
}

export interface SpecChoice {
  name: string;
  options: readonly string[];
  tiered: boolean;
}

export interface SpuPlan {
  name: string;
  brand: BrandRef;
  kind: Kind;
  category: CategoryRef;
  /** Yuan, for the cheapest tier. */
  basePrice: number;
  specs: SpecChoice[];
  caption: string;
  createTime: Date;
  /** Stop after this many SKUs (the top-up lands on an exact total). */
  maxSkus?: number;
}

export interface SkuDraft {
  id: number;
  values: string[];
  colour: string;
}

/** What the home page contents need to know of a SKU made here. */
export interface PlannedSku {
  id: number;
  spuId: number;
  categoryId: number;
  kind: Kind;
  name: string;
  price: string;
  image: string;
  launched: boolean;
}

export interface BuildContext {
  ids: GoodsIds;
  random: Random;
  rows: GoodsRows;
  now: Date;
  /** The SKU's pictures, default first; they become default_image_url and tb_sku_image rows. */
  imagesFor(sku: SkuDraft, plan: SpuPlan): string[];
}

const DAY = 86_400_000;

/** A third-level category with the kind of goods it holds and the brands that sell them. */
export interface Shelf {
  category: CategoryRef;
  kind: Kind;
  brands: BrandRef[];
}

/** Each leaf category with its kind (data-goods.ts kindOf) and the brands that fit, else `fallback`. */
export function shelvesOf(leaves: Map<string, CategoryRef>, brandsByName: Map<string, BrandRef>, fallback: BrandRef[]): Shelf[] {
  return [...leaves].map(([path, category]) => {
    const kind = kindOf(path);
    const fitting = kind.brands.flatMap((name) => brandsByName.get(name) ?? []);
    return { category, kind, brands: fitting.length ? fitting : fallback };
  });
}

/** A made-up SPU of the shelf: one of its brands, `model`, a log-uniform price in the kind's range. */
export function shelfPlan(shelf: Shelf, random: Random, now: Date, model: string, maxSkus?: number): SpuPlan {
  const { kind, category } = shelf;
  const brand = random.pick(shelf.brands);
  // Log-uniform prices: many cheap goods, a few expensive ones, as in a real shop.
  const [low, high] = kind.price;
  return {
    name: clip(`${brand.name} ${model}`, 40),
    brand,
    kind,
    category,
    basePrice: low * (high / low) ** random.next(),
    specs: chooseSpecs(kind, random),
    caption: random.pick(kind.captions),
    createTime: new Date(now.getTime() - random.int(1, 730) * DAY),
    maxSkus,
  };
}

/** Options per spec: fixed ones where given, otherwise a deterministic pick from the kind's pool. */
export function chooseSpecs(kind: Kind, random: Random, fixed: Record<string, string[]> = {}): SpecChoice[] {
  return kind.specs.map((pool) => {
    const wanted = random.int(pool.pick[0], pool.pick[1]);
    const options =
      fixed[pool.name] ?? (pool.tiered ? contiguous(random, pool.options, wanted) : random.sample(pool.options, wanted));
    return { name: pool.name, options, tiered: pool.tiered ?? false };
  });
}

function combinations(sizes: number[]): number[][] {
  return sizes.reduce<number[][]>((tuples, size) => tuples.flatMap((tuple) => Array.from({ length: size }, (_, i) => [...tuple, i])), [[]]);
}

/** Shop prices end in 9 (6499, 299, 79.90); in cents to keep the arithmetic exact. */
function shopPrice(yuan: number): number {
  if (yuan >= 1000) return (Math.round(yuan / 100) * 100 - 1) * 100;
  if (yuan >= 100) return (Math.round(yuan / 10) * 10 - 1) * 100;
  return Math.max(1, Math.floor(yuan)) * 100 + 90;
}

function formatCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function descriptions(plan: SpuPlan): { descDetail: string; descPack: string; descService: string } {
  const e = escapeXml;
  const specItems = plan.specs.map((spec) => `<li>${e(spec.name)}：${e(spec.options.join(' / '))}</li>`).join('');
  const service = plan.kind.perishable
    ? '<p><strong>食品酒水</strong>签收后不支持七天无理由退货。</p><ul><li>质量问题包退换</li><li>密封包装，顺丰发货</li></ul>'
    : '<p><strong>美多保障</strong></p><ul><li>7 天无理由退货</li><li>15 天质量问题换货</li><li>全国联保 1 年</li></ul>';
  return {
    descDetail: `<p><strong>${e(plan.name)}</strong></p><p>${e(plan.caption)}</p><ul><li>品牌：${e(plan.brand.name)}</li><li>分类：${e(plan.category.name)}</li>${specItems}</ul>`,
    descPack: `<p><strong>包装清单</strong></p><ul><li>${e(plan.category.name)} ×1</li><li>说明书 ×1</li><li>${plan.kind.perishable ? '合格证' : '保修卡'} ×1</li></ul>`,
    descService: service,
  };
}

/** Every option tuple gets a SKU, except a few "not offered" ones on SPUs with many tuples. */
function offeredTuples(specs: SpecChoice[], random: Random, maxSkus: number): number[][] {
  const all = combinations(specs.map((spec) => spec.options.length));
  const offered = all.length > 4 ? all.filter((_, i) => i === 0 || !random.chance(0.12)) : all;
  return offered.slice(0, Math.max(1, maxSkus));
}

function tupleCents(plan: SpuPlan, tuple: number[]): number {
  const factor = plan.specs.reduce((product, spec, i) => product * (spec.tiered ? 1 + 0.15 * tuple[i]! : 1), 1);
  return shopPrice(plan.basePrice * factor);
}

/** Adds the SPU's rows to `context.rows` and returns what was made of its SKUs. */
export function buildSpu(plan: SpuPlan, context: BuildContext): PlannedSku[] {
  const { ids, random, rows, now } = context;
  const spuId = ids.spu.next();
  const specIds = plan.specs.map(() => ids.spec.next());
  const optionIds = plan.specs.map((spec, i) =>
    spec.options.map((value) => {
      const id = ids.option.next();
      rows.options.push({ id, specId: specIds[i]!, value, createTime: plan.createTime, updateTime: plan.createTime });
      return id;
    }),
  );
  plan.specs.forEach((spec, i) => rows.specs.push({ id: specIds[i]!, spuId, name: spec.name, createTime: plan.createTime, updateTime: plan.createTime }));
  const colourSpec = plan.specs.findIndex((spec) => spec.name === '颜色');
  const made: PlannedSku[] = [];
  for (const tuple of offeredTuples(plan.specs, random, plan.maxSkus ?? Infinity)) {
    const id = ids.sku.next();
    const values = tuple.map((option, i) => plan.specs[i]!.options[option]!);
    const colour = colourOf(colourSpec >= 0 ? values[colourSpec] : undefined, plan.kind.colour);
    const images = context.imagesFor({ id, values, colour }, plan);
    const cents = tupleCents(plan, tuple);
    const launched = !random.chance(0.05);
    const createTime = new Date(Math.min(now.getTime(), plan.createTime.getTime() + random.int(0, 20) * DAY));
    const name = clip(`${plan.name} ${values.join(' ')}`, 50);
    rows.skus.push({
      id,
      name,
      caption: clip(plan.caption, 100),
      spuId,
      categoryId: plan.category.c3,
      price: formatCents(cents),
      // Market price 8–30 % above, cost 55–80 % of the price: whole yuan and whole cents.
      marketPrice: formatCents(Math.ceil((cents * (1.08 + random.next() * 0.22)) / 100) * 100),
      costPrice: formatCents(Math.floor(cents * (0.55 + random.next() * 0.25))),
      stock: random.chance(0.08) ? 0 : random.int(1, 500),
      // Counts of rows, never made up: the demo orders (orders.ts) add what they sold and reviewed.
      sales: 0,
      comments: 0,
      isLaunched: launched,
      defaultImageUrl: images[0]!,
      createTime,
      updateTime: createTime,
    });
    tuple.forEach((option, i) =>
      rows.skuSpecs.push({ id: ids.skuSpec.next(), skuId: id, specId: specIds[i]!, optionId: optionIds[i]![option]!, createTime, updateTime: createTime }),
    );
    for (const image of images) rows.images.push({ id: ids.image.next(), skuId: id, image, createTime, updateTime: createTime });
    made.push({ id, spuId, categoryId: plan.category.c3, kind: plan.kind, name, price: formatCents(cents), image: images[0]!, launched });
  }
  rows.spus.push({
    id: spuId,
    name: clip(plan.name, 50),
    brandId: plan.brand.id,
    category1Id: plan.category.c1,
    category2Id: plan.category.c2,
    category3Id: plan.category.c3,
    sales: 0,
    comments: 0,
    ...descriptions(plan),
    createTime: plan.createTime,
    updateTime: plan.createTime,
  });
  return made;
}
