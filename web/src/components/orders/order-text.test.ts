import { describe, expect, it } from 'vitest';
import { formatOrderTime, lineAmount } from './order-text';

describe('order texts', () => {
  it('multiplies a unit price exactly', () => {
    expect(lineAmount('0.10', 3)).toBe('0.30');
    expect(lineAmount('6499.99', 7)).toBe('45499.93');
  });

  it('prints the time in local time, and an unreadable one as it came', () => {
    const local = new Date(2026, 10, 5, 8, 3, 9);
    expect(formatOrderTime(local.toISOString())).toBe('2026-11-05 08:03:09');
    expect(formatOrderTime('soon')).toBe('soon');
  });
});
