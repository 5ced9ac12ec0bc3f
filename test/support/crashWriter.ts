// Child process for the crash test: writes escalation-desk records as fast as it can through the
// real dispatcher and says "ack <name>" on stdout after each write is committed. The test kills it.
import { openDesk } from '../../electron/desk/desk';
import { onLatest } from './latest';
import { TEST_KEY } from './testKey';

const folder = process.argv[2];
if (!folder) throw new Error('usage: crashWriter <data folder>');
const desk = openDesk({ key: TEST_KEY, dataFolder: folder, mode: 'web', version: 'crash-test', actor: () => 'crash test' });
// The loop never yields, so a broken stdout pipe is never noticed: watch for the test going away
// (this process handed to another parent) instead, or an interrupted run leaves it writing for ever.
const parent = process.ppid;
let n = (desk.store.reader.prepare('SELECT count(*) AS n FROM agency').get() as { n: number }).n;
for (;;) {
  if (process.ppid !== parent) process.exit(0);
  n += 1;
  const name = `Crash Agency ${n}`;
  const result = desk.call('agencies:create', { name, sector: 'other', statutoryPartner: false });
  if (!result.ok) throw new Error(result.error.message);
  const id = result.value.id;
  const membership = onLatest(desk, 'memberships:add', { agencyId: id, from: '2020-01-01' });
  if (!membership.ok) throw new Error(membership.error.message);
  process.stdout.write(`ack ${name}\n`);
}
