import { ref } from 'vue';
import { errorStatus } from '../api';
import { serverErrors } from '../form-errors';
import { alipayUrl } from '../order-api';

/**
 * 去支付 for an unpaid Alipay order (contract §9.1): the API signs the Alipay URL and the browser
 * goes there. On success the page is being left, so `paying` stays on until it is gone.
 */
export function useAlipay() {
  const paying = ref(false);
  const payError = ref('');

  async function pay(orderId: string): Promise<void> {
    if (paying.value) return;
    paying.value = true;
    payError.value = '';
    try {
      window.location.assign(await alipayUrl(orderId));
    } catch (err) {
      paying.value = false;
      // A 401 is already on its way to the login page.
      if (errorStatus(err) !== 401) payError.value = serverErrors(err, [], '无法发起支付，请稍后再试').general;
    }
  }

  return { paying, payError, pay };
}
