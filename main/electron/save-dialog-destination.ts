import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { ExportDestination } from '../core/call-log/export-destination';
import { fileTarget } from '../runtime/export-folder';

/** The Electron host's "save file": the system save dialog, starting in Downloads. */
export const saveDialogDestination = (window: () => BrowserWindow | null): ExportDestination => ({
  open: async (suggestedName) => {
    const owner = window();
    const options = { defaultPath: join(app.getPath('downloads'), suggestedName), filters: [{ name: 'CSV', extensions: ['csv'] }] };
    const chosen = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    return chosen.canceled || !chosen.filePath ? null : fileTarget(chosen.filePath);
  },
});
