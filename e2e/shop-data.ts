// The shopping tests' own money oracle, worked out here from the prices, not with the
// storefront's money.ts. (SKUs, the address and buyers: server/test/fixtures.ts.)

/** "6499.15" → 649915 cents (prices come with two decimals). */
export const cents = (price: string) => Number(price.replace('.', ''));
/** 649915 → "¥ 6499.15", as the pages print amounts. */
export const yuan = (total: number) => `¥ ${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`;
