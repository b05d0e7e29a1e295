// Reading a failed call (contract §1.5): its status, its catalogue code, its texts.
import { isAxiosError } from 'axios';

/** The HTTP status of a failed call, or undefined when the server never answered. */
export function errorStatus(err: unknown): number | undefined {
  return isAxiosError(err) ? err.response?.status : undefined;
}

/** The catalogue code of a failed call (its `Error-Code` header): what a page switches on, not the text. */
export function errorCode(err: unknown): string | undefined {
  const code: unknown = isAxiosError(err) ? err.response?.headers['error-code'] : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** The parsed JSON body of a failed call, if any. */
export function errorBody(err: unknown): unknown {
  return isAxiosError(err) ? err.response?.data : undefined;
}

/**
 * The first message stored under `key` of an error body: E1/E2 keep a list of strings per
 * key, E4/E5 a single string.
 */
export function messageAt(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const value: unknown = (body as Record<string, unknown>)[key];
  if (typeof value === 'string') return value || undefined;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0] || undefined;
  return undefined;
}

/**
 * Where a failed form submission's messages go: the per-field texts of a 400's E1 body under
 * their fields, and an E2 `non_field_errors`, E4 `message` or E5 `detail` text as the form's own
 * message. A failure with no text of its own (network down, a bare 500) shows `fallback`.
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
