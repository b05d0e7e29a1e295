// The contract's page bodies (§1.6): count, absolute next/previous URLs, results.
import type { AdminPage } from '@meiduo/contract/admin-users';
import type { Paged } from '@meiduo/contract/common';
import type { FastifyRequest } from 'fastify';
import { adminPageRequest, assertOnPage, pagesOf, type PageRequest } from '../paging.js';

/** The contract's page body of a request; throws the 404 for a page past the end. */
export type PageOf = <T>(request: FastifyRequest, at: PageRequest, count: number, results: T[]) => Paged<T>;

/**
 * Page bodies whose links start at the API's configured origin (API_URL). Never the request's
 * Host: a client names any host it likes there (links to evil.example), or none at all (HTTP/1.0).
 */
export function pageBodies(apiUrl: string): PageOf {
  const origin = apiUrl.replace(/\/+$/, '');
  const pageUrl = (request: FastifyRequest, page: number | null): string => {
    // Only the request's path and query: an absolute-form request line carries a host of its own.
    const { pathname, search } = new URL(request.url, 'http://request.invalid');
    const url = new URL(origin + pathname + search);
    if (page === null || page === 1) url.searchParams.delete('page');
    else url.searchParams.set('page', String(page));
    return url.toString();
  };
  return (request, at, count, results) => {
    assertOnPage(at, count);
    const pages = pagesOf(at, count);
    return {
      count,
      next: at.page < pages ? pageUrl(request, at.page + 1) : null,
      previous: at.page > 1 ? pageUrl(request, at.page - 1) : null,
      results,
    };
  };
}

/** The back office's page body (contract §10.1): `pagesize` is the size used, not the one asked for; a page past the end is 404. */
export function adminPage<T>(at: PageRequest, count: number, lists: T[]): AdminPage<T> {
  assertOnPage(at, count);
  return { count, lists, page: at.page, pages: pagesOf(at, count), pagesize: at.size };
}

/** The handler of a back office list: the page asked for, the rows `load` gives for it, the admin body. */
export function adminList<Q extends { page?: string; pagesize?: string }, T>(load: (at: PageRequest, query: Q) => Promise<{ count: number; rows: T[] }>) {
  return async (request: FastifyRequest): Promise<AdminPage<T>> => {
    // The route's querystring schema has checked the query's shape.
    const query = request.query as Q;
    const at = adminPageRequest(query);
    const { count, rows } = await load(at, query);
    return adminPage(at, count, rows);
  };
}
