/**
 * Saves data as a file the user downloads: a Blob URL on a temporary <a download> (works in Electron
 * and in the browser mode, with no network and no navigation), revoked once the click is handled.
 */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Text (CSV) or bytes (a run bundle), as the host's runs/export returns them. */
export function downloadData(data: string | Uint8Array, filename: string): void {
  const blob =
    typeof data === 'string'
      ? new Blob([data], { type: 'text/csv;charset=utf-8' })
      : new Blob([data.slice().buffer as ArrayBuffer], { type: 'application/octet-stream' });
  downloadBlob(blob, filename);
}
