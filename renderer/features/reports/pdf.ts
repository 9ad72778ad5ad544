/** A PDF's bytes from the base64 the core sends (over IPC or HTTP), as a Blob to show, save or print. */
export function pdfBlob(base64: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: 'application/pdf' });
}

/**
 * Saves a Blob through the browser's own download (Electron turns it into a save dialog), under the
 * file name the core chose.
 */
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
