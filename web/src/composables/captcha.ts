import { computed, ref } from 'vue';
import { imageCodeUrl } from '../user-api';

/** A random (v4) UUID from getRandomValues, which, unlike randomUUID, also works on plain http. */
function newUuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * An image captcha of a form (contract §2.1): the page's own id for the picture, the answer
 * typed, and the picture's URL. An answer is good for one try, so `refresh` draws a new
 * picture under a new id after every answer the API has checked.
 */
export function useCaptcha() {
  const imageCodeId = ref('');
  const text = ref('');
  const url = computed(() => (imageCodeId.value ? imageCodeUrl(imageCodeId.value) : ''));

  function refresh(): void {
    imageCodeId.value = newUuid();
    text.value = '';
  }

  /** What the API takes: the id and the answer. */
  const answer = () => ({ imageCodeId: imageCodeId.value, text: text.value });

  return { imageCodeId, text, url, refresh, answer };
}
