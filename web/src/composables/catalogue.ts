import { ref } from 'vue';
import type { ChannelGroup } from '@meiduo/contract/goods';
import { categoryMenu, menuGroups } from '../goods-api';

export type LoadStatus = 'loading' | 'ready' | 'error';

// One copy for the whole app: the header's bar and the home page show the same menu, so a
// retry pressed in one place fills both.
const groups = ref<ChannelGroup[]>([]);
const status = ref<LoadStatus>('loading');
let pending: Promise<void> | null = null;

function load(): Promise<void> {
  pending ??= (async () => {
    status.value = 'loading';
    try {
      groups.value = menuGroups(await categoryMenu());
      status.value = 'ready';
    } catch {
      status.value = 'error';
    } finally {
      pending = null;
    }
  })();
  return pending;
}

/** The category menu (contract §6.1), loaded on first use and kept for the visit. */
export function useCategoryMenu() {
  if (status.value !== 'ready') void load();
  return { groups, status, load };
}
