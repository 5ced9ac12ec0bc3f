// Kill the app (SIGKILL) in the middle of a stream of writes, many times over: the database must
// pass SQLite's own checks, keep every write it acknowledged, and hold no half-written record.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../electron/db/open';
import { tempFolder } from '../support/tempStore';
import { openTestDb } from '../support/testKey';

const KILLS = 12;

function runAndKill(folder: string, afterAcks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'support', 'crashWriter.ts'), folder], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4));
      if (acked.length >= afterAcks && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`writer stopped by itself: ${stderr}`))));
  });
}

describe('crash safety', () => {
  it(`survives ${KILLS} kills mid-write with every acknowledged write kept and nothing half-written`, async () => {
    const folder = tempFolder('desk-crash-');
    const everAcked = new Set<string>();
    try {
      for (let round = 0; round < KILLS; round += 1) {
        const acked = await runAndKill(folder, 5 + ((round * 37) % 60));
        acked.forEach((a) => everAcked.add(a));
        const db = openTestDb(join(folder, DATABASE_FILE_NAME));
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(db.pragma('foreign_key_check')).toEqual([]);
          const names = new Set(
            (db.prepare("SELECT name FROM agency WHERE name LIKE 'Crash Agency %'").all() as { name: string }[]).map((r) => r.name),
          );
          for (const name of everAcked) expect(names.has(name), `${name} was acknowledged but is missing`).toBe(true);
          // Each agency and its audit entry are written in one transaction: never one without the other.
          const orphans = db
            .prepare(
              `SELECT count(*) AS n FROM agency a WHERE NOT EXISTS (SELECT 1 FROM audit_entry e WHERE e.entity = 'agency' AND e.entity_id = a.id AND e.action = 'agency.create')`,
            )
            .get() as { n: number };
          expect(orphans.n).toBe(0);
          const auditWithoutAgency = db
            .prepare(
              `SELECT count(*) AS n FROM audit_entry e WHERE e.action = 'agency.create' AND NOT EXISTS (SELECT 1 FROM agency a WHERE a.id = e.entity_id)`,
            )
            .get() as { n: number };
          expect(auditWithoutAgency.n).toBe(0);
        } finally {
          db.close();
        }
      }
      expect(everAcked.size).toBeGreaterThan(KILLS * 5);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
