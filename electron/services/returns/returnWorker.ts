// The worker thread that reads return workbooks (workbookCells.ts), so that however long a
// hostile file takes to refuse, the thread answering the window and the web mode is never the one
// reading it. Started by workbookWorker.ts; one read at a time.
import { parentPort } from 'node:worker_threads';
import { readWorkbookCells, type SheetRequest } from './workbookCells';

interface ReadRequest {
  id: number;
  bytes: Uint8Array;
  sheets: SheetRequest[];
}

parentPort?.on('message', (request: ReadRequest) => {
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  void readWorkbookCells(bytes, request.sheets).then((result) => parentPort?.postMessage({ id: request.id, result }));
});
