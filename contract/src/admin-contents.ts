// Shapes of the back office's home page slots (beyond the contract: the original left them to
// Django's admin), with the field names of §11.4: a content belongs to a slot (category), shows
// when `status` is true, in `sequence` order.
import { Type, type Static } from '@sinclair/typebox';
import { FilePart } from './admin-media.js';
import { AdminPageQuery } from './admin-users.js';
import { Id, Int } from './common.js';

export const ContentCategoryItem = Type.Object({ id: Type.Integer(), name: Type.String(), key: Type.String() });
export type ContentCategoryItem = Static<typeof ContentCategoryItem>;

export const ContentItem = Type.Object({
  id: Type.Integer(),
  category: Type.String(),
  category_id: Type.Integer(),
  title: Type.String(),
  url: Type.String(),
  image: Type.Union([Type.String(), Type.Null()]),
  text: Type.Union([Type.String(), Type.Null()]),
  sequence: Type.Integer(),
  status: Type.Boolean(),
});
export type ContentItem = Static<typeof ContentItem>;

export const ContentQuery = Type.Intersect([AdminPageQuery, Type.Object({ category_id: Type.Optional(Type.String({ pattern: '^[0-9]{0,9}$' })) })]);
export type ContentQuery = Static<typeof ContentQuery>;

/** A form's flag: a boolean, or its text (`"true"`, `"false"`, `"1"`, `"0"`). */
const Flag = Type.Union([Type.Boolean(), Type.Literal('1'), Type.Literal('0')]);

/** A content's form (multipart with its picture, or JSON); `image` "" removes the picture on an edit. */
export const ContentInput = Type.Object({
  category_id: Id,
  title: Type.String({ minLength: 1, maxLength: 100 }),
  url: Type.String({ minLength: 1, maxLength: 300 }),
  text: Type.Optional(Type.String({ maxLength: 10_000 })),
  sequence: Int({ minimum: 0, maximum: 2_147_483_647 }),
  status: Type.Optional(Flag),
  image: Type.Optional(FilePart('the slot’s picture: JPEG, PNG, WebP or GIF')),
});
export type ContentInput = Static<typeof ContentInput>;
