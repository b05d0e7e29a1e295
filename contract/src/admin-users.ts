// Shapes of the back office's login and users (contract §10.2, §10.4), as the original back
// office app (meiduo_mall_admin) sends and reads them.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

/** The admin paginator (§10.1): `page` 1-based (missing → 1), `pagesize` default 5, max 10. */
export const AdminPageQuery = Type.Object({
  page: Type.Optional(Type.String({ maxLength: 12 })),
  pagesize: Type.Optional(Type.String({ maxLength: 12 })),
});
export type AdminPageQuery = Static<typeof AdminPageQuery>;

/** The admin page body: replaces the shop's `count/next/previous/results`; `pagesize` is the one used. */
export const AdminPage = <T extends TSchema>(item: T) =>
  Type.Object({ count: Type.Integer(), lists: Type.Array(item), page: Type.Integer(), pages: Type.Integer(), pagesize: Type.Integer() });
export type AdminPage<T> = { count: number; lists: T[]; page: number; pages: number; pagesize: number };

export const AdminCredentials = Type.Object({ username: text(150), password: text(128) });
export type AdminCredentials = Static<typeof AdminCredentials>;
/** `id`, not the shop's `user_id`: the app stores it as `user_id` itself. */
export const AdminSession = Type.Object({ token: Type.String(), id: Type.Integer(), username: Type.String() });
export type AdminSession = Static<typeof AdminSession>;

/** An empty keyword (the app always sends one) means no filter. */
export const UserListQuery = Type.Intersect([AdminPageQuery, Type.Object({ keyword: Type.Optional(Type.String({ maxLength: 150 })) })]);
export type UserListQuery = Static<typeof UserListQuery>;
export const UserListItem = Type.Object({ id: Type.Integer(), username: Type.String(), mobile: Type.String(), email: Type.String() });
export type UserListItem = Static<typeof UserListItem>;
/** The app leaves e-mail blank when the operator does. */
export const NewUser = Type.Object({
  username: Type.String({ maxLength: 150 }),
  password: Type.String({ maxLength: 128 }),
  mobile: Type.String({ maxLength: 32 }),
  email: Type.Optional(Type.String({ maxLength: 254 })),
});
export type NewUser = Static<typeof NewUser>;
