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

/** A decimal price string as integer cents ("6499.5" → 649950), so totals add exactly. */
export function toCents(value: string | number): number {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(value).trim());
  if (!match) return Number.NaN;
  const [, sign, whole, fraction = ''] = match;
  const cents = Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
  return sign ? -cents : cents;
}

/** Integer cents back to the shop's decimal string (649950 → "6499.50"). */
export function centsToText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
