// The contract's page bodies (§1.6): count, absolute next/previous URLs, results.
import type { Paged } from '@meiduo/contract/common';
import type { FastifyRequest } from 'fastify';
import { assertOnPage, pagesOf, type PageRequest } from '../paging.js';

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
