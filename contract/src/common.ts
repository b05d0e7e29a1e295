// Shapes more than one area uses: ids, page queries and pages (contract §1.6).
import { Type, type IntegerOptions, type Static, type TSchema } from '@sinclair/typebox';

/**
 * The keyword every integer of a request carries. Ajv turns the text "Infinity" (or "1e309") of a
 * URL, query or body into a number and then skips its type and range checks (ajv#2212): such a
 * value passed `Id` and reached PostgreSQL. The API's validator registers the keyword
 * (server/src/http/input.ts) and refuses a number that is not finite.
 */
export const FINITE = 'x-finite';

/** An integer a request carries (in a URL, a query or a body); never Type.Integer for input. */
export const Int = (options: IntegerOptions = {}) => Type.Integer({ ...options, [FINITE]: true });

/** A database id in a URL, query or body: PostgreSQL's integer range. */
export const Id = Int({ minimum: 1, maximum: 2_147_483_647 });

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

/** A calendar day `YYYY-MM-DD` that exists (the back office's date filters: Asia/Shanghai days). */
export const Day = Type.String({ format: 'date', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
