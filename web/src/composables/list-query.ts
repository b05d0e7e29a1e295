import { computed } from 'vue';
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router';
import { LIST_ORDERINGS, type ListOrdering, type SkuFilterParams } from '../goods-api';
import { positiveInt } from '../pagination';

/** A price bound as the API takes it (contract SkuFilterQuery): yuan, at most 2 decimals. */
export const PRICE_BOUND = /^\d{1,8}(\.\d{1,2})?$/;

const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const bound = (value: unknown) => {
  const text = one(value);
  return typeof text === 'string' && PRICE_BOUND.test(text) ? text : undefined;
};

/**
 * What a product list shows, read from the query string: page, ordering, brand and price range
 * (list.html and search.html). The URL is the state, so reload, back/forward and shared links
 * restore the view; `update` writes a change, back to page 1 unless it is the page itself.
 */
export function useListQuery() {
  const route = useRoute();
  const router = useRouter();

  const page = computed(() => positiveInt(route.query.page, 1));
  const ordering = computed<ListOrdering>(() => LIST_ORDERINGS.find((o) => o === one(route.query.ordering)) ?? '-create_time');
  const filter = computed<SkuFilterParams>(() => {
    const brand = positiveInt(route.query.brand, 0) || undefined;
    const min = bound(route.query.price_min);
    let max = bound(route.query.price_max);
    // An upside-down range typed into the URL keeps its lower bound rather than failing the page.
    if (min !== undefined && max !== undefined && Number(max) < Number(min)) max = undefined;
    return { brand, price_min: min, price_max: max };
  });
  const filtered = computed(() => Object.values(filter.value).some((value) => value !== undefined));

  /** Sets (or, with undefined, drops) query keys; every other key stays. */
  function update(patch: Record<string, string | number | undefined>): void {
    const query: LocationQueryRaw = { ...route.query, page: undefined, ...patch };
    for (const [key, value] of Object.entries(query)) if (value === undefined || value === '') delete query[key];
    void router.push({ path: route.path, query });
  }

  return { page, ordering, filter, filtered, update };
}
