// Small SVG pictures drawn in code, so the demo needs no downloads or binary assets: a product
// silhouette per kind in the SKU's colour with the brand written under it, brand logos and
// home page banners. Each picture stays well under 2 KB.
import type { IconName } from './data-goods.js';

const FONT = 'WenQuanYi Micro Hei, sans-serif';

// Silhouettes in a 200×200 box: C is the product colour, D a contrasting detail colour.
const ICONS: Record<IconName, string> = {
  phone: '<rect x="58" y="10" width="84" height="180" rx="14" fill="C"/><rect x="65" y="26" width="70" height="146" rx="4" fill="D"/><circle cx="100" cy="181" r="4" fill="D"/>',
  tablet: '<rect x="30" y="20" width="140" height="160" rx="12" fill="C"/><rect x="40" y="30" width="120" height="140" rx="4" fill="D"/>',
  laptop: '<rect x="40" y="40" width="120" height="86" rx="6" fill="C"/><rect x="48" y="48" width="104" height="70" fill="D"/><path d="M20 132h160l-12 18H32z" fill="C"/>',
  tv: '<rect x="10" y="30" width="180" height="110" rx="4" fill="C"/><rect x="16" y="36" width="168" height="98" fill="D"/><path d="M70 160h60l-10-20H80z" fill="C"/>',
  headphone: '<path d="M40 120V100a60 60 0 0 1 120 0v20" fill="none" stroke="C" stroke-width="12"/><rect x="28" y="110" width="34" height="60" rx="12" fill="C"/><rect x="138" y="110" width="34" height="60" rx="12" fill="C"/>',
  watch: '<rect x="75" y="10" width="50" height="180" rx="10" fill="C"/><rect x="55" y="55" width="90" height="90" rx="22" fill="C"/><rect x="63" y="63" width="74" height="74" rx="16" fill="D"/>',
  camera: '<rect x="20" y="55" width="160" height="105" rx="12" fill="C"/><rect x="40" y="40" width="50" height="20" rx="4" fill="C"/><circle cx="105" cy="108" r="38" fill="D"/><circle cx="105" cy="108" r="24" fill="C"/>',
  shoe: '<path d="M20 150c0-30 10-60 20-70l30 10c10 10 30 20 60 25s50 15 50 35z" fill="C"/><path d="M20 150h160v14H20z" fill="D"/>',
  shirt: '<path d="M70 20 20 50l20 35 20-10v105h80V75l20 10 20-35-50-30c-5 15-55 15-60 0z" fill="C"/>',
  snack: '<path d="m45 30 10-10 10 10 10-10 10 10 10-10 10 10 10-10 10 10 10-10 10 10v150H45z" fill="C"/><ellipse cx="100" cy="110" rx="35" ry="25" fill="D"/>',
  bottle: '<path d="M88 10h24v40c20 10 28 30 28 50v85H60v-85c0-20 8-40 28-50z" fill="C"/><rect x="68" y="100" width="64" height="50" fill="D"/>',
  book: '<rect x="45" y="20" width="115" height="160" rx="4" fill="C"/><rect x="45" y="20" width="16" height="160" fill="D"/><rect x="75" y="50" width="70" height="10" fill="D"/>',
  suitcase: '<rect x="50" y="45" width="100" height="130" rx="12" fill="C"/><path d="M80 45V25h40v20" fill="none" stroke="C" stroke-width="8"/><circle cx="70" cy="182" r="7" fill="C"/><circle cx="130" cy="182" r="7" fill="C"/><path d="M75 70v80m25-80v80m25-80v80" stroke="D" stroke-width="4"/>',
  pot: '<ellipse cx="95" cy="110" rx="70" ry="30" fill="C"/><rect x="160" y="100" width="35" height="12" rx="6" fill="C"/><ellipse cx="95" cy="100" rx="60" ry="18" fill="D"/>',
  cooker: '<rect x="35" y="60" width="130" height="110" rx="40" fill="C"/><path d="M45 70q55-50 110 0z" fill="C"/><rect x="80" y="120" width="40" height="18" rx="4" fill="D"/>',
  aircon: '<rect x="10" y="60" width="180" height="70" rx="14" fill="C"/><path d="M25 110h150" stroke="D" stroke-width="6"/><circle cx="170" cy="78" r="4" fill="D"/>',
  fridge: '<rect x="50" y="10" width="100" height="180" rx="8" fill="C"/><path d="M100 10v180" stroke="D" stroke-width="3"/><path d="M90 60v30m20-30v30" stroke="D" stroke-width="5"/>',
  blocks: '<rect x="30" y="100" width="140" height="70" fill="C"/><rect x="60" y="45" width="80" height="55" fill="C"/><circle cx="80" cy="45" r="10" fill="C"/><circle cx="120" cy="45" r="10" fill="C"/><rect x="40" y="120" width="120" height="8" fill="D"/>',
  powerbank: '<rect x="55" y="20" width="90" height="160" rx="14" fill="C"/><path d="m105 60-25 45h20l-5 40 25-50h-20z" fill="D"/>',
  box: '<path d="m100 20 75 35v90l-75 35-75-35V55z" fill="C"/><path d="m100 90 75-35M100 90 25 55m75 35v90" stroke="D" stroke-width="4" fill="none"/>',
};

// First match wins, so the more specific words come first.
const COLOUR_WORDS: readonly (readonly [string, string])[] = [
  ['藏青', '#1f3a5f'], ['天空', '#7cb9e8'], ['星光', '#efe3cc'], ['午夜', '#1e2a3a'], ['原色', '#b5aa9a'],
  ['黑', '#222222'], ['白', '#f2f2f2'], ['雪', '#f7f7f7'], ['银', '#c0c4c8'], ['灰', '#8a8d91'],
  ['蓝', '#2f6fd6'], ['青', '#2a9d8f'], ['绿', '#3a9d5d'], ['紫', '#7b5ea7'], ['粉', '#f4a7b9'],
  ['红', '#d7263d'], ['橙', '#f28c28'], ['黄', '#f2c14e'], ['金', '#d4af37'], ['卡其', '#c3a77a'],
];

/** The drawing colour for an option value such as 雅川青, or the fallback. */
export function colourOf(value: string | undefined, fallback: string): string {
  if (!value) return fallback;
  return COLOUR_WORDS.find(([word]) => value.includes(word))?.[1] ?? fallback;
}

function isLight(hex: string): boolean {
  const n = Number.parseInt(hex.slice(1), 16);
  return ((n >> 16) & 255) * 0.299 + ((n >> 8) & 255) * 0.587 + (n & 255) * 0.114 > 160;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function icon(name: IconName, colour: string): string {
  const detail = isLight(colour) ? '#555555' : '#ffffff';
  return ICONS[name].replaceAll('"C"', `"${colour}"`).replaceAll('"D"', `"${detail}"`);
}

function text(x: number, y: number, size: number, fill: string, content: string, extra = ''): string {
  return `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${size}" fill="${fill}" text-anchor="middle"${extra}>${escapeXml(content)}</text>`;
}

function svg(width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>\n`;
}

export interface ProductPicture {
  icon: IconName;
  colour: string;
  brand: string;
  /** A short line under the brand: the options, or a view name. */
  label: string;
}

// The gallery shows the same product from "other angles": another background and pose.
const VIEWS = [
  { bg: '#f4f5f7', ink: '#333333', pose: 'translate(80 40) scale(1.2)' },
  { bg: '#2b2d33', ink: '#f2f2f2', pose: 'translate(70 70) rotate(-12 120 120) scale(1.1)' },
  { bg: '#fdf3e7', ink: '#5a4630', pose: 'translate(120 90) scale(0.8)' },
  { bg: '#e8f1fb', ink: '#1f3a5f', pose: 'translate(100 60) scale(1)' },
] as const;

/** A 400×400 product picture; view 0 is the default image, 1–3 the gallery. */
export function productSvg(picture: ProductPicture, view = 0): string {
  const { bg, ink, pose } = VIEWS[view % VIEWS.length]!;
  return svg(
    400,
    400,
    `<rect width="400" height="400" fill="${bg}"/><g transform="${pose}" stroke="#00000033" stroke-width="1.5">${icon(picture.icon, picture.colour)}</g>` +
      text(200, 350, 30, ink, picture.brand, ' font-weight="bold"') +
      text(200, 384, 17, ink, picture.label),
  );
}

export function brandLogoSvg(name: string, letter: string, hue: number): string {
  const colour = `hsl(${hue} 60% 42%)`;
  return svg(
    200,
    100,
    `<rect width="200" height="100" rx="10" fill="#ffffff" stroke="${colour}" stroke-width="3"/><circle cx="40" cy="50" r="24" fill="${colour}"/>` +
      text(40, 59, 26, '#ffffff', letter, ' font-weight="bold"') +
      text(125, 58, name.length > 5 ? 16 : 24, colour, name),
  );
}

export interface Banner {
  width: number;
  height: number;
  colour: string;
  title: string;
  subtitle: string;
  icon: IconName;
}

/** Carousel, header ad and floor pictures: a slogan beside a large white silhouette. */
export function bannerSvg(banner: Banner): string {
  const { width, height, colour } = banner;
  const tall = height > width;
  // Tall floor pictures stack text over the icon; wide banners keep the icon right of the text.
  const scale = (tall ? width * 0.6 : Math.min(height * 0.8, width * 0.3)) / 200;
  const iconX = tall ? (width - 200 * scale) / 2 : width - 200 * scale - width * 0.06;
  const iconY = tall ? height * 0.42 : (height - 200 * scale) / 2;
  const titleSize = Math.round(Math.min(width / (banner.title.length + 4), height / 4));
  const subtitleSize = Math.min(Math.round(titleSize * (tall ? 0.7 : 0.45)), Math.floor((width * 0.9) / banner.subtitle.length));
  const textX = tall ? width / 2 : iconX / 2;
  return svg(
    width,
    height,
    `<rect width="${width}" height="${height}" fill="${colour}"/><circle cx="${width * 0.1}" cy="${height * 0.9}" r="${height * 0.4}" fill="#ffffff" opacity=".12"/>` +
      `<g transform="translate(${iconX.toFixed(0)} ${iconY.toFixed(0)}) scale(${scale.toFixed(2)})" opacity=".9">${icon(banner.icon, '#ffffff')}</g>` +
      text(textX, height * (tall ? 0.18 : 0.45), titleSize, '#ffffff', banner.title, ' font-weight="bold"') +
      text(textX, height * (tall ? 0.3 : 0.68), subtitleSize, '#ffffff', banner.subtitle),
  );
}
