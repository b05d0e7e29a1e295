// Shapes of the back office's pictures, brands and channels (contract §10.6 `goods/images/`,
// §10.8, §10.9, §10.10), as the original admin app sends and reads them: multipart forms whose
// numbers come as text (`"12"`), and absolute URLs for every picture.
import { Type, type Static } from '@sinclair/typebox';
import { AdminPageQuery } from './admin-users.js';
import { Id, Int } from './common.js';
import { BRAND_NAME_MAX } from './goods-rules.js';

/** A file part of a multipart form (the server checks that a file came). */
export const FilePart = (description: string) => Type.Unsafe<unknown>({ contentMediaType: 'application/octet-stream', description });

/** An id, or the empty text an edit form sends for "unchanged". */
export const IdOrBlank = Type.Union([Id, Type.Literal('')]);

// SKU pictures (§10.8)
export const SkuImageItem = Type.Object({ id: Type.Integer(), sku: Type.Integer(), image: Type.String() });
export type SkuImageItem = Static<typeof SkuImageItem>;
export const SkuImageQuery = Type.Intersect([AdminPageQuery, Type.Object({ sku: Type.Optional(Type.String({ pattern: '^[0-9]{0,9}$' })) })]);
export type SkuImageQuery = Static<typeof SkuImageQuery>;
export const NewSkuImage = Type.Object({ sku: Id, image: FilePart('the picture: JPEG, PNG, WebP or GIF') });
export type NewSkuImage = Static<typeof NewSkuImage>;
/** An edit: a new file replaces the old; `sku` (the app) moves the picture, an empty `sku_id` keeps it where it is. */
export const SkuImageEdit = Type.Object({
  sku: Type.Optional(IdOrBlank),
  sku_id: Type.Optional(IdOrBlank),
  image: Type.Optional(FilePart('a new picture replacing the old one')),
});
export type SkuImageEdit = Static<typeof SkuImageEdit>;

/** The rich-text editor's picture (§10.6 `goods/images/`). */
export const RichTextImage = Type.Object({ image: FilePart('a picture for an SPU description') });
export type RichTextImage = Static<typeof RichTextImage>;
export const RichTextImageUrl = Type.Object({ img_url: Type.String() });
export type RichTextImageUrl = Static<typeof RichTextImageUrl>;

// Brands (§10.10)
export const BrandItem = Type.Object({ id: Type.Integer(), name: Type.String(), logo: Type.String(), first_letter: Type.String() });
export type BrandItem = Static<typeof BrandItem>;
const brandFields = { name: Type.String({ minLength: 1, maxLength: BRAND_NAME_MAX }), first_letter: Type.String({ minLength: 1, maxLength: 1 }) };
export const NewBrand = Type.Object({ ...brandFields, logo: FilePart('the logo: JPEG, PNG, WebP or GIF') });
export type NewBrand = Static<typeof NewBrand>;
/** The app always sends a new logo; without one the logo stays. */
export const BrandEdit = Type.Object({ ...brandFields, logo: Type.Optional(FilePart('a new logo')) });
export type BrandEdit = Static<typeof BrandEdit>;

// Channels, their groups and the top categories (§10.9)
export const ChannelItem = Type.Object({
  id: Type.Integer(),
  category: Type.String(),
  category_id: Type.Integer(),
  group: Type.String(),
  group_id: Type.Integer(),
  url: Type.String(),
  sequence: Type.Integer(),
});
export type ChannelItem = Static<typeof ChannelItem>;
export const ChannelInput = Type.Object({
  group_id: Id,
  category_id: Id,
  url: Type.String({ minLength: 1, maxLength: 50 }),
  sequence: Int({ minimum: 0, maximum: 2_147_483_647 }),
});
export type ChannelInput = Static<typeof ChannelInput>;
export const ChannelGroupInput = Type.Object({ name: Type.String({ minLength: 1, maxLength: 20 }) });
export type ChannelGroupInput = Static<typeof ChannelGroupInput>;
