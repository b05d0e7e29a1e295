// The back office's catalogue fields (contract §10.6, §10.7, §10.10): the lengths the API's
// schemas allow and the brand's first letter, one copy for the API and the pages.
// No imports: the pages bundle this file as is.

export const SPU_NAME_MAX = 50;
export const SPEC_NAME_MAX = 20;
export const OPTION_VALUE_MAX = 20;
export const BRAND_NAME_MAX = 20;
/** Each of an SPU's three descriptions (HTML), before it is cleaned. */
export const DESCRIPTION_MAX = 60_000;

/** Error codes of the catalogue (errors.ts) that these rules produce. */
export type GoodsRuleCode = 'field_blank' | 'field_too_long' | 'brand.first_letter';

/** A required text of at most `max` characters (spaces alone do not fill it in). */
export function textRule(value: string, max: number): GoodsRuleCode | undefined {
  if (!value.trim()) return 'field_blank';
  return value.length > max ? 'field_too_long' : undefined;
}

/** A brand's first letter: one letter A–Z, either case (the API stores it upper case). */
export function firstLetterRule(letter: string): GoodsRuleCode | undefined {
  return /^[A-Za-z]$/.test(letter) ? undefined : 'brand.first_letter';
}
