// The SPU descriptions (desc_detail, desc_pack, desc_service) are HTML the storefront's detail
// page shows as is: cleaned on write against an allow-list, so what is stored is safe to show.
import sanitizeHtml from 'sanitize-html';

const TAGS = [
  'p', 'br', 'hr', 'div', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code',
  'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'small',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'a', 'img', 'figure', 'figcaption',
];

/**
 * No `style` attribute anywhere (nor `<style>`): the storefront's Content-Security-Policy forbids
 * inline styles, so they would not apply, and CSS is a way to dress up a fake login form. No `on*`
 * handler, no script: only the attributes listed here survive. Links and pictures only over
 * http(s) or relative to our own media (no `javascript:`, no `data:`).
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan', 'align'],
    th: ['colspan', 'rowspan', 'align', 'scope'],
    col: ['span'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // Removed with their content, never turned into text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed'],
  disallowedTagsMode: 'discard',
  // A link that opens a new tab cannot reach back into the shop's page.
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: attribs.target ? { ...attribs, rel: 'noopener noreferrer' } : attribs }),
  },
};

/** The description as the storefront may show it. */
export function cleanDescription(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
