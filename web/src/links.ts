/**
 * Back-office URLs (contents, channels) may point into the shop itself, either relative
 * ("/list.html?cat=115"), on this origin, or on the original shop's host www.meiduo.site.
 * Those are followed by the router, so no full page reload happens; anything else is a
 * plain external link.
 */
const SHOP_HOSTS = new Set(['www.meiduo.site']);

export function internalPath(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url, window.location.href);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.origin !== window.location.origin && !SHOP_HOSTS.has(parsed.hostname)) return null;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** A URL that is safe to put in href: script URLs written in the back office are dropped. */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  return /^\s*(javascript|data|vbscript):/i.test(url) ? undefined : url;
}
