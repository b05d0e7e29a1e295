// Shapes more than one area uses: ids, page queries and pages (contract §1.6).
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** A database id in a URL or body: PostgreSQL's integer range. */
export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

/** Query fields of a paginated list; strings, so a bad value reaches the contract's 404. */
export const PageQuery = {
  page: Type.Optional(Type.String({ maxLength: 20 })),
  page_size: Type.Optional(Type.String({ maxLength: 20 })),
};

/** DRF's page-number page. */
export const Paged = <T extends TSchema>(item: T) =>
  Type.Object({
    count: Type.Integer(),
    next: Type.Union([Type.String(), Type.Null()]),
    previous: Type.Union([Type.String(), Type.Null()]),
    results: Type.Array(item),
  });
export type Paged<T> = { count: number; next: string | null; previous: string | null; results: T[] };

/** A named thing in a list: a category, an area. */
export const NamedRef = Type.Object({ id: Type.Integer(), name: Type.String() });
export type NamedRef = Static<typeof NamedRef>;
