// What encryption at rest costs (issue 17): the same service functions run on the board's encrypted
// records and on a plain copy of them, side by side in one run: the register's first page, the
// learning hub's quarter, a bulk load through the services (the demo seed into an empty store) and
// the quarterly return's export. The plain copy exists only here, made by the benchmark: the app
// has no plain mode. Goal: encrypted within 1.15x of plain on each.
import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { attachAuditKey } from '../../electron/db/auditKey';
import { migrate } from '../../electron/db/migrate';
import { openStore } from '../../electron/db/open';
import type { ReadableDb, Store, WritableDb } from '../../electron/db/types';
import { seedDemo } from '../../electron/services/demo/seed';
import { quarterDashboard } from '../../electron/services/dashboard/dashboard';
import { listRegister } from '../../electron/services/escalations/register';
import { writeBoardReturn } from '../../electron/services/returns/boardReturn';
import { quarterOf, shiftQuarter } from '../../shared/domain/quarter';
import { contract } from '../../shared/contract';
import { decryptInPlace, openTestDb, TEST_KEY } from '../support/testKey';
import type { Board } from './boards';
import { median, ms, times, type Result } from './results';

const NOW = new Date('2026-11-23T10:00:00Z');
const RUNS = 5;
const SEEDED = 5_000;

async function medianOf(work: () => unknown): Promise<number> {
  await work();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await work();
    runs.push(performance.now() - started);
  }
  return median(runs);
}

/** A plain store with the app's pragmas and schema: the benchmark's baseline, never the app's. */
function plainStore(file: string): Store {
  const writer = new Database(file) as WritableDb;
  writer.pragma('journal_mode = WAL');
  writer.pragma('synchronous = FULL');
  writer.pragma('foreign_keys = ON');
  // The audit chain's key, as a keyed connection carries it: the chain is keyed either way.
  attachAuditKey(writer, TEST_KEY);
  migrate(writer, file, TEST_KEY);
  const reader = new Database(file, { readonly: true }) as ReadableDb;
  attachAuditKey(reader, TEST_KEY);
  return { file, writer, reader, schemaVersion: 0, close: () => (reader.close(), writer.close()) };
}

function line(measure: string, size: number, encrypted: number, plain: number, sizeUnit?: string): Result {
  const ratio = encrypted / plain;
  return {
    measure: `encrypted beside plain: ${measure}`,
    size,
    ...(sizeUnit ? { sizeUnit } : {}),
    app: ms(encrypted),
    raw: `${ms(plain)} plain`,
    ratio: times(encrypted, plain).replace('raw', 'plain'),
    goal: '≤ 1.15x plain',
    met: ratio <= 1.15,
  };
}

export async function measureEncryption(board: Board): Promise<Result[]> {
  const plainFile = join(board.folder, 'plain-copy.sqlite');
  copyFileSync(board.file, plainFile);
  decryptInPlace(plainFile);
  const handles = {
    encrypted: openTestDb(board.file, { readonly: true }) as ReadableDb,
    plain: new Database(plainFile, { readonly: true }) as ReadableDb,
  };
  attachAuditKey(handles.plain, TEST_KEY);
  const newest = (handles.plain.prepare('SELECT max(opened_on) AS d FROM escalation').get() as { d: string }).d;
  const quarter = shiftQuarter(quarterOf(newest, 4).key, -1, 4).key;
  const results: Result[] = [];
  const each = async (work: (db: ReadableDb, kind: 'encrypted' | 'plain') => unknown) => ({
    encrypted: await medianOf(() => work(handles.encrypted, 'encrypted')),
    plain: await medianOf(() => work(handles.plain, 'plain')),
  });

  // The register's own input, parsed as the channel parses it (its defaults filled in).
  const firstPage = contract['escalations:list'].input.parse({ limit: 100 });
  const register = await each((db) => listRegister({ db, now: NOW }, firstPage));
  results.push(line('register, first page', board.escalations, register.encrypted, register.plain));
  const dashboard = await each((db) => quarterDashboard({ db, now: NOW }, { quarter }));
  results.push(line(`learning hub’s quarter (${quarter})`, board.escalations, dashboard.encrypted, dashboard.plain));
  const exported = await each((db, kind) =>
    writeBoardReturn(db, { now: NOW, quarter, file: join(board.folder, `return-${kind}.xlsx`), appVersion: 'bench' }),
  );
  results.push(line(`quarterly return export (${quarter})`, board.escalations, exported.encrypted, exported.plain));
  handles.encrypted.close();
  handles.plain.close();
  rmSync(plainFile, { force: true });

  // A bulk load: the same seeded cases through the services into an empty store of each kind.
  const load = async (kind: 'encrypted' | 'plain') => {
    const file = join(board.folder, `load-${kind}.sqlite`);
    const store = kind === 'encrypted' ? openStore(file, TEST_KEY) : plainStore(file);
    const started = performance.now();
    seedDemo(store, { count: SEEDED, seed: 3, until: '2026-11-20' });
    const took = performance.now() - started;
    store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    return took;
  };
  const loads = { encrypted: [] as number[], plain: [] as number[] };
  for (let i = 0; i < 3; i += 1) {
    loads.plain.push(await load('plain'));
    loads.encrypted.push(await load('encrypted'));
  }
  results.push(line('bulk load through the services (demo seed)', SEEDED, median(loads.encrypted), median(loads.plain), 'cases'));
  return results;
}
