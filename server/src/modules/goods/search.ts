// Chinese full-text search inside PostgreSQL: jieba segments the text in the application, the
// words go into a `simple`-configuration tsvector with a GIN index; queries match word
// prefixes, so "华" finds "华为" and "256" finds "256GB". No Elasticsearch needed.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;
/** The dictionary takes a moment to load: once per process, on first use. */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const WORD = /^[\p{L}\p{N}]+$/u;

/** Distinct lower-case words of a text, as search-engine mode segments it. */
function words(text: string): string[] {
  const tokens = segmenter()
    .cutForSearch(text.slice(0, 500), true)
    .map((token) => token.trim().toLowerCase())
    .filter((token) => WORD.test(token));
  return [...new Set(tokens)];
}

/**
 * The words a SKU is found by: its name, caption and id (the original's document), plus its
 * category and brand, so "手机" finds phones whose names never say so.
 */
export function skuDocument(sku: { id: number; name: string; caption: string; category: string; brand: string }): string {
  return words(`${sku.name} ${sku.caption} ${sku.category} ${sku.brand} ${sku.id}`).join(' ');
}

/** A tsquery requiring every word of the search text, each as a prefix; null for no words. */
export function prefixQuery(text: string): string | null {
  const terms = words(text).slice(0, 16);
  return terms.length ? terms.map((term) => `${term}:*`).join(' & ') : null;
}
