// One paged list of the back office: its rows, total, page, loading and error states. The page
// keeps its own filters and reads them in `fetch`; an answer that arrives after a newer request
// was sent is dropped, so a slow first search never overwrites a later one.
import type { AdminPage } from '@meiduo/contract/admin-users';
import { errorStatus } from '@meiduo/client/errors';
import { ref, shallowRef } from 'vue';

export function usePagedList<Row>(fetch: (page: number) => Promise<AdminPage<Row>>, failedText: string) {
  const page = ref(1);
  const rows = shallowRef<Row[]>([]);
  const count = ref(0);
  const loading = ref(false);
  /** Shown above the table with a 重试 button; empty while the list is fine. */
  const failed = ref('');
  let latest = 0;

  /** The current page again; a page asked for past the end comes back as the last. */
  async function load(): Promise<void> {
    const asked = ++latest;
    loading.value = true;
    failed.value = '';
    try {
      const found = await fetch(page.value);
      if (asked !== latest) return;
      rows.value = found.lists;
      count.value = found.count;
      page.value = found.page;
    } catch (error) {
      if (asked !== latest) return;
      rows.value = [];
      count.value = 0;
      // A 401 is already on its way to the login page.
      if (errorStatus(error) !== 401) failed.value = failedText;
    } finally {
      if (asked === latest) loading.value = false;
    }
  }

  /** From the first page (after the filters changed). */
  function reload(): Promise<void> {
    page.value = 1;
    return load();
  }

  function turn(to: number): Promise<void> {
    page.value = to;
    return load();
  }

  return { page, rows, count, loading, failed, load, reload, turn };
}
