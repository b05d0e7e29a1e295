import type { CartItem, CartLineAnswer } from '@meiduo/contract/carts';
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { addToCart, cartItems, removeCartLine, selectAllCartLines, updateCartLine } from '../cart-api';
import { useLatest } from '../composables/latest';
import { useAuthStore } from './auth';

/**
 * The shopper's cart lines (contract §7), shared by the header's mini-cart, the detail page and
 * the cart page. A line changes only by the API's answer (§7.3: count and tick come back in
 * the PUT's response), so what the page shows is what the server stored.
 */
export const useCartStore = defineStore('cart', () => {
  const auth = useAuthStore();
  const lines = ref<CartItem[]>([]);
  /** 'loading' only until the first answer: a later refresh keeps showing the lines it replaces. */
  const status = ref<'loading' | 'ready' | 'error'>('loading');

  /** Pieces in the cart, for the header's badge. */
  const totalCount = computed(() => lines.value.reduce((sum, line) => sum + line.count, 0));

  const latest = useLatest();

  async function refresh(): Promise<void> {
    if (status.value === 'error') status.value = 'loading';
    await latest.run(cartItems, {
      ok: (items) => {
        lines.value = items;
        status.value = 'ready';
      },
      failed: () => (status.value = 'error'),
    });
  }

  // Login merges the anonymous cart into the user's, logout leaves the cookie's: either way
  // another cart is now the shopper's.
  watch(() => auth.token, refresh, { immediate: true });

  function apply(answer: CartLineAnswer): void {
    const line = lines.value.find((item) => item.id === answer.sku_id);
    if (!line) return;
    line.count = answer.count;
    line.selected = answer.selected;
  }

  /** Adds to the cart, then re-reads it: the answer holds only the increment, not the new line. */
  async function add(skuId: number, count: number): Promise<void> {
    await addToCart({ sku_id: skuId, count });
    await refresh();
  }

  async function setCount(line: CartItem, count: number): Promise<void> {
    apply(await updateCartLine({ sku_id: line.id, count, selected: line.selected }));
  }

  async function tick(line: CartItem, selected: boolean): Promise<void> {
    apply(await updateCartLine({ sku_id: line.id, count: line.count, selected }));
  }

  async function tickAll(selected: boolean): Promise<void> {
    await selectAllCartLines(selected);
    for (const line of lines.value) line.selected = selected;
  }

  async function remove(skuId: number): Promise<void> {
    await removeCartLine(skuId);
    lines.value = lines.value.filter((line) => line.id !== skuId);
  }

  return { lines, status, totalCount, refresh, add, setCount, tick, tickAll, remove };
});
