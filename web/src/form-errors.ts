import { errorBody, errorStatus, messageAt } from './api';

/**
 * Where a failed form submission's messages go (contract §1.5): the per-field texts of a 400's
 * E1 body under their fields, and an E2 `non_field_errors`, E4 `message` or E5 `detail` text as
 * the form's own message. A failure with no text of its own (network down, a bare 500) shows
 * `fallback`.
 */
export function serverErrors<F extends string>(
  err: unknown,
  fields: readonly F[],
  fallback: string,
): { fields: Partial<Record<F, string>>; general: string } {
  const body = errorBody(err);
  const found: Partial<Record<F, string>> = {};
  if (errorStatus(err) === 400) {
    for (const field of fields) {
      const message = messageAt(body, field);
      if (message) found[field] = message;
    }
  }
  const general =
    messageAt(body, 'non_field_errors') ??
    messageAt(body, 'message') ??
    messageAt(body, 'detail') ??
    (Object.keys(found).length ? '' : fallback);
  return { fields: found, general };
}
