// Shapes of the back office's catalogue (contract §10.5–§10.7): SKUs with their spec options,
// SPUs, specifications and options, and the pickers, as the original back office app
// (meiduo_mall_admin) sends and reads them. Its forms send numbers as strings ("6499", "100"),
// `is_launched` as "true"/"false" (or "" untouched, a boolean on the edit form) and `spec_id` as
// a string: integers here are coerced from text by the API's validator, money is text.
import { Type, type Static } from '@sinclair/typebox';
import { AdminPageQuery } from './admin-users.js';
import { Id, Int } from './common.js';
import { MONEY_PATTERN } from './sku-rules.js';
import { DESCRIPTION_MAX, OPTION_VALUE_MAX, SPEC_NAME_MAX, SPU_NAME_MAX } from './goods-rules.js';

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

/** A price as the form sends it: "6499", "6499.5", "6499.00" (or a JSON number, turned into text). */
export const MoneyInput = Type.String({ pattern: MONEY_PATTERN, maxLength: 11 });
/** `true`/`false`, their text, or "" (a radio left untouched: the SKU stays as it is, or on sale when new). */
export const LaunchedInput = Type.Union([Type.Boolean(), Type.String({ maxLength: 5 })]);

export const IdParams = Type.Object({ id: Id });
export type IdParams = Static<typeof IdParams>;

/** An empty keyword (the app always sends one) means no filter. */
export const SkuListQuery = Type.Intersect([AdminPageQuery, Type.Object({ keyword: Type.Optional(Type.String({ maxLength: 50 })) })]);
export type SkuListQuery = Static<typeof SkuListQuery>;

export const SkuSpecRef = Type.Object({ spec_id: Id, option_id: Id });
export type SkuSpecRef = Static<typeof SkuSpecRef>;

export const SkuInput = Type.Object({
  name: text(50),
  caption: Type.Optional(Type.String({ maxLength: 100 })),
  spu_id: Id,
  category_id: Id,
  price: MoneyInput,
  cost_price: MoneyInput,
  market_price: MoneyInput,
  stock: Int({ minimum: 0, maximum: 2_147_483_647 }),
  is_launched: Type.Optional(LaunchedInput),
  /** One option per specification of the SPU. */
  specs: Type.Optional(Type.Array(SkuSpecRef, { maxItems: 20 })),
});
export type SkuInput = Static<typeof SkuInput>;
export const SkuPatch = Type.Partial(SkuInput);
export type SkuPatch = Static<typeof SkuPatch>;

export const SkuItem = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  caption: Type.String(),
  /** The SPU's and the category's names, read only. */
  spu: Type.String(),
  spu_id: Type.Integer(),
  category: Type.String(),
  category_id: Type.Integer(),
  price: Type.String(),
  cost_price: Type.String(),
  market_price: Type.String(),
  stock: Type.Integer(),
  sales: Type.Integer(),
  comments: Type.Integer(),
  is_launched: Type.Boolean(),
  /** Absolute URL or ''; both names, as the two editions of the model call it. */
  default_image_url: Type.String(),
  default_image: Type.String(),
  create_time: Type.String(),
  update_time: Type.String(),
  specs: Type.Array(SkuSpecRef),
});
export type SkuItem = Static<typeof SkuItem>;

export const SpuInput = Type.Object({
  name: text(SPU_NAME_MAX),
  brand_id: Id,
  category1_id: Id,
  category2_id: Id,
  category3_id: Id,
  /** Rich HTML the storefront shows: sanitized on write (an allow-list). */
  desc_detail: Type.Optional(Type.String({ maxLength: DESCRIPTION_MAX })),
  desc_pack: Type.Optional(Type.String({ maxLength: DESCRIPTION_MAX })),
  desc_service: Type.Optional(Type.String({ maxLength: DESCRIPTION_MAX })),
});
export type SpuInput = Static<typeof SpuInput>;
export const SpuPatch = Type.Partial(SpuInput);
export type SpuPatch = Static<typeof SpuPatch>;

export const SpuItem = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  brand: Type.String(),
  brand_id: Type.Integer(),
  category1_id: Type.Integer(),
  category2_id: Type.Integer(),
  category3_id: Type.Integer(),
  sales: Type.Integer(),
  comments: Type.Integer(),
  desc_detail: Type.String(),
  desc_pack: Type.String(),
  desc_service: Type.String(),
  create_time: Type.String(),
  update_time: Type.String(),
});
export type SpuItem = Static<typeof SpuItem>;

export const SpecInput = Type.Object({ name: text(SPEC_NAME_MAX), spu_id: Id });
export type SpecInput = Static<typeof SpecInput>;
export const SpecItem = Type.Object({ id: Type.Integer(), name: Type.String(), spu: Type.String(), spu_id: Type.Integer() });
export type SpecItem = Static<typeof SpecItem>;

export const OptionInput = Type.Object({ value: text(OPTION_VALUE_MAX), spec_id: Id });
export type OptionInput = Static<typeof OptionInput>;
export const OptionItem = Type.Object({ id: Type.Integer(), value: Type.String(), spec: Type.String(), spec_id: Type.Integer() });
export type OptionItem = Static<typeof OptionItem>;

/** `goods/<spu_id>/specs/`: the SKU form renders one select per spec. */
export const SpuSpec = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  spu: Type.String(),
  spu_id: Type.Integer(),
  options: Type.Array(Type.Object({ id: Type.Integer(), value: Type.String(), spec_id: Type.Integer() })),
});
export type SpuSpec = Static<typeof SpuSpec>;

/** `POST skus/import/`: each bad row by its line in the file (the header is line 1) and what is wrong with it. */
export const ImportReport = Type.Object({
  rows: Type.Integer(),
  dry_run: Type.Boolean(),
  /** Whether the rows were written (never on a dry run, never with a bad row). */
  applied: Type.Boolean(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), errors: Type.Array(Type.String()) })),
});
export type ImportReport = Static<typeof ImportReport>;
export const ImportQuery = Type.Object({ dry_run: Type.Optional(Type.String({ maxLength: 5 })) });
export type ImportQuery = Static<typeof ImportQuery>;
