// The front door's desk (electron/app/deskHost.ts), end to end over real files: backing up and
// restoring under the running desk, a damaged file answered with the latest good backup, and the
// audit trail checked when the desk opens.
import { closeSync, existsSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFrontDesk, type FrontDesk } from '../../electron/desk/frontDesk';
import { backupsFolder, listBackups } from '../../electron/db/backup';
import { DATABASE_FILE_NAME } from '../../electron/db/open';
import { readAuditCheckpoint } from '../../electron/services/audit';
import { dbFingerprint } from '../support/dbFingerprint';
import type { Channel } from '../../shared/contract';
import { ok, tempFolder } from '../support/tempStore';
import { inputOnLatest, type InputOnLatest } from '../support/latest';
import { TEST_KEY, openTestDb } from '../support/testKey';

const opened: FrontDesk[] = [];
const folders: string[] = [];
afterEach(() => {
  opened.splice(0).forEach((h) => h.close());
  folders.splice(0).forEach((f) => rmSync(f, { recursive: true, force: true }));
});

function folder(): string {
  const f = tempFolder('desk-recovery-');
  folders.push(f);
  return f;
}

function host(dataFolder: string, actor = 'Sam Coordinator'): FrontDesk {
  const h = openFrontDesk({
    key: TEST_KEY,
    dataFolder,
    mode: 'web',
    version: '0.0.0-test',
    actor: () => actor,
    onFault: (channel, error) => {
      throw new Error(`unexpected fault on ${channel}: ${String(error)}`);
    },
  });
  opened.push(h);
  return h;
}

function closeHost(h: FrontDesk): void {
  opened.splice(opened.indexOf(h), 1);
  h.close();
}

const call = async <C extends Channel>(h: FrontDesk, channel: C, input: InputOnLatest<C>) =>
  ok(await h.callAsync(channel, inputOnLatest(h.desk!, channel, input)));
const agencyNames = async (h: FrontDesk) => (await call(h, 'agencies:list', { includeRetired: true })).map((a) => a.name).sort();
const addAgency = (h: FrontDesk, name: string) => call(h, 'agencies:create', { name, sector: 'police', statutoryPartner: false });

function damage(file: string): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0xff), 0, 4096, 8192);
  closeSync(fd);
}

describe('restoring a backup under the running desk', () => {
  it('backs up, takes a change, restores the earlier state, keeps the replaced records, and the desk goes on with the restored file', async () => {
    const data = folder();
    const h = host(data);
    await addAgency(h, 'Bromley Police');
    const backup = await call(h, 'backups:create', {});
    expect(backup).toMatchObject({ reason: 'manual' });
    await addAgency(h, 'Sirona Care and Health');
    expect(await agencyNames(h)).toEqual(['Bromley Police', 'Sirona Care and Health']);

    const listed = await call(h, 'backups:list', {});
    expect(listed.backups.map((b) => b.name)).toEqual([backup.name]);
    expect(await call(h, 'backups:check', { name: backup.name })).toEqual({ name: backup.name, checksOut: true });
    const storeBefore = h.desk!.store;

    const restored = await call(h, 'backups:restore', { name: backup.name, confirmed: true });
    expect(restored).toMatchObject({ restoredFrom: { name: backup.name }, by: 'Sam Coordinator', deletedCasesBack: [] });
    // The dispatcher now answers from the restored file: the later agency is gone.
    expect(await agencyNames(h)).toEqual(['Bromley Police']);
    expect(h.desk!.store).not.toBe(storeBefore);
    // New changes land in the restored file.
    await addAgency(h, 'Hollyfield Primary School');
    expect(await agencyNames(h)).toEqual(['Bromley Police', 'Hollyfield Primary School']);

    // The records in use before were kept: moved aside, and backed up where the screen can restore them.
    expect(restored.keptAside.length).toBeGreaterThan(0);
    for (const name of restored.keptAside) expect(existsSync(join(data, name))).toBe(true);
    const aside = openTestDb(
      join(
        data,
        restored.keptAside.find((n) => !/-(wal|shm|journal)$/.test(n))!,
      ),
      { readonly: true },
    );
    expect((aside.prepare('SELECT name FROM agency ORDER BY name').all() as { name: string }[]).map((r) => r.name)).toEqual([
      'Bromley Police',
      'Sirona Care and Health',
    ]);
    aside.close();
    expect(listBackups(data).map((b) => b.reason)).toEqual(['before-restore', 'manual']);
    expect(restored.beforeRestoreBackup).toBe(listBackups(data)[0]!.name);

    // The restored records' audit trail says so; health reports it for the screen.
    const entry = h.desk!.store.reader.prepare("SELECT actor, after_json FROM audit_entry WHERE action = 'records.restore'").get() as {
      actor: string;
      after_json: string;
    };
    expect(entry.actor).toBe('Sam Coordinator');
    expect(JSON.parse(entry.after_json)).toMatchObject({ backup: backup.name, beforeRestoreBackup: restored.beforeRestoreBackup });
    expect((await call(h, 'desk:health', {})).lastRestore).toEqual(restored);

    // Going back: the before-restore backup puts the later agency back.
    await call(h, 'backups:restore', { name: restored.beforeRestoreBackup!, confirmed: true });
    expect(await agencyNames(h)).toEqual(['Bromley Police', 'Sirona Care and Health']);
  });

  it('refuses an unknown or malformed name, an unconfirmed restore and a backup that fails its check, changing nothing', async () => {
    const data = folder();
    const h = host(data);
    await addAgency(h, 'Bromley Police');
    const good = await call(h, 'backups:create', {});
    const bad = await call(h, 'backups:create', {});
    damage(join(backupsFolder(data), bad.name));
    const file = h.desk!.store.file;
    const before = dbFingerprint(file);
    const backupsBefore = readdirSync(backupsFolder(data)).sort();
    const refusals: [unknown, RegExp][] = [
      [
        { name: good.name },
        /Nothing was saved: one detail needs correcting\. confirmed: Confirm that the records in use are to be replaced/,
      ],
      [{ name: good.name, confirmed: false }, /Nothing was saved/],
      [{ name: '../escalation-desk.sqlite', confirmed: true }, /Nothing was saved/],
      [
        { name: 'escalation-desk-20200101-000000-manual.sqlite', confirmed: true },
        /There is no backup called escalation-desk-20200101-000000-manual\.sqlite/,
      ],
      [{ name: bad.name, confirmed: true }, /fails SQLite’s integrity check, so it was not restored\. Nothing has changed\./],
    ];
    for (const [input, message] of refusals) {
      const result = await h.dispatchAsync('backups:restore', input); // malformed names on purpose: untyped
      expect(result.ok, JSON.stringify(input)).toBe(false);
      const error = (result as { error: { message: string; problems: { where: string; message: string }[] } }).error;
      expect([error.message, ...error.problems.map((p) => `${p.where}: ${p.message}`)].join(' '), JSON.stringify(input)).toMatch(message);
    }
    expect(await call(h, 'backups:check', { name: bad.name })).toEqual({ name: bad.name, checksOut: false });
    expect(dbFingerprint(file)).toBe(before);
    expect(readdirSync(backupsFolder(data)).sort()).toEqual(backupsBefore);
    expect(await agencyNames(h)).toEqual(['Bromley Police']);
  });

  it('says which cases deleted after review a restore has brought back, and does not delete them again by itself', async () => {
    const data = folder();
    const h = host(data);
    const agency = (await call(h, 'agencies:create', { name: 'Hollyfield Primary School', sector: 'education', statutoryPartner: false }))
      .id;
    const other = (
      await call(h, 'agencies:create', { name: 'Bristol City Council', sector: 'childrens_social_care', statutoryPartner: true })
    ).id;
    const settings = await call(h, 'settings:get', {});
    await call(h, 'profiles:choose', { profileId: settings.profiles.find((p) => p.key === 'bromley')!.id });
    const created = await call(h, 'escalations:create', {
      reference: 'OLD-1',
      childInitials: 'AB',
      raisingAgencyId: agency,
      raisingWorkerRole: 'Designated safeguarding lead',
      challengedAgencyIds: [other],
      categoryId: settings.categories[0]!.id,
      childStatus: 'child_in_need',
      summary: 'A disagreement about the threshold.',
      openedOn: '2018-03-05',
      immediateRisk: false,
    });
    await call(h, 'escalations:withdraw', { escalationId: created.id, on: '2018-04-02', reason: 'No longer pursued.' });
    const backup = await call(h, 'backups:create', {});
    await call(h, 'retention:deleteCase', {
      escalationId: created.id,
      confirmReference: 'OLD-1',
      reason: 'Reviewed under the six-year schedule.',
    });
    const restored = await call(h, 'backups:restore', { name: backup.name, confirmed: true });
    expect(restored.deletedCasesBack).toEqual(['OLD-1']);
    expect((await call(h, 'retention:review', {})).rows).toEqual([expect.objectContaining({ reference: 'OLD-1', blockedBecause: null })]);
  });

  it('waits for a running export: a restore then is refused and changes nothing', async () => {
    const data = folder();
    const h = host(data);
    await addAgency(h, 'Bromley Police');
    const backup = await call(h, 'backups:create', {});
    const job = await call(h, 'exports:boardReturn', { quarter: '2026-Q2' });
    expect(job.state).toBe('running');
    expect(await h.callAsync('backups:restore', { name: backup.name, confirmed: true })).toMatchObject({
      ok: false,
      error: { message: 'An export, an import or a backup is still running. Wait for it to finish, then restore. Nothing has changed.' },
    });
    for (let i = 0; i < 200 && h.exports.running() > 0; i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(data).filter((n) => n.includes('.replaced-'))).toEqual([]);
    expect(await h.callAsync('backups:restore', { name: backup.name, confirmed: true })).toMatchObject({ ok: true });
  });

  it('puts the records in use back when the restored file cannot be opened', async () => {
    const data = folder();
    const h = host(data);
    await addAgency(h, 'Bromley Police');
    await call(h, 'backups:create', {});
    // Sound as a file and shaped like older records, but not records this version can bring up to date (columns missing).
    const odd = join(backupsFolder(data), 'escalation-desk-20300101-000000-manual.sqlite');
    const raw = openTestDb(odd);
    raw.exec('CREATE TABLE agency (x); CREATE TABLE board_membership (x); CREATE TABLE audit_entry (x); CREATE TABLE escalation (x)');
    raw.pragma('user_version = 30');
    raw.close();
    const result = await h.callAsync('backups:restore', { name: 'escalation-desk-20300101-000000-manual.sqlite', confirmed: true });
    expect(result).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(/could not be opened .* so the records in use before are back in place\. Nothing has changed\./),
      },
    });
    expect(await agencyNames(h)).toEqual(['Bromley Police']);
    expect(readdirSync(data).filter((n) => n.includes('.replaced-'))).toEqual([]);
    await addAgency(h, 'Sirona Care and Health');
    expect(await agencyNames(h)).toEqual(['Bromley Police', 'Sirona Care and Health']);
  });
});

describe('who may back up, restore and delete', () => {
  it('is the coordinator: another role is refused before anything is read or changed', async () => {
    const data = folder();
    const h = openFrontDesk({ key: TEST_KEY, dataFolder: data, mode: 'web', version: '0.0.0-test' });
    opened.push(h);
    const password = 'a long test pass phrase';
    await call(h, 'session:setUp', { userName: 'jo', displayName: 'Jo Coordinator', password, repeatPassword: password });
    const backup = await call(h, 'backups:create', {});
    await call(h, 'users:create', { userName: 'sam', displayName: 'Sam Analyst', role: 'learning_hub', password });
    await call(h, 'session:signOut', {});
    await call(h, 'session:signIn', { userName: 'sam', password });
    const before = dbFingerprint(h.desk!.store.file);
    for (const [channel, input] of [
      ['backups:list', {}],
      ['backups:create', {}],
      ['backups:restore', { name: backup.name, confirmed: true }],
      ['retention:setPeriod', { years: 1, basedOnVersion: 1 }],
      ['retention:deleteCase', { escalationId: 1, confirmReference: 'X', reason: 'Reviewed under the schedule.', basedOnVersion: 1 }],
    ] as const) {
      expect(await h.callAsync(channel, input), channel).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/^Your role \(learning hub\) cannot do this: it is for the business coordinator\./) },
      });
    }
    expect(dbFingerprint(h.desk!.store.file)).toBe(before);
    expect(listBackups(data)).toHaveLength(1);
    expect(await call(h, 'retention:review', {})).toMatchObject({ reviewYears: 6 });
  });
});

describe('a damaged records file at start-up', () => {
  it('is not opened; the window is told, offered the latest good backup, and restoring it opens the records', async () => {
    const data = folder();
    const first = host(data);
    for (let i = 1; i <= 300; i += 1) await addAgency(first, `Agency number ${i} of the safeguarding partnership`);
    const good = await call(first, 'backups:create', {});
    closeHost(first);
    const file = join(data, DATABASE_FILE_NAME);
    damage(file);
    const damagedBytes = dbFingerprint(file);

    const h = host(data);
    expect(h.desk).toBeNull();
    const health = await call(h, 'desk:health', {});
    expect(health).toMatchObject({ records: 'damaged', audit: null, damage: { latestGood: { name: good.name } } });
    expect(health.damage!.message).toMatch(
      /failed SQLite’s integrity check when the app started, so it was not opened and nothing in it has changed\. The latest backup that passes its own check is offered below\. Restoring it keeps the damaged file in the data folder; nothing is deleted\./,
    );
    // Only the recovery screen's channels answer; nothing touches the damaged file.
    expect(await h.callAsync('agencies:list', {})).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/failed its integrity check and is not open/) },
    });
    expect(await h.callAsync('backups:create', {})).toMatchObject({ ok: false });
    expect(await h.dispatchAsync('backups:restore', { name: good.name })).toMatchObject({
      ok: false,
      error: { message: 'Nothing was saved: one detail needs correcting.' },
    });
    expect((await call(h, 'backups:list', {})).backups.map((b) => b.name)).toEqual([good.name]);
    expect(dbFingerprint(file)).toBe(damagedBytes);

    const restored = await call(h, 'backups:restore', { name: good.name, confirmed: true });
    expect(restored.beforeRestoreBackup).toBeNull();
    expect(h.desk).not.toBeNull();
    expect((await agencyNames(h)).length).toBe(300);
    expect(await call(h, 'desk:health', {})).toMatchObject({
      records: 'open',
      damage: null,
      lastRestore: { restoredFrom: { name: good.name } },
    });
    // The damaged file is kept beside it, byte for byte.
    const aside = restored.keptAside.find((n) => !/-(wal|shm|journal)$/.test(n))!;
    expect(dbFingerprint(join(data, aside))).toBe(damagedBytes);
  });

  it('says what to do when there is no good backup', async () => {
    const data = folder();
    const first = host(data);
    for (let i = 1; i <= 300; i += 1) await addAgency(first, `Agency number ${i} of the safeguarding partnership`);
    closeHost(first);
    damage(join(data, DATABASE_FILE_NAME));
    const health = await call(host(data), 'desk:health', {});
    expect(health.damage).toMatchObject({
      latestGood: null,
      message: expect.stringMatching(/There is no backup that passes its own check .* ask your IT team/),
    });
  });
});

describe('the audit trail, checked when the desk opens', () => {
  async function deskWithHistory(entries: number) {
    const data = folder();
    const h = host(data);
    for (let i = 1; i <= entries; i += 1) await addAgency(h, `Agency ${i}`);
    await h.auditSettled();
    return { data, h };
  }

  it('finds the chain intact, says nothing, and remembers where it was checked to', async () => {
    const { data, h } = await deskWithHistory(5);
    expect((await call(h, 'desk:health', {})).audit).toMatchObject({ state: 'intact', message: '', whatToDo: '', firstBadEntry: null });
    closeHost(h);
    const again = host(data);
    await again.auditSettled();
    expect((await call(again, 'desk:health', {})).audit).toMatchObject({ state: 'intact', entriesChecked: 5, firstBadEntry: null });
    expect(readAuditCheckpoint(again.desk!.store.reader)).toMatchObject({ entryId: 5 });
  });

  it('names the first entry changed behind the app’s back, at once for a recent entry', async () => {
    const { data, h } = await deskWithHistory(4);
    closeHost(h);
    const checkpointed = host(data);
    await checkpointed.auditSettled();
    await addAgency(checkpointed, 'Added after the last check');
    closeHost(checkpointed);

    const intruder = openTestDb(join(data, DATABASE_FILE_NAME));
    intruder.exec('DROP TRIGGER audit_entry_no_update');
    intruder.prepare("UPDATE audit_entry SET actor = 'someone else' WHERE id = 5").run();
    intruder.close();

    const h2 = host(data);
    // Before the background walk has run: the check at once already names it.
    const atOnce = (await call(h2, 'desk:health', {})).audit!;
    expect(atOnce).toMatchObject({ state: 'broken', firstBadEntry: { id: 5, action: 'agency.create' } });
    expect(atOnce.message).toMatch(
      /^The audit trail has been changed outside the app\. Entry 5 \(recorded as “agency\.create” on \d\d\/\d\d\/\d{4} at \d\d:\d\d\) does not match the entries before it/,
    );
    expect(atOnce.whatToDo).toMatch(/Keep this records file and its backups as evidence.*restore a backup taken before the change/);
    await h2.auditSettled();
    expect((await call(h2, 'desk:health', {})).audit).toMatchObject({ state: 'broken', firstBadEntry: { id: 5 } });
  });

  it('names an older changed entry once the background walk reaches it, and keeps the checkpoint where it was', async () => {
    const { data, h } = await deskWithHistory(6);
    closeHost(h);
    const checkpointed = host(data);
    await checkpointed.auditSettled();
    const checkpoint = readAuditCheckpoint(checkpointed.desk!.store.reader);
    closeHost(checkpointed);
    const intruder = openTestDb(join(data, DATABASE_FILE_NAME));
    intruder.exec('DROP TRIGGER audit_entry_no_update');
    intruder.prepare('UPDATE audit_entry SET after_json = \'{"name":"Someone Else"}\' WHERE id = 2').run();
    intruder.close();

    const h2 = host(data);
    await h2.auditSettled();
    expect((await call(h2, 'desk:health', {})).audit).toMatchObject({ state: 'broken', entriesChecked: 1, firstBadEntry: { id: 2 } });
    expect(readAuditCheckpoint(h2.desk!.store.reader)).toEqual(checkpoint);
  });

  it('catches a rewrite that recomputed every hash, and a trail cut short, by the checkpoint', async () => {
    const { data, h } = await deskWithHistory(5);
    closeHost(h);
    const checkpointed = host(data);
    await checkpointed.auditSettled();
    closeHost(checkpointed);
    const file = join(data, DATABASE_FILE_NAME);
    const copy = join(folder(), 'cut.sqlite');

    // Rewrite entry 3 and recompute the chain from there, as someone with the app's source and the
    // board's key could (without the key the first edited entry is caught: test/db/auditKeyed.test.ts).
    const { auditChainKey, chainHash } = await import('../../electron/db/auditKey');
    const intruder = openTestDb(file);
    intruder.exec('DROP TRIGGER audit_entry_no_update');
    intruder.prepare('UPDATE audit_entry SET actor = ? WHERE id = 3').run('someone else');
    let prev = (intruder.prepare('SELECT hash FROM audit_entry WHERE id = 2').get() as { hash: string }).hash;
    for (const row of intruder.prepare('SELECT * FROM audit_entry WHERE id >= 3 ORDER BY id').all() as Record<
      string,
      string | number | null
    >[]) {
      const hash = chainHash(auditChainKey(TEST_KEY), [
        prev,
        row.at,
        row.actor,
        row.action,
        row.entity,
        row.entity_id,
        row.content_digest,
        row.corrects_entry_id,
      ]);
      intruder.prepare('UPDATE audit_entry SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, row.id);
      prev = hash;
    }
    intruder.prepare(`VACUUM INTO ?`).run(copy);
    intruder.close();
    const rewritten = host(data);
    await rewritten.auditSettled();
    const audit = (await call(rewritten, 'desk:health', {})).audit!;
    expect(audit).toMatchObject({ state: 'broken', entriesChecked: 5 });
    expect(audit.message).toMatch(
      /^The audit trail has been rewritten outside the app: entry 5 no longer holds what it held when the app last checked the whole trail on/,
    );
    closeHost(rewritten);

    // Cut short: the last entries removed.
    rmSync(file);
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    const cut = openTestDb(copy);
    cut.exec('DROP TRIGGER audit_entry_no_delete');
    cut.prepare('DELETE FROM audit_entry WHERE id >= 4').run();
    cut.prepare(`VACUUM INTO ?`).run(file);
    cut.close();
    const shortened = host(data);
    expect((await call(shortened, 'desk:health', {})).audit!.message).toMatch(
      /^The audit trail has been cut short outside the app: entry 5, which was there when the app last checked/,
    );
  });
});
