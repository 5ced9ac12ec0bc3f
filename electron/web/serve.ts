// The board server (issue 15): `npm run serve -- --data DIR --listen HOST:PORT [--name NAME ...]
// [--tls-cert FILE --tls-key FILE | --behind-proxy ADDRESS]`. The same desk and the same server as
// the local web mode (cli.ts), bound to an address the board's staff reach from their own machines.
//
// HTTPS only: the board's certificate, or one made on first start and kept in the data folder (its
// SHA-256 fingerprint is printed for staff to check), or plain HTTP from the council's reverse proxy
// alone, which speaks HTTPS to browsers. There is no launch key: the address opens the sign-in
// screen, and each person signs in with their own account.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { NewerDatabaseError } from '../db/migrate';
import { ClockSettingError, processClock } from '../desk/clock';
import { checked, parseFlags, UsageError } from '../desk/args';
import { allowedOrigins, reachOf, type Binding } from './binding';
import { CertificateError, loadBoardCertificate, selfSignedCertificate } from './certificate';
import { openFrontDoor, stopOnSignals } from './frontDoor';
import { takeKeyFileFlag, unlockRecords, UnlockRefused } from '../desk/unlock';

const HELP = `Usage: npm run serve -- --data DIR --listen HOST:PORT [--name NAME ...] [--tls-cert FILE --tls-key FILE | --behind-proxy ADDRESS]
  --data DIR             the board's data folder (records, backups, the self-signed certificate)
  --listen HOST:PORT     the address to listen on, e.g. 192.168.10.5:8443 or [fd00::5]:8443 (0.0.0.0 for every address)
  --name NAME            a name staff reach the server by, e.g. desk.board.local (repeat for more)
  --tls-cert, --tls-key  the board's certificate and private key (PEM); without them a self-signed certificate is made
  --behind-proxy ADDRESS plain HTTP from the council's reverse proxy at ADDRESS only (it holds the certificate)
  --key-file FILE        the board's key (written by: npm run board -- key-file --to FILE), readable by the
                         service account only; without it the passphrase comes from ESCALATION_DESK_PASSPHRASE`;

const WILDCARD = new Set(['0.0.0.0', '::']);
/** A DNS name (letters, digits, hyphens, dots), or a name with a port for a proxy that is not on 443. */
const HOST_NAME =
  /^(?=.{1,253}(:\d{1,5})?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:\d{1,5})?$/;

const listen = z
  .string()
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[0-9.]+):\d{1,5}$/, 'give an address and a port, such as 192.168.10.5:8443 or [fd00::5]:8443')
  .transform((value, ctx) => {
    const at = value.lastIndexOf(':');
    const host = value.slice(0, at).replace(/^\[|\]$/g, '');
    const port = Number(value.slice(at + 1));
    if (isIP(host) === 0)
      ctx.addIssue({
        code: 'custom',
        message: `“${host}” is not an IP address (a name goes in --name; listen on the address it points to)`,
      });
    if (port > 65535) ctx.addIssue({ code: 'custom', message: 'the port must be 0 to 65535' });
    return { host, port };
  });

const argsSchema = z
  .object({
    data: z.string({ error: 'the data folder is needed (--data DIR)' }).min(1, 'the data folder is needed (--data DIR)'),
    listen: z.string({ error: 'the address to listen on is needed (--listen HOST:PORT)' }).pipe(listen),
    name: z.array(z.string().regex(HOST_NAME, 'a name is letters, digits, hyphens and dots, such as desk.board.local')).default([]),
    'tls-cert': z.string().min(1).optional(),
    'tls-key': z.string().min(1).optional(),
    'behind-proxy': z
      .string()
      .refine((value) => isIP(value) !== 0, 'give the proxy’s IP address, such as 10.0.0.7')
      .optional(),
  })
  .superRefine((args, ctx) => {
    if ((args['tls-cert'] === undefined) !== (args['tls-key'] === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [args['tls-cert'] === undefined ? 'tls-cert' : 'tls-key'],
        message: '--tls-cert and --tls-key go together: give both, or neither for a self-signed certificate',
      });
    }
    if (args['behind-proxy'] !== undefined && args['tls-cert'] !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['behind-proxy'],
        message: 'behind a proxy the proxy holds the certificate: leave out --tls-cert and --tls-key',
      });
    }
    if (args['behind-proxy'] !== undefined && args.name.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'behind a proxy, give the name staff use to reach the proxy (--name desk.board.gov.uk)',
      });
    }
    if (WILDCARD.has(args.listen.host) && args.name.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: `listening on ${args.listen.host} (every address), give the names staff use (--name desk.board.local)`,
      });
    }
    if (args['behind-proxy'] === undefined && args.name.some((name) => name.includes(':'))) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'a name carries a port only behind a proxy; here the port is the one in --listen',
      });
    }
  });

/** --name may be given many times; the other options once each. */
function flagsOf(argv: readonly string[]): Record<string, unknown> {
  const names: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--name') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError('--name needs a value.');
      names.push(value);
      i += 1;
    } else if (arg.startsWith('--name=')) names.push(arg.slice('--name='.length));
    else rest.push(arg);
  }
  return { ...parseFlags(rest, ['data', 'listen', 'tls-cert', 'tls-key', 'behind-proxy', 'name']), name: names };
}

async function main(): Promise<void> {
  const { keyFile, rest: argv } = takeKeyFileFlag(process.argv.slice(2));
  if (argv.includes('--help')) {
    console.log(HELP);
    return;
  }
  const args = checked(argsSchema, flagsOf(argv) as Record<string, string>);
  const now = processClock();
  const dataFolder = resolve(args.data);
  const { host, port } = args.listen;
  const proxy = args['behind-proxy'];
  // The names the Host check accepts: the ones given, and the address itself (unless it is every address).
  const names = [...new Set([...(WILDCARD.has(host) || proxy ? [] : [host]), ...args.name])];
  const binding: Binding = { host, port, names, launchKey: false };
  let certificateLine: string;
  if (proxy) {
    binding.proxy = proxy;
    certificateLine = `Behind the proxy at ${proxy}: plain HTTP is answered from it alone, and the proxy holds the certificate.`;
  } else {
    const certificate =
      args['tls-cert'] && args['tls-key']
        ? loadBoardCertificate(args['tls-cert'], args['tls-key'], now())
        : await selfSignedCertificate(dataFolder, names, now());
    binding.tls = { cert: certificate.cert, key: certificate.key };
    certificateLine =
      certificate.source === 'board'
        ? `Certificate: the board's own, valid to ${certificate.validTo.toISOString().slice(0, 10)}.\n  SHA-256 fingerprint: ${certificate.fingerprint256}`
        : `Certificate: self-signed, ${'made' in certificate && certificate.made ? 'made now' : 'kept from an earlier start'} in ${dataFolder}; valid to ${certificate.validTo.toISOString().slice(0, 10)}.\n  SHA-256 fingerprint: ${certificate.fingerprint256}\n  Staff check that their browser shows this fingerprint the first time they connect.`;
  }
  const key = await unlockRecords(dataFolder, keyFile);
  const door = await openFrontDoor({ dataFolder, key, binding, logRequests: true });
  const origins = allowedOrigins(reachOf(binding), door.server.port);
  console.log(
    [
      'Escalation Desk board server is running.',
      `  Open: ${door.server.url}`,
      ...origins.slice(1).map((origin) => `  Also: ${origin}/`),
      `  Listening on: ${host.includes(':') ? `[${host}]` : host}:${door.server.port}`,
      `  Data: ${dataFolder}`,
      `  ${certificateLine}`,
      'Each person signs in with their own account. Stop with SIGTERM or Ctrl+C (a backup is taken first).',
    ].join('\n'),
  );
  if (!door.desk.desk) {
    console.log(
      `The records file failed its integrity check and was not opened. With no accounts to sign in to, the network is not offered a restore: stop the server, run "npm run board -- restore --latest --data ${dataFolder}" on this machine, then start it again.`,
    );
  }
  stopOnSignals(door);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ClockSettingError) {
    console.error(`${error.message}\n\n${HELP}`);
    process.exit(2);
  }
  if (error instanceof UnlockRefused) {
    console.error(`The records were not opened: ${error.message}`);
    process.exit(3);
  }
  if (error instanceof CertificateError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof NewerDatabaseError) console.error(error.message);
  else console.error(`Could not start the board server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
