// Shapes of comments on ordered goods (contract §8.5).
import { Type, type Static } from '@sinclair/typebox';
import { COMMENT_MAX_LENGTH, COMMENT_MIN_LENGTH, SCORE_MAX, SCORE_MIN } from './comment-rules.js';
import { Id, Int } from './common.js';

export const UncommentedLine = Type.Object({
  order: Type.String(),
  sku: Type.Object({ id: Type.Integer(), name: Type.String(), price: Type.String(), default_image_url: Type.String() }),
  price: Type.String(),
  count: Type.Integer(),
});
export type UncommentedLine = Static<typeof UncommentedLine>;
export const UncommentedLines = Type.Array(UncommentedLine);

export const CommentInput = Type.Object({
  order: Type.Optional(Type.String({ maxLength: 64 })),
  sku: Id,
  comment: Type.String({ minLength: COMMENT_MIN_LENGTH, maxLength: COMMENT_MAX_LENGTH }),
  score: Int({ minimum: SCORE_MIN, maximum: SCORE_MAX }),
  is_anonymous: Type.Optional(Type.Boolean()),
});
export type CommentInput = Static<typeof CommentInput>;
export const CommentSaved = Type.Object({ order: Type.String(), sku: Type.Integer(), comment: Type.String(), score: Type.Integer(), is_anonymous: Type.Boolean() });
export type CommentSaved = Static<typeof CommentSaved>;

/** A comment as the detail page shows it; an anonymous one's name is masked. */
export const SkuComment = Type.Object({ username: Type.String(), comment: Type.String(), score: Type.Integer() });
export type SkuComment = Static<typeof SkuComment>;
export const SkuComments = Type.Array(SkuComment);
