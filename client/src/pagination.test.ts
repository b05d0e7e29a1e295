import { describe, expect, it } from 'vitest';
import { pageCount, pageItems, positiveInt } from './pagination';

describe('pager', () => {
  it('counts pages, with at least one', () => {
    expect(pageCount(0, 5)).toBe(1);
    expect(pageCount(10, 5)).toBe(2);
    expect(pageCount(11, 5)).toBe(3);
  });

  it('lists every page when there are few', () => {
    expect(pageItems(1, 1)).toEqual([1]);
    expect(pageItems(3, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('elides far pages around the current one', () => {
    expect(pageItems(1, 20)).toEqual([1, 2, 3, 4, 5, null, 20]);
    expect(pageItems(10, 20)).toEqual([1, null, 9, 10, 11, null, 20]);
    expect(pageItems(20, 20)).toEqual([1, null, 16, 17, 18, 19, 20]);
    expect(pageItems(5, 20)).toEqual([1, null, 4, 5, 6, null, 20]);
    expect(pageItems(4, 20)).toEqual([1, 2, 3, 4, 5, null, 20]);
  });

  it('reads page numbers from the query string', () => {
    expect(positiveInt('3', 1)).toBe(3);
    expect(positiveInt(['4'], 1)).toBe(4);
    expect(positiveInt('0', 1)).toBe(1);
    expect(positiveInt('x', 1)).toBe(1);
    expect(positiveInt(undefined, 1)).toBe(1);
  });
});
