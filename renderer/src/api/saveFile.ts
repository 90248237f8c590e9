/**
 * Hands a file from the main process to the user: a download in the browser; on the desktop the same
 * download opens Electron's save dialog.
 */
import type { FilePayload } from '@shared/api/contract';

export function saveFile(file: FilePayload): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
