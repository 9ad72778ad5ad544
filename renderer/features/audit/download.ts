/**
 * Saves text as a file through the browser's own download: an object URL and an <a download>. The
 * same code works in browser mode and in the desktop app (Electron turns it into a save dialog).
 */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

/** Saves a Blob (a PDF, say) the same way, under `fileName`. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; let it start first.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A CSV for a spreadsheet: with a byte-order mark, so Excel reads it as UTF-8 and names such as
 * Zoë or Siobhán come out right.
 */
export function downloadCsv(fileName: string, csv: string): void {
  downloadText(fileName, csv.startsWith('\uFEFF') ? csv : `\uFEFF${csv}`);
}
