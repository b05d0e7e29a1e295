// Shapes of QQ login (contract §4): the authorize URL, the code exchange, the binding.
import { Type, type Static } from '@sinclair/typebox';

export const QqLoginQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: 500 })) });
export const QqLoginUrl = Type.Object({ login_url: Type.String() });

/** The callback page sends QQ's code, and the signed state it got back (to learn `next`). */
export const QqCallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 500 })),
  state: Type.Optional(Type.String({ maxLength: 2000 })),
});
/** Bound: a session. Not bound: a token for the binding form. Both say where to go next. */
export const QqCallback = Type.Union([
  Type.Object({ token: Type.String(), user_id: Type.Integer(), username: Type.String(), next: Type.String() }),
  Type.Object({ access_token: Type.String(), next: Type.String() }),
]);
export type QqCallback = Static<typeof QqCallback>;

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
export const QqBinding = Type.Object({ mobile: text(32), password: text(128), sms_code: text(32), access_token: text(2000) });
export type QqBinding = Static<typeof QqBinding>;
/** Both page versions: one reads `id`, the other `user_id`. */
export const QqBound = Type.Object({ id: Type.Integer(), user_id: Type.Integer(), username: Type.String(), mobile: Type.String(), token: Type.String() });
export type QqBound = Static<typeof QqBound>;
