// Image paths are stored relative to the media root and made absolute at the edge, so the
// same data serves any host (the original stored FastDFS URLs in the rows).
export function mediaUrl(base: string, stored: string | null | undefined): string {
  if (!stored) return '';
  if (/^https?:\/\//.test(stored)) return stored;
  return `${base}/${stored.replace(/^\/+/, '')}`;
}
