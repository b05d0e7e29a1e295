// Files the API sends to an authenticated call (an export): fetched as a blob with the token,
// then handed to the browser as a download.

/** The last file's address, kept until the next one (the browser may still be saving it). */
let last = '';

export function saveFile(blob: Blob, filename: string): void {
  if (last) URL.revokeObjectURL(last);
  last = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = last;
  link.download = filename;
  link.click();
}
