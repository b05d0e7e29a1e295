import { reactive, ref } from 'vue';
import { errorStatus } from '../api';
import { serverErrors } from '../form-errors';

/**
 * A form's messages and its submission: one client-side check per field (the message, or ''),
 * run on blur (`check`) and all together before submitting; the server's answer placed per
 * field (E1) or as the form's own message (`formError`). A 401 of an authenticated call has
 * already sent the shopper to login, so it shows nothing.
 */
export function useForm<F extends string>(checks: Record<F, () => string>, fallback: string) {
  const fields = Object.keys(checks) as F[];
  const errors = reactive(Object.fromEntries(fields.map((field) => [field, '']))) as Record<F, string>;
  const formError = ref('');
  const submitting = ref(false);

  function check(field: F): void {
    errors[field] = checks[field]();
  }

  /** Every check; a message the server gave for a value not edited since is kept. */
  function validateAll(): boolean {
    for (const field of fields) errors[field] = checks[field]() || errors[field];
    return fields.every((field) => !errors[field]);
  }

  async function submit(action: () => Promise<void>): Promise<void> {
    formError.value = '';
    if (submitting.value || !validateAll()) return;
    submitting.value = true;
    try {
      await action();
    } catch (err) {
      if (errorStatus(err) === 401) return;
      const found = serverErrors(err, fields, fallback);
      Object.assign(errors, found.fields);
      formError.value = found.general;
    } finally {
      submitting.value = false;
    }
  }

  return { errors, formError, submitting, check, submit };
}
