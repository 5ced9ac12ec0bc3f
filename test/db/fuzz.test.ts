// Thousands of random and hostile payloads at every channel, through the dispatcher, the IPC
// registration and the web mode: each one answered with a clear refusal, nothing ever crashes,
// and the database file is byte-for-byte as it was.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channels, contract } from '../../shared/contract';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { dbFingerprint } from '../support/dbFingerprint';
import { logEscalation, seatBoard, seedBoard } from '../support/boardFixture';
import { openTestDesk, tempFolder, type TestDesk } from '../support/tempStore';
import { isClearAnswer, isWellFormed, payloadFor } from '../support/hostilePayloads';

const ipcHandlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => ipcHandlers.set(channel, fn) },
}));
const { registerChannels } = await import('../../electron/main/ipc');

const RUNS_PER_CHANNEL = Number(process.env.FUZZ_RUNS ?? 100);
let desk: TestDesk;
let server: WebServer;
let tried = 0;
beforeAll(async () => {
  desk = openTestDesk();
  const board = seedBoard(desk, 'bromley');
  seatBoard(desk, board);
  logEscalation(desk, board);
  registerChannels(desk.dispatchAsync, ['app://desk']);
  server = await startWebServer({
    dispatch: desk.dispatchAsync,
    sessions: () => desk.sessions,
    rendererDir: tempFolder(),
    // Every malformed payload is sent to the sign-in channels too: the per-address limit has its own test (webSessions.test.ts).
    signInLimit: { max: 100_000, windowMs: 60_000 },
  });
});
afterAll(async () => {
  await server.close();
  desk.cleanup();
  console.log(`fuzz: ${tried} hostile payloads tried across ${channels.length} channels and three bridges`);
});

describe.each(channels.filter((c) => contract[c].kind !== 'read'))('fuzzing %s', (channel) => {
  it('refuses every hostile payload over all three bridges and leaves the database untouched', async () => {
    const before = dbFingerprint(desk.store.file);
    await fc.assert(
      fc.asyncProperty(payloadFor(channel), async (payload) => {
        // A payload that happens to be well-formed (a random two-letter theme name) is a real
        // request, not an attack: leave it out so "nothing written" stays a fair promise.
        // (The dispatcher reads a missing payload as {}, so judge it the same way.)
        fc.pre(!isWellFormed(channel, payload));
        tried += 3;
        expect(isClearAnswer(await desk.dispatchAsync(channel, payload), true)).toBe(true);
        expect(isClearAnswer(await ipcHandlers.get(channel)!({ senderFrame: { url: 'app://desk/index.html' } }, payload), true)).toBe(true);
        const response = await fetch(`http://127.0.0.1:${server.port}/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'x-desk-token': server.token, 'x-desk-csrf': 'none', 'content-type': 'application/json' },
          body: JSON.stringify(payload === undefined ? null : payload),
        });
        expect(response.status).toBeLessThan(500);
        expect(isClearAnswer(await response.json(), true)).toBe(true);
      }),
      { numRuns: RUNS_PER_CHANNEL, seed: 20261123 },
    );
    expect(dbFingerprint(desk.store.file)).toBe(before);
  });
});

describe('fuzzing the read channels', () => {
  it('answers every hostile payload clearly and never writes', async () => {
    const before = dbFingerprint(desk.store.file);
    for (const channel of channels.filter((c) => contract[c].kind === 'read')) {
      await fc.assert(
        fc.asyncProperty(payloadFor(channel), async (payload) => {
          tried += 1;
          expect(isClearAnswer(await desk.dispatchAsync(channel, payload), false)).toBe(true);
        }),
        { numRuns: RUNS_PER_CHANNEL, seed: 20261123 },
      );
    }
    expect(dbFingerprint(desk.store.file)).toBe(before);
  });
});
