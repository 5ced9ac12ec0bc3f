// The worker thread that reads return workbooks (workbookCells.ts), so that however long a
// hostile file takes to refuse, the thread answering the window and the web mode is never the one
// reading it. Started by workbookWorker.ts; one read at a time.
import { parentPort } from 'node:worker_threads';
import { readWorkbookCells, type SheetRequest, type WorkbookRead } from './workbookCells';

const BASE64_DAMAGED = 'The file content did not arrive intact: choose the file again.';

type ReadRequest = { id: number; sheets: SheetRequest[] } & ({ bytes: Uint8Array } | { base64: string });

function readRequest(request: ReadRequest): Promise<WorkbookRead> {
  if ('bytes' in request)
    return readWorkbookCells(Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength), request.sheets);
  // The bridges send the file as base64: checked and decoded here, off the thread that answers requests.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(request.base64)) return Promise.resolve({ ok: false, message: BASE64_DAMAGED });
  return readWorkbookCells(Buffer.from(request.base64, 'base64'), request.sheets);
}

parentPort?.on('message', (request: ReadRequest) => {
  void readRequest(request).then((result) => parentPort?.postMessage({ id: request.id, result }));
});
