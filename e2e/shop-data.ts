// The shopping tests' own money oracle, worked out here from the prices, not with the
// storefront's money.ts, and what the pages' pictures look like. (SKUs, the address and buyers:
// server/test/fixtures.ts.)
import type { Page } from 'playwright-core';

/** "6499.15" → 649915 cents (prices come with two decimals). */
export const cents = (price: string) => Number(price.replace('.', ''));
/** 649915 → "¥ 6499.15", as the pages print amounts. */
export const yuan = (total: number) => `¥ ${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`;

/**
 * The carousel's banner and the header ad, each shown whole: its box has the picture's own shape
 * (object-fit: cover would cut the rest off), within half a percent.
 */
export async function uncropped(page: Page): Promise<{ pictures: number; cropped: string[] }> {
  const shapes = await page.locator('[data-testid="carousel"] .slide.active img, .news-box .ad img').evaluateAll((images) =>
    images.map((image) => {
      const picture = image as HTMLImageElement;
      const box = picture.getBoundingClientRect();
      return { src: picture.src, box: box.width / box.height, natural: picture.naturalWidth / picture.naturalHeight, loaded: picture.complete && picture.naturalWidth > 0 };
    }),
  );
  if (!shapes.every((shape) => shape.loaded)) return { pictures: -1, cropped: [] };
  return { pictures: shapes.length, cropped: shapes.filter((shape) => Math.abs(shape.box / shape.natural - 1) > 0.005).map((shape) => `${shape.src}: box ${shape.box.toFixed(3)} picture ${shape.natural.toFixed(3)}`) };
}
