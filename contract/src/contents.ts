// Shapes of the home page's advertising slots (contract §6.1 `contents`, §11.4).
import { Type, type Static } from '@sinclair/typebox';

export const ContentItem = Type.Object({
  title: Type.String(),
  url: Type.String(),
  image: Type.Union([Type.String(), Type.Null()]),
  text: Type.Union([Type.String(), Type.Null()]),
});
export type ContentItem = Static<typeof ContentItem>;

/** Slot key (index_lbt, index_1f_pd, …) → its shown rows; a slot without rows is absent. */
export const HomeContents = Type.Record(Type.String(), Type.Array(ContentItem));
export type HomeContents = Static<typeof HomeContents>;
