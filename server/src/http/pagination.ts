// The shop's page-number pagination (contract §1.6): `page` 1-based, `page_size` default 2,
// capped at 20; a page past the end (or not a number) is 404 {"detail": "无效页面。"}.
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

const DEFAULT_PAGE_SIZE = 2;
const MAX_PAGE_SIZE = 20;

/** Query fields of a paginated list; strings, so a bad value reaches the contract's 404. */
export const PageQuery = {
  page: Type.Optional(Type.String({ maxLength: 20 })),
  page_size: Type.Optional(Type.String({ maxLength: 20 })),
};

export interface PageRequest {
  page: number;
  size: number;
  offset: number;
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

const invalidPage = () => new ApiError(404, { detail: '无效页面。' });

const positive = (raw: string | undefined) => (raw !== undefined && /^\d{1,9}$/.test(raw) ? Number(raw) : 0);

export function pageRequest(query: { page?: string; page_size?: string }): PageRequest {
  const page = query.page === undefined ? 1 : positive(query.page);
  if (page < 1) throw invalidPage();
  // DRF falls back to the default for a page size that is missing, zero or not a number.
  const size = Math.min(positive(query.page_size) || DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return { page, size, offset: (page - 1) * size };
}

function pageUrl(request: FastifyRequest, page: number | null): string {
  const url = new URL(request.url, `${request.protocol}://${request.host}`);
  if (page === null || page === 1) url.searchParams.delete('page');
  else url.searchParams.set('page', String(page));
  return url.toString();
}

const pagesOf = (at: PageRequest, count: number) => Math.max(1, Math.ceil(count / at.size));

/** The contract's 404 for a page past the end (page 1 may be empty): before reading its rows. */
export function assertOnPage(at: PageRequest, count: number): void {
  if (at.page > pagesOf(at, count)) throw invalidPage();
}

/** The contract's page body; throws the 404 for a page past the end. */
export function pageOf<T>(request: FastifyRequest, at: PageRequest, count: number, results: T[]): Page<T> {
  assertOnPage(at, count);
  const pages = pagesOf(at, count);
  return {
    count,
    next: at.page < pages ? pageUrl(request, at.page + 1) : null,
    previous: at.page > 1 ? pageUrl(request, at.page - 1) : null,
    results,
  };
}
