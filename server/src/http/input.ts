// Odd input the JSON schemas alone do not stop, refused before a handler sees it.
import { FINITE } from '@meiduo/contract/common';

/**
 * The contract's `x-finite` keyword (see contract/src/common.ts): a number coerced from text must
 * be finite, since Ajv's range checks skip Infinity. Reported as a field that is not an integer.
 */
export const finiteKeyword = {
  keyword: FINITE,
  schemaType: 'boolean' as const,
  validate: (wanted: boolean, data: unknown): boolean => !wanted || typeof data !== 'number' || Number.isFinite(data),
};
