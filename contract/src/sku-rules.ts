// The SKU form's field rules (contract §10.5), one copy for the API's schema and CSV import and
// the back office's form and inline edits. No imports: the pages bundle this file as is.

/** A price as text: up to 8 digits, then up to 2 decimals ("6499", "6499.5", "6499.00"). */
export const MONEY_PATTERN = '^[0-9]{1,8}(\\.[0-9]{1,2})?$';
const MONEY = new RegExp(MONEY_PATTERN);
/** Stock as text: a non-negative whole number that fits PostgreSQL's integer. */
const STOCK = /^[0-9]{1,9}$/;

/** Error codes of the catalogue (errors.ts) that these rules produce. */
export type SkuRuleCode = 'field_required' | 'goods.money_format' | 'goods.stock_format';

export function isMoney(value: string): boolean {
  return MONEY.test(value);
}

export function isStock(value: string): boolean {
  return STOCK.test(value);
}

export function requiredRule(value: string | number | null | undefined): SkuRuleCode | undefined {
  return value === null || value === undefined || String(value).trim() === '' ? 'field_required' : undefined;
}

export function moneyRule(value: string): SkuRuleCode | undefined {
  return requiredRule(value) ?? (isMoney(value.trim()) ? undefined : 'goods.money_format');
}

export function stockRule(value: string): SkuRuleCode | undefined {
  return requiredRule(value) ?? (isStock(value.trim()) ? undefined : 'goods.stock_format');
}
