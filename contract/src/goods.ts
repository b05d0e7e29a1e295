// Shapes of the catalogue (contract §6): lists, hot SKUs, breadcrumbs, the menu, SKU detail, search.
import { Type, type Static } from '@sinclair/typebox';
import { Id, NamedRef, PageQuery, Paged } from './common.js';

export const CategoryParams = Type.Object({ category_id: Id });
export const SkuParams = Type.Object({ sku_id: Id });

/** What list, search, hot and history rows carry. */
export const SkuBrief = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  /** Decimal string such as "6499.00": shown as is, never parsed into a float. */
  price: Type.String(),
  /** Absolute URL, or '' when the SKU has no picture yet. */
  default_image_url: Type.String(),
  comments: Type.Integer(),
});
export type SkuBrief = Static<typeof SkuBrief>;

/** Contract §6.4: lower levels are '' for a higher-level id. */
export const Breadcrumb = Type.Object({
  cat1: Type.Object({ url: Type.String(), category: NamedRef }),
  cat2: Type.Union([NamedRef, Type.Literal('')]),
  cat3: Type.Union([NamedRef, Type.Literal('')]),
});
export type Breadcrumb = Static<typeof Breadcrumb>;

/** A channel: its top-level category, and where the menu links it. */
export const Channel = Type.Object({ id: Type.Integer(), name: Type.String(), url: Type.String() });
export type Channel = Static<typeof Channel>;

export const MenuCat2 = Type.Object({ id: Type.Integer(), name: Type.String(), sub_cats: Type.Array(NamedRef) });
export type MenuCat2 = Static<typeof MenuCat2>;

export const ChannelGroup = Type.Object({ channels: Type.Array(Channel), sub_cats: Type.Array(MenuCat2) });
export type ChannelGroup = Static<typeof ChannelGroup>;

/** The category menu of contract §6.1, keyed by channel group id ("1".."11"). */
export const CategoryMenu = Type.Record(Type.String(), ChannelGroup);
export type CategoryMenu = Static<typeof CategoryMenu>;

export const SpecOption = Type.Object({
  id: Type.Integer(),
  value: Type.String(),
  /** The sibling SKU with this option and every other spec unchanged, or null if none. */
  sku_id: Type.Union([Type.Integer(), Type.Null()]),
});
export type SpecOption = Static<typeof SpecOption>;

export const Spec = Type.Object({ id: Type.Integer(), name: Type.String(), options: Type.Array(SpecOption) });
export type Spec = Static<typeof Spec>;

/** Everything the detail page shows (what the original rendered into /goods/<id>.html). */
export const SkuDetail = Type.Object({
  sku: Type.Object({
    ...SkuBrief.properties,
    caption: Type.String(),
    market_price: Type.String(),
    stock: Type.Integer(),
    sales: Type.Integer(),
    images: Type.Array(Type.String()),
  }),
  goods: Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    /** Rich text written in the back office; rendered as HTML. */
    desc_detail: Type.String(),
    desc_pack: Type.String(),
    desc_service: Type.String(),
  }),
  breadcrumb: Breadcrumb,
  category_id: Type.Integer(),
  specs: Type.Array(Spec),
});
export type SkuDetail = Static<typeof SkuDetail>;

/** Contract §6.2; an unknown value is ignored (the default applies). */
export const SKU_ORDERINGS = ['create_time', '-create_time', 'price', '-price', 'sales', '-sales'] as const;
export type SkuOrdering = (typeof SKU_ORDERINGS)[number];

const Ordering = Type.Optional(Type.String({ maxLength: 20 }));

/** A price bound in yuan, as the prices are written ("99", "6499.00"). */
const PriceBound = Type.Optional(Type.String({ maxLength: 11, pattern: '^[0-9]{1,8}([.][0-9]{1,2})?$' }));

/**
 * Ours, beside the contract's parameters (README "Where we differ"): narrow a list or a search to
 * one brand and a price range, both bounds inclusive. A bad value is a 400 on its field.
 */
export const SkuFilterQuery = { brand: Type.Optional(Id), price_min: PriceBound, price_max: PriceBound };

export const SkuListQuery = Type.Object({ ...PageQuery, ordering: Ordering, ...SkuFilterQuery });
export const SkuPage = Paged(SkuBrief);

/** `ordering` is ours on search (the list's values); without it, or unknown, the best matches come first. */
export const SearchQuery = Type.Object({ ...PageQuery, text: Type.Optional(Type.String({ maxLength: 100 })), ordering: Ordering, ...SkuFilterQuery });
export const BrandsQuery = Type.Object({ text: Type.Optional(Type.String({ maxLength: 100 })) });

/** A brand present in a category or a search, with how many of its launched SKUs are there. */
export const BrandCount = Type.Object({ id: Type.Integer(), name: Type.String(), count: Type.Integer() });
export type BrandCount = Static<typeof BrandCount>;
/**
 * Haystack's hit: the indexed text and the SKU under `object`, and the same SKU's keys flat beside
 * them, which some editions of the original pages read (§6.5, §13).
 */
export const SearchHit = Type.Object({ text: Type.String(), object: SkuBrief, ...SkuBrief.properties });
export type SearchHit = Static<typeof SearchHit>;
export const SearchPage = Paged(SearchHit);
