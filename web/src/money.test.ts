import { describe, expect, it } from 'vitest';
import { formatPrice } from './money';

describe('formatPrice', () => {
  it('shows the API decimal string as is, after a yuan sign', () => {
    expect(formatPrice('6499.00')).toBe('¥ 6499.00');
    expect(formatPrice('0.10')).toBe('¥ 0.10');
  });

  it('pads to two decimals without floating-point arithmetic', () => {
    expect(formatPrice('3388')).toBe('¥ 3388.00');
    expect(formatPrice('19.9')).toBe('¥ 19.90');
    expect(formatPrice('99999999999999999.99')).toBe('¥ 99999999999999999.99');
  });

  it('does not hide odd or missing values', () => {
    expect(formatPrice('')).toBe('¥ --');
    expect(formatPrice(null)).toBe('¥ --');
    expect(formatPrice('面议')).toBe('¥ 面议');
  });
});
