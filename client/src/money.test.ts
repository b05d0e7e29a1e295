import { describe, expect, it } from 'vitest';
import { centsToText, formatPrice, toCents } from './money';

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

describe('cents', () => {
  it('reads decimal strings exactly, where floats would not', () => {
    expect(toCents('0.10') + toCents('0.20')).toBe(30);
    expect(toCents('6499')).toBe(649900);
    expect(toCents('19.9')).toBe(1990);
    expect(toCents('-3.05')).toBe(-305);
    expect(toCents('abc')).toBeNaN();
  });

  it('writes cents back as the shop prints money', () => {
    expect(centsToText(30)).toBe('0.30');
    expect(centsToText(649950)).toBe('6499.50');
    expect(centsToText(-305)).toBe('-3.05');
    expect(centsToText(toCents('3388.00') * 3 + toCents('10.00'))).toBe('10174.00');
  });
});
