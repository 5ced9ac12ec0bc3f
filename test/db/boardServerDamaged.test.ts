// A board server whose records file fails its integrity check: there are no accounts to sign in
// to, so the network is told what is wrong (/health 503, in words) and offered nothing else; the
// recovery screen's restore, which the local web mode's key opens, is not open to anyone on the network.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFrontDesk } from '../../electron/desk/frontDesk';
import { DATABASE_FILE_NAME } from '../../electron/db/open';
import { healthOf } from '../../electron/web/frontDoor';
import { startWebServer } from '../../electron/web/server';
import { dbFingerprint } from '../support/dbFingerprint';
import { ok, tempFolder } from '../support/tempStore';
import { TEST_KEY } from '../support/testKey';

const now = () => new Date('2026-11-23T10:00:00Z');
const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

describe('a board server with a damaged records file', () => {
  it('answers /health 503 with a plain reason, and refuses a restore from the network', async () => {
    const data = tempFolder('desk-serve-damaged-');
    folders.push(data);
    const first = openFrontDesk({ key: TEST_KEY, dataFolder: data, mode: 'web', version: 'test', now, actor: () => 'Sam Coordinator' });
    for (let i = 1; i <= 300; i += 1)
      ok(
        await first.callAsync('agencies:create', {
          name: `Agency number ${i} of the safeguarding partnership`,
          sector: 'police',
          statutoryPartner: false,
        }),
      );
    const good = ok(await first.callAsync('backups:create', {}));
    first.close();
    const file = join(data, DATABASE_FILE_NAME);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xff), 0, 4096, 8192);
    closeSync(fd);
    const damagedBytes = dbFingerprint(file);

    const desk = openFrontDesk({ key: TEST_KEY, dataFolder: data, mode: 'web', version: 'test', now });
    expect(desk.desk).toBeNull();
    const server = await startWebServer({
      dispatch: desk.dispatchAsync,
      sessions: () => desk.sessions,
      rendererDir: join(data, 'no-renderer'),
      binding: { host: '127.0.0.2', launchKey: false },
      health: () => healthOf(desk, 'test'),
    });
    try {
      const origin = `http://127.0.0.2:${server.port}`;
      const health = await fetch(`${origin}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({
        status: 'damaged',
        reason: expect.stringMatching(/failed its integrity check and is not open/),
        version: 'test',
      });

      const post = (channel: string, input: unknown) =>
        fetch(`${origin}/api/${channel}`, {
          method: 'POST',
          headers: { origin, 'x-desk-csrf': 'none', 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
      const restore = await post('backups:restore', { name: good.name });
      expect(restore.status).toBe(503);
      expect(await restore.json()).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/restores a backup on the server itself/) },
      });
      const listed = await post('backups:list', {});
      expect(listed.status).toBe(503);
      // What the page needs to say so still answers.
      const health2 = await post('desk:health', {});
      expect(health2.status).toBe(200);
      expect(dbFingerprint(file)).toBe(damagedBytes);
    } finally {
      await server.close();
      desk.close();
    }
  });
});
