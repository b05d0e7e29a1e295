/** Number of pages for `count` items, at least 1 so an empty list still has "page 1". */
export function pageCount(count: number, pageSize: number): number {
  return Math.max(1, Math.ceil(count / pageSize));
}

/**
 * The page buttons of a pager, null standing for an ellipsis: always the first and last
 * page and the neighbours of the current one, e.g. 1 … 5 [6] 7 … 20. A gap of a single page
 * shows that page instead of "…", which would take the same room.
 */
export function pageItems(current: number, total: number): (number | null)[] {
  if (total <= 7) return Array.from({ length: total }, (_, i) => i + 1);
  const shown = new Set([1, total, current - 1, current, current + 1]);
  // Near either end, show five pages there so the pager keeps a steady width.
  if (current <= 4) [2, 3, 4, 5].forEach((n) => shown.add(n));
  if (current >= total - 3) [total - 4, total - 3, total - 2, total - 1].forEach((n) => shown.add(n));
  const pages = [...shown].filter((n) => n >= 1 && n <= total).sort((a, b) => a - b);
  const items: (number | null)[] = [];
  pages.forEach((n, i) => {
    const before = pages[i - 1];
    if (before !== undefined && n - before === 2) items.push(n - 1);
    else if (before !== undefined && n - before > 2) items.push(null);
    items.push(n);
  });
  return items;
}

/** A positive integer from a query-string value, or `fallback`. */
export function positiveInt(value: unknown, fallback: number): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || !/^\d+$/.test(text)) return fallback;
  const n = Number(text);
  return n >= 1 && Number.isSafeInteger(n) ? n : fallback;
}
