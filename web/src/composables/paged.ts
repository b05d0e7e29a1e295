import { ref, type Ref } from 'vue';
import { errorBody, errorStatus } from '../api';
import { ERRORS } from '@meiduo/contract/errors';
import type { Paged } from '@meiduo/contract/common';
import { useLatest } from './latest';

/** 'past-end' is the API's 404 "无效页面。" for a page number beyond the last one. */
export type PagedState = 'idle' | 'loading' | 'ready' | 'past-end' | 'error';

/**
 * One page of a paginated endpoint (a category's SKUs, a search, my orders). Answers to
 * superseded requests (fast clicks on the pager, a new search) are dropped.
 */
export function usePaged<T>() {
  const items: Ref<T[]> = ref([]);
  const count = ref<number | null>(null);
  const state = ref<PagedState>('idle');
  const latest = useLatest();

  async function load(fetchPage: () => Promise<Paged<T>>): Promise<void> {
    state.value = 'loading';
    await latest.run(fetchPage, {
      ok: (data) => {
        items.value = data.results;
        count.value = data.count;
        state.value = 'ready';
      },
      failed: (err) => {
        items.value = [];
        // Only the contract's "无效页面。" is a page past the end; another 404 (a category that
        // is gone) must not offer "back to page 1", which would fail the same way.
        const pastEnd = errorStatus(err) === 404 && (errorBody(err) as { detail?: string } | undefined)?.detail === ERRORS.page_invalid.text;
        state.value = pastEnd ? 'past-end' : 'error';
      },
    });
  }

  function reset(): void {
    latest.cancel();
    items.value = [];
    count.value = null;
    state.value = 'idle';
  }

  return { items, count, state, load, reset };
}
