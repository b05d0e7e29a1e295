// Home page advertising (contract §6.1, §11.4): one content category per slot key and its rows
// (carousel banners, news lines, the header ad and three floors of links, tags and goods).
import { contentCategories, contents } from '../db/schema/index.js';
import type { Database } from '../infra/db.js';
import type { IconName } from './data-goods.js';
import type { CategoryRef, PlannedSku } from './goods.js';
import type { MediaFiles } from './media.js';
import { IdCounter, insertRows, lastId } from './rows.js';
import { bannerSvg } from './svg.js';

type ContentRow = Omit<typeof contents.$inferInsert, 'categoryId' | 'sequence'>;

interface Floor {
  n: 1 | 2 | 3;
  title: string;
  colour: string;
  icon: IconName;
  /** Third-level category paths for the channel links. */
  channels: string[];
  tags: string[];
  /** Goods tabs: slot suffix, name, kinds shown, cheapest first or not. */
  tabs: [string, string, string[], boolean][];
}

const FLOORS: Floor[] = [
  { n: 1, title: '手机通讯', colour: '#d7263d', icon: 'phone',
    channels: ['手机/手机通讯/手机', '手机/手机通讯/游戏手机', '手机/手机配件/手机壳', '手机/手机配件/充电器', '手机/手机配件/移动电源', '数码/影音娱乐/耳机耳麦', '数码/智能设备/智能手表'],
    tags: ['华为', 'iPhone', '小米', 'OPPO', 'vivo', '荣耀', '快充'],
    tabs: [['ssxp', '时尚新品', ['phone'], false], ['cxdj', '畅想低价', ['phone', 'headphone'], true], ['sjpj', '手机配件', ['powerbank', 'headphone', 'watch'], false]] },
  { n: 2, title: '电脑数码', colour: '#2f6fd6', icon: 'laptop',
    channels: ['电脑/电脑整机/笔记本', '电脑/电脑整机/平板电脑', '电脑/电脑整机/台式机', '电脑/外设产品/鼠标', '电脑/外设产品/键盘', '相机/摄影摄像/微单相机', '办公/办公设备/打印机'],
    tags: ['MacBook', 'ThinkPad', '轻薄本', 'iPad', '微单', '显示器'],
    tabs: [['jjhg', '加价换购', ['headphone', 'tablet', 'camera'], false], ['cxdj', '畅想低价', ['laptop', 'tablet'], true]] },
  { n: 3, title: '家居家装', colour: '#2a9d8f', icon: 'fridge',
    channels: ['家用电器/大家电/平板电视', '家用电器/大家电/空调', '家用电器/大家电/冰箱', '家用电器/厨房小电/电饭煲', '厨具/烹饪锅具/炒锅', '家居/家纺/床品套件', '家具/客厅家具/沙发'],
    tags: ['以旧换新', '空调', '冰箱', '电饭煲', '炒锅', '智能家居'],
    tabs: [['shyp', '生活用品', ['tv', 'aircon', 'fridge', 'cooker'], false], ['cfyp', '厨房用品', ['cookware', 'cooker'], true]] },
];

/**
 * The pictures' sizes are their boxes' on the home page (the carousel 38:21, the header ad 8:5),
 * so the page shows them whole at every width instead of cropping their slogans.
 */
const CAROUSEL_SIZE = { width: 760, height: 420 };
const HEADER_AD_SIZE = { width: 240, height: 150 };

// [title, subtitle, colour, icon, link: a category path or an SKU name prefix, shown]
const CAROUSEL: [string, string, string, IconName, string, boolean][] = [
  ['美多年货节', '坚果零食低至 5 折，满 199 减 100', '#d7263d', 'snack', '食品/休闲食品/坚果炒货', true],
  ['新机首发', '华为 Mate 60 Pro 限时直降 500 元', '#1f3a5f', 'phone', '华为 Mate 60 Pro', true],
  ['开学季 电脑狂欢', '轻薄本至高立减 1000 元，12 期免息', '#2f6fd6', 'laptop', '电脑/电脑整机/笔记本', true],
  ['家电以旧换新', '空调冰箱电视，至高补贴 2000 元', '#2a9d8f', 'aircon', '家用电器/大家电/空调', true],
  ['运动季', '跑鞋第二双半价，全场包邮', '#f28c28', 'shoe', '运动/运动鞋包/跑步鞋', false],
];

// [headline, link: a category path or an SKU name prefix, shown]
const NEWS: [string, string, boolean][] = [
  ['华为 Mate 60 系列限时直降', '华为 Mate 60 Pro', true],
  ['小米 14 Pro 新品首发 享 12 期免息', '小米 14 Pro', true],
  ['家电以旧换新，最高补贴 2000 元', '家用电器/大家电/空调', true],
  ['开学季：笔记本电脑低至 5 折起', '电脑/电脑整机/笔记本', true],
  ['三只松鼠年货节 满 199 减 100', '食品/休闲食品/坚果炒货', true],
  ['跑鞋上新：李宁 赤兔6 Pro 到货', '李宁 赤兔6 Pro', true],
  ['计算机图书 每满 100 减 50', '图书/科技/计算机', true],
  ['美多会员日：全场包邮（已结束）', '食品/休闲食品/坚果炒货', false],
];

interface Slots {
  leaves: Map<string, CategoryRef>;
  skus: PlannedSku[];
  media: MediaFiles;
}

function linkFor(target: string, { leaves, skus }: Slots): string {
  const category = leaves.get(target);
  if (category) return `/list.html?cat=${category.c3}`;
  const sku = skus.find((candidate) => candidate.name.startsWith(target));
  if (!sku) throw new Error(`seed contents: nothing to link for "${target}"`);
  return `/goods/${sku.id}.html`;
}

function carousel(slots: Slots): ContentRow[] {
  return CAROUSEL.map(([title, subtitle, colour, icon, target, status], i) => ({
    title,
    url: linkFor(target, slots),
    image: slots.media.add(`contents/index_lbt-${i + 1}.svg`, bannerSvg({ width: CAROUSEL_SIZE.width, height: CAROUSEL_SIZE.height, colour, title, subtitle, icon })),
    text: subtitle,
    status,
  }));
}

function news(slots: Slots): ContentRow[] {
  return NEWS.map(([title, target, status]) => ({ title, url: linkFor(target, slots), image: null, text: title, status }));
}

function headerAd(slots: Slots): ContentRow[] {
  const title = '美多会员日';
  const image = bannerSvg({ ...HEADER_AD_SIZE, colour: '#7b5ea7', title, subtitle: '每月 18 日 全场包邮', icon: 'box' });
  return [{ title, url: linkFor('食品/休闲食品/坚果炒货', slots), image: slots.media.add('contents/index_ytgg-1.svg', image), text: null, status: true }];
}

/** One SKU per SPU of the given kinds, launched only, eight at most. */
function tabGoods(kinds: string[], cheapestFirst: boolean, skus: PlannedSku[]): PlannedSku[] {
  const seen = new Set<number>();
  const picked = skus.filter((sku) => {
    if (!sku.launched || !kinds.includes(sku.kind.key) || seen.has(sku.spuId)) return false;
    seen.add(sku.spuId);
    return true;
  });
  if (cheapestFirst) picked.sort((a, b) => Number(a.price) - Number(b.price));
  return picked.slice(0, 8);
}

function floorSlots(floor: Floor, slots: Slots): [string, string, ContentRow[]][] {
  const prefix = `index_${floor.n}f`;
  const channelLinks = floor.channels.map((path) => ({ title: slots.leaves.get(path)?.name ?? path, url: linkFor(path, slots), image: null, text: null }));
  const logo = bannerSvg({ width: 200, height: 360, colour: floor.colour, title: `${floor.n}F`, subtitle: floor.title, icon: floor.icon });
  const result: [string, string, ContentRow[]][] = [
    [`${prefix}_logo`, `${floor.n}楼Logo`, [{ title: floor.title, url: channelLinks[0]!.url, image: slots.media.add(`contents/${prefix}_logo-1.svg`, logo), text: null }]],
    [`${prefix}_pd`, `${floor.n}楼频道`, channelLinks],
    [`${prefix}_bq`, `${floor.n}楼标签`, floor.tags.map((tag) => ({ title: tag, url: `/search.html?q=${encodeURIComponent(tag)}`, image: null, text: null }))],
  ];
  for (const [suffix, name, kinds, cheapestFirst] of floor.tabs) {
    const goods = tabGoods(kinds, cheapestFirst, slots.skus);
    result.push([`${prefix}_${suffix}`, `${floor.n}楼${name}`, goods.map((sku) => ({ title: sku.name, url: `/goods/${sku.id}.html`, image: sku.image, text: `￥${sku.price}` }))]);
  }
  return result;
}

/** Inserts every slot of §6.1 with its rows; returns the number of content rows. */
export async function seedContents(db: Database, slots: Slots): Promise<number> {
  const all: [string, string, ContentRow[]][] = [
    ['index_lbt', '首页轮播图', carousel(slots)],
    ['index_kx', '首页快讯', news(slots)],
    ['index_ytgg', '首页页头广告', headerAd(slots)],
    ...FLOORS.flatMap((floor) => floorSlots(floor, slots)),
  ];
  const categoryIds = new IdCounter(await lastId(db, contentCategories));
  const contentIds = new IdCounter(await lastId(db, contents));
  const categoryRows = all.map(([key, name]) => ({ id: categoryIds.next(), key, name }));
  await insertRows(db, contentCategories, categoryRows);
  const contentRows = all.flatMap(([, , rows], i) =>
    rows.map((row, sequence) => ({ ...row, id: contentIds.next(), categoryId: categoryRows[i]!.id, sequence: sequence + 1 })),
  );
  await insertRows(db, contents, contentRows);
  return contentRows.length;
}
