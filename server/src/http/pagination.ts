// The contract's page bodies (§1.6): count, absolute next/previous URLs, results.
import type { Paged } from '@meiduo/contract/common';
import type { FastifyRequest } from 'fastify';
import { assertOnPage, pagesOf, type PageRequest } from '../paging.js';

function pageUrl(request: FastifyRequest, page: number | null): string {
  const url = new URL(request.url, `${request.protocol}://${request.host}`);
  if (page === null || page === 1) url.searchParams.delete('page');
  else url.searchParams.set('page', String(page));
  return url.toString();
}

/** The contract's page body; throws the 404 for a page past the end. */
export function pageOf<T>(request: FastifyRequest, at: PageRequest, count: number, results: T[]): Paged<T> {
  assertOnPage(at, count);
  const pages = pagesOf(at, count);
  return {
    count,
    next: at.page < pages ? pageUrl(request, at.page + 1) : null,
    previous: at.page > 1 ? pageUrl(request, at.page - 1) : null,
    results,
  };
}
