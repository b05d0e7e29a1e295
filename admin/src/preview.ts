// A chosen picture file shown before it is sent. Drawn on a canvas: the admin pages' policy lets
// pictures load only from the API and the media host (no blob: or data: URLs), and a decoded
// bitmap needs neither.

/**
 * Draws `file` on `board`, scaled down to fit `box` (never up). Answers false when the browser
 * cannot read it as a picture: the API will say what is wrong with it.
 */
export async function drawPreview(file: File, board: HTMLCanvasElement, box: { width: number; height: number }): Promise<boolean> {
  const context = board.getContext('2d');
  if (!context) return false;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, box.width / bitmap.width, box.height / bitmap.height);
    board.width = Math.max(1, Math.round(bitmap.width * scale));
    board.height = Math.max(1, Math.round(bitmap.height * scale));
    context.drawImage(bitmap, 0, 0, board.width, board.height);
    bitmap.close();
    return true;
  } catch {
    return false;
  }
}
