/**
 * Prices arrive as decimal strings ("6499.00", contract §3.9). They are displayed by string
 * handling only: a float round trip could print 0.1 + 0.2 style noise or drop a cent.
 */
export function formatPrice(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '¥ --';
  const text = String(value).trim();
  const match = /^(-?\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return `¥ ${text}`;
  const [, whole, fraction = ''] = match;
  // Always two decimals, as the shop prints them; extra digits are cut, never rounded.
  const cents = (fraction + '00').slice(0, 2);
  return `¥ ${whole}.${cents}`;
}
