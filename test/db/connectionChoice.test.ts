// Where the desktop app's records are: the kept choice (a 0600 file in the app-data folder,
// checked with zod on every read) and the command-line flags that give a server for one run.
import { chmodSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CONNECTION_FILE,
  ConnectionFileError,
  ConnectionFlagError,
  connectionFromArgs,
  readConnectionChoice,
  writeConnectionChoice,
} from '../../electron/client/connection';
import { openConnectionHost } from '../../electron/client/connectionHost';
import { tempFolder } from '../support/tempStore';

const folders: string[] = [];
const folder = () => {
  const made = tempFolder('desk-connection-');
  folders.push(made);
  return made;
};
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0')).join(':');

describe('the kept choice', () => {
  it('is absent at the first start, and kept readable by this user alone', () => {
    const appData = folder();
    expect(readConnectionChoice(appData)).toBeNull();
    writeConnectionChoice(appData, { mode: 'server', url: 'https://desk.board.local:8443', fingerprint: FINGERPRINT });
    expect(statSync(join(appData, CONNECTION_FILE)).mode & 0o777).toBe(0o600);
    expect(readConnectionChoice(appData)).toEqual({ mode: 'server', url: 'https://desk.board.local:8443', fingerprint: FINGERPRINT });
    writeConnectionChoice(appData, { mode: 'local' });
    expect(readConnectionChoice(appData)).toEqual({ mode: 'local' });
    expect(JSON.parse(readFileSync(join(appData, CONNECTION_FILE), 'utf8'))).toEqual({ mode: 'local' });
  });

  it.each([
    ['not JSON', '{ "mode": "server", ', /is not readable JSON\. Delete it to be asked again/],
    ['an unknown mode', '{ "mode": "cloud" }', /is damaged \(mode: .*\)\. Delete it to be asked again/],
    [
      'plain HTTP',
      JSON.stringify({ mode: 'server', url: 'http://desk.board.local', fingerprint: FINGERPRINT }),
      /Board server address: The board server speaks HTTPS only/,
    ],
    [
      'a short fingerprint',
      JSON.stringify({ mode: 'server', url: 'https://desk.board.local', fingerprint: 'AB:CD' }),
      /Certificate fingerprint: The fingerprint is 64 hexadecimal characters/,
    ],
    ['something extra', JSON.stringify({ mode: 'local', cookie: 'desk_session=abc' }), /is damaged/],
  ])('refuses a file holding %s in plain words, naming the file', (_what, body, words) => {
    const appData = folder();
    writeFileSync(join(appData, CONNECTION_FILE), body);
    expect(() => readConnectionChoice(appData)).toThrow(ConnectionFileError);
    expect(() => readConnectionChoice(appData)).toThrow(words);
    expect(() => readConnectionChoice(appData)).toThrow(join(appData, CONNECTION_FILE));
  });

  it('asks again at start-up when the file is damaged, saying why, instead of failing to start', async () => {
    const appData = folder();
    writeFileSync(join(appData, CONNECTION_FILE), 'garbage');
    chmodSync(join(appData, CONNECTION_FILE), 0o600);
    let opened = 0;
    const host = openConnectionHost({
      appDataFolder: appData,
      fromFlags: null,
      openLocal: () => {
        opened += 1;
        return async () => ({ ok: true, value: 'local answer' });
      },
    });
    expect(await host.dispatchAsync('connection:get', {})).toEqual({
      ok: true,
      value: { mode: 'unchosen', problem: expect.stringMatching(/is not readable JSON/) },
    });
    expect(opened).toBe(0);
    // A wrong choice is refused in the contract's words, and nothing is kept.
    expect(await host.dispatchAsync('connection:choose', { mode: 'server', url: 'ftp://x', fingerprint: 'no' })).toMatchObject({
      ok: false,
      error: {
        message: 'Nothing was kept: 2 details need correcting.',
        problems: [{ where: 'Board server address' }, { where: 'Certificate fingerprint' }],
      },
    });
    expect(readFileSync(join(appData, CONNECTION_FILE), 'utf8')).toBe('garbage');
    // Choosing this computer opens the local desk, keeps the choice and forwards to it.
    expect(await host.dispatchAsync('connection:choose', { mode: 'local' })).toEqual({ ok: true, value: { mode: 'local' } });
    expect(opened).toBe(1);
    expect(readConnectionChoice(appData)).toEqual({ mode: 'local' });
    expect(await host.dispatchAsync('agencies:list', {})).toEqual({ ok: true, value: 'local answer' });
    expect(host.current()).toEqual({ mode: 'local' });
  });
});

describe('the command-line flags', () => {
  it('reads a server and its fingerprint among Electron’s own switches, and normalises the fingerprint', () => {
    const typed = FINGERPRINT.replace(/:/g, '').toLowerCase();
    expect(
      connectionFromArgs([
        '/opt/desk/escalation-desk',
        '--no-sandbox',
        '--board-server',
        'https://desk.board.local:8443/',
        `--fingerprint=${typed}`,
      ]),
    ).toEqual({
      mode: 'server',
      url: 'https://desk.board.local:8443',
      fingerprint: FINGERPRINT,
    });
    expect(connectionFromArgs(['/opt/desk/escalation-desk', '--inspect'])).toBeNull();
  });

  it.each([
    [['--board-server', 'https://desk.board.local'], /--fingerprint: give the certificate’s SHA-256 fingerprint with it/],
    [['--fingerprint', FINGERPRINT], /--board-server: give the board server’s address with it/],
    [['--board-server', 'http://desk.board.local', '--fingerprint', FINGERPRINT], /--board-server: The board server speaks HTTPS only/],
    [['--board-server', 'https://desk.board.local/app', '--fingerprint', FINGERPRINT], /--board-server: Give the server’s address alone/],
    [
      ['--board-server', 'https://desk.board.local', '--fingerprint', 'AB:CD'],
      /--fingerprint: The fingerprint is 64 hexadecimal characters/,
    ],
    [['--board-server'], /--board-server needs a value/],
  ])('refuses %j in plain words', (args, words) => {
    expect(() => connectionFromArgs(args)).toThrow(ConnectionFlagError);
    expect(() => connectionFromArgs(args)).toThrow(words);
  });
});
