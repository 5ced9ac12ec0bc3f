// The index names that queries give SQLite (INDEXED BY) are the names the migrations created.
import { afterAll, describe, expect, it } from 'vitest';
import { INDEX } from '../../electron/db/indexes';
import { openTestDesk } from '../support/tempStore';

describe('the named indexes', () => {
  const desk = openTestDesk();
  afterAll(() => desk.cleanup());

  it('each exist in a newly migrated store, on the table the queries read', () => {
    const present = new Map(
      (
        desk.store.reader.prepare("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'").all() as {
          name: string;
          tbl_name: string;
        }[]
      ).map((r) => [r.name, r.tbl_name]),
    );
    for (const name of Object.values(INDEX)) expect(present.get(name), name).toMatch(/^(escalation(_agency)?|access_entry)$/);
  });
});
