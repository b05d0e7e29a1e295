// The shop's page-number pagination (contract §1.6): `page` 1-based, `page_size` default 2,
// capped at 20; a page past the end (or not a number) is 404 {"detail": "无效页面。"}.
// The rules live here for services; http/pagination.ts builds the page bodies.
import { fail } from './errors.js';

const DEFAULT_PAGE_SIZE = 2;
const MAX_PAGE_SIZE = 20;

export interface PageRequest {
  page: number;
  size: number;
  offset: number;
}

const invalidPage = () => fail('page_invalid');

const positive = (raw: string | undefined) => (raw !== undefined && /^\d{1,9}$/.test(raw) ? Number(raw) : 0);

export function pageRequest(query: { page?: string; page_size?: string }): PageRequest {
  const page = query.page === undefined ? 1 : positive(query.page);
  if (page < 1) throw invalidPage();
  // DRF falls back to the default for a page size that is missing, zero or not a number.
  const size = Math.min(positive(query.page_size) || DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return { page, size, offset: (page - 1) * size };
}

export const pagesOf = (at: PageRequest, count: number) => Math.max(1, Math.ceil(count / at.size));

/** The contract's 404 for a page past the end (page 1 may be empty): before reading its rows. */
export function assertOnPage(at: PageRequest, count: number): void {
  if (at.page > pagesOf(at, count)) throw invalidPage();
}


// The back office's paginator (contract §10.1): `pagesize` default 5, capped at 10.
const ADMIN_PAGE_SIZE = 5;
const ADMIN_MAX_PAGE_SIZE = 10;

export function adminPageRequest(query: { page?: string; pagesize?: string }): PageRequest {
  // The app sometimes omits `page` (a table reloading after an edit): page 1.
  const page = query.page === undefined || query.page === '' ? 1 : positive(query.page);
  if (page < 1) throw invalidPage();
  const size = Math.min(positive(query.pagesize) || ADMIN_PAGE_SIZE, ADMIN_MAX_PAGE_SIZE);
  return { page, size, offset: (page - 1) * size };
}
