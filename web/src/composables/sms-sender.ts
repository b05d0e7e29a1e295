import { computed, readonly, ref } from 'vue';
import { errorBody, messageAt } from '../api';
import { useCountdown } from './countdown';

/** How long the button waits before another code may be asked for (the API's own wait, §1.10). */
export const SMS_RESEND_SECONDS = 60;

/**
 * The "获取短信验证码" button of a form: one request at a time, then a countdown. `send`
 * resolves to the message to show under the code field ('' once the API took the request).
 */
export function useSmsSender() {
  const countdown = useCountdown(SMS_RESEND_SECONDS);
  const sending = ref(false);

  const busy = computed(() => countdown.running.value || sending.value);
  const buttonText = computed(() => {
    if (countdown.running.value) return `${countdown.remaining.value}秒后重新获取`;
    return sending.value ? '发送中…' : '获取短信验证码';
  });

  async function send(request: () => Promise<void>): Promise<string> {
    if (busy.value) return '';
    sending.value = true;
    try {
      await request();
      countdown.start();
      return '';
    } catch (err) {
      // Throttled or refused: E4 message, E2 non_field_errors, or a framework detail.
      const body = errorBody(err);
      return messageAt(body, 'message') ?? messageAt(body, 'non_field_errors') ?? messageAt(body, 'detail') ?? '短信验证码发送失败，请稍后再试';
    } finally {
      sending.value = false;
    }
  }

  return { busy, sending: readonly(sending), buttonText, send };
}
