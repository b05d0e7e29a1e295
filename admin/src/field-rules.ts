// The API's schema limits of the back office's plain fields, checked before sending with the
// API's own texts (the contract's catalogue), so a form the API would refuse is not sent.
import { ERRORS } from '@meiduo/contract/errors';
import { say } from './composables/form';

const withLimit = (text: string, limit: number) => text.replace('{limit}', String(limit));

/** A text that must not be blank, of at most `max` characters. */
export function textRule(value: string, max: number): string | undefined {
  if (!value.trim()) return say('field_blank');
  return value.length > max ? withLimit(ERRORS.field_too_long.text, max) : undefined;
}

/** An optional text of at most `max` characters. */
export function optionalTextRule(value: string, max: number): string | undefined {
  return value && value.length > max ? withLimit(ERRORS.field_too_long.text, max) : undefined;
}

/** A choice of a select (an id; "" or undefined while none is chosen). */
export function chosenRule(value: number | '' | undefined): string | undefined {
  return value ? undefined : say('field_required');
}

/** A place in a list: a whole number from 0. */
export function sequenceRule(value: number | undefined): string | undefined {
  if (value === undefined || !Number.isInteger(value)) return say('field_not_integer');
  return value < 0 ? withLimit(ERRORS.field_too_small.text, 0) : undefined;
}
