// A fresh data folder per test: real SQLite files, migrated by the real code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDesk, type Desk } from '../../electron/desk/desk';
import type { Result } from '../../shared/result';
import { giveTestKeys, TEST_KEY } from './testKey';

export interface TestDesk extends Desk {
  dataFolder: string;
  cleanup(): void;
}

export function tempFolder(prefix = 'desk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A desk over a fresh data folder. By default the test is a trusted in-process caller (every
 * channel, as "test coordinator"); with `signIn: true` it is a desk like the window's, where
 * callers must sign in and their role applies.
 */
export function openTestDesk(options: { now?: () => Date; actor?: string; signIn?: boolean } = {}): TestDesk {
  const dataFolder = tempFolder();
  giveTestKeys(dataFolder);
  const desk = openDesk({
    dataFolder,
    key: TEST_KEY,
    mode: 'web',
    version: '0.0.0-test',
    now: options.now ?? (() => new Date('2026-11-23T10:00:00Z')),
    ...(options.signIn ? {} : { actor: () => options.actor ?? 'test coordinator' }),
    onFault: (channel, error) => {
      throw new Error(`unexpected fault on ${channel}: ${String(error)}`);
    },
  });
  return {
    ...desk,
    dataFolder,
    cleanup() {
      desk.close();
      rmSync(dataFolder, { recursive: true, force: true });
    },
  };
}

/** Unwraps a successful dispatch or fails the test with the refusal's words. */
export function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got: ${result.error.message}`);
  return result.value;
}
