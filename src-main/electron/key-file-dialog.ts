/**
 * The native open dialog for a file of keys to import: it only gives main the chosen path. Reading
 * and importing the file is plain Node (src-main/profiles/key-import.ts).
 */
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';

const OPTIONS: OpenDialogOptions = {
  title: 'Import a file of keys',
  buttonLabel: 'Import',
  properties: ['openFile'],
  filters: [
    { name: 'Keys (CSV or text)', extensions: ['csv', 'txt'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

/** The chosen file's path, or null when the dialog was closed without one. */
export async function chooseKeyFile(parent: BrowserWindow | null): Promise<string | null> {
  const result = parent === null ? await dialog.showOpenDialog(OPTIONS) : await dialog.showOpenDialog(parent, OPTIONS);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
