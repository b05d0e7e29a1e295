// One form of the back office: a draft, the contract's rules checked before sending, and the
// API's answer put where it belongs (a field's message beside the field, anything else above
// the form). Fields are the draft's keys.
import { serverErrors } from '@meiduo/client/errors';
import { errorText, type ErrorCode } from '@meiduo/contract/errors';
import { reactive, ref } from 'vue';

/** A rule's message from the contract's error catalogue (`params` fill its `{limit}`…), or undefined when the value passes. */
export const say = (code: ErrorCode | undefined, params: Record<string, string> = {}): string | undefined => (code ? errorText(code, params) : undefined);

export function useForm<Draft extends object>(blank: () => Draft, fallback = '保存失败，请稍后重试') {
  type Field = keyof Draft & string;
  const fields = Object.keys(blank()) as Field[];
  // Drafts are plain values (no refs inside), so the reactive copy reads as the draft itself.
  const draft = reactive(blank()) as Draft;
  const fieldErrors = reactive<Partial<Record<Field, string>>>({});
  const formError = ref('');
  const saving = ref(false);

  /** Starts over from a blank draft, or from `values` (editing a row). */
  function reset(values: Partial<Draft> = {}): void {
    Object.assign(draft, blank(), values);
    for (const field of fields) delete (fieldErrors as Record<string, string | undefined>)[field];
    formError.value = '';
  }

  /**
   * Checks the draft with `check` (a message per failing field), and only if it passes sends it
   * with `send`. Answers whether it was saved.
   */
  async function submit(check: (draft: Draft) => Partial<Record<Field, string | undefined>>, send: (draft: Draft) => Promise<unknown>): Promise<boolean> {
    formError.value = '';
    const problems = check(draft);
    for (const field of fields) (fieldErrors as Record<string, string | undefined>)[field] = problems[field];
    if (fields.some((field) => problems[field])) return false;
    saving.value = true;
    try {
      await send(draft);
      return true;
    } catch (error) {
      const found = serverErrors(error, fields, fallback);
      Object.assign(fieldErrors, found.fields);
      formError.value = found.general;
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { draft, fieldErrors, formError, saving, reset, submit };
}
