// The idempotency keys of one visit to 确认订单 (contract §8.3 beyond the original: Idempotency-Key).
import type { PayMethod } from '@meiduo/contract/order-rules';

/** randomUUID exists only in secure contexts (https, localhost); the shop may be served on plain http. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * A key stands for one exact checkout of this visit (this address, this pay method): a double
 * click, or a retry after the answer was lost, is the same request, and the API answers the order
 * it already made. Another address or pay method is another request, with a key of its own, so
 * the API never answers it with an order of the old choice; choosing the old one again is the
 * old request again.
 */
export function checkoutKeys() {
  const keys = new Map<string, string>();
  return {
    of(address: number, pay: PayMethod): string {
      const choice = `${address}:${pay}`;
      const key = keys.get(choice) ?? newKey();
      keys.set(choice, key);
      return key;
    },
  };
}
