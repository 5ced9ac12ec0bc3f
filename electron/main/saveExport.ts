// The desktop app's way to hand over an export: a save dialog that opens in the folder the
// person last saved to (kept as a board setting), then a copy of the finished file there.
import { app, BrowserWindow, dialog } from 'electron';
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DeliverExport } from '../desk/desk';
import { lastExportFolder, rememberExportFolder } from '../services/settings';

export const saveWithDialog: DeliverExport = async (ctx, job) => {
  const folder = lastExportFolder(ctx.reader) ?? app.getPath('documents');
  const window = BrowserWindow.getFocusedWindow();
  const options = {
    title: 'Save the workbook',
    defaultPath: join(folder, job.fileName),
    filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
  };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { how: 'cancelled' };
  copyFileSync(job.file, choice.filePath);
  ctx.write((w) => rememberExportFolder(w.db, dirname(choice.filePath!)));
  return { how: 'saved', path: choice.filePath };
};

/** Connected to the board's server: where to put a workbook it hands over (null: the person cancelled). */
export async function askWhereToSave(fileName: string): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow();
  const options = {
    title: 'Save the workbook',
    defaultPath: join(app.getPath('documents'), fileName),
    filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
  };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return choice.canceled || !choice.filePath ? null : choice.filePath;
}
