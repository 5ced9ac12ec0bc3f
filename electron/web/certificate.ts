// The board server speaks HTTPS only. Its certificate is the board's own (--tls-cert, --tls-key,
// from the council's IT), or one made here on first start and kept in the data folder, whose
// SHA-256 fingerprint the server prints so staff can check it the first time their browser or
// desktop app connects. (Behind the council's reverse proxy the proxy holds the certificate.)
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface ServerCertificate {
  cert: string;
  key: string;
  /** As browsers show it: colon-separated upper-case hex pairs. */
  fingerprint256: string;
  source: 'board' | 'self-signed';
  validTo: Date;
}

export class CertificateError extends Error {}

const SELF_SIGNED_FOLDER = 'tls';
const SELF_SIGNED_YEARS = 2;
/** A self-signed certificate this close to expiry is made again at start-up. */
const RENEW_WITHIN_DAYS = 30;

function readPem(file: string, what: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new CertificateError(`${flag}: cannot read the ${what} at ${file}. Check the path and that this service account may read it.`);
  }
}

function describe(cert: string, key: string, source: ServerCertificate['source'], now: Date, where: string): ServerCertificate {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new CertificateError(`${where} is not a PEM certificate.`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new CertificateError(
      `The private key for ${where} is not a PEM private key (or it is protected by a passphrase, which the server cannot type).`,
    );
  }
  if (!x509.checkPrivateKey(privateKey))
    throw new CertificateError(`The private key does not belong to the certificate ${where}: they must be a pair.`);
  const validFrom = new Date(x509.validFrom);
  const validTo = new Date(x509.validTo);
  if (now < validFrom) throw new CertificateError(`The certificate ${where} is not valid until ${validFrom.toISOString()}.`);
  if (now > validTo) throw new CertificateError(`The certificate ${where} expired on ${validTo.toISOString()}: ask for a new one.`);
  return { cert, key, fingerprint256: x509.fingerprint256, source, validTo };
}

/** The board's own certificate and key, checked to be a pair and in date. */
export function loadBoardCertificate(certFile: string, keyFile: string, now: Date): ServerCertificate {
  const cert = readPem(certFile, 'certificate', '--tls-cert');
  const key = readPem(keyFile, 'private key', '--tls-key');
  return describe(cert, key, 'board', now, certFile);
}

function coversNames(cert: string, names: readonly string[]): boolean {
  const x509 = new X509Certificate(cert);
  return names.every((name) => (isIP(name) ? x509.checkIP(name) !== undefined : x509.checkHost(name) !== undefined));
}

/**
 * The self-signed certificate kept in the data folder, made (again) when there is none, when it
 * no longer names every address the server answers on, or when it is near its end.
 */
export async function selfSignedCertificate(
  dataFolder: string,
  names: readonly string[],
  now: Date,
): Promise<ServerCertificate & { made: boolean }> {
  const folder = join(dataFolder, SELF_SIGNED_FOLDER);
  const certFile = join(folder, 'server-cert.pem');
  const keyFile = join(folder, 'server-key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
    try {
      const kept = describe(readFileSync(certFile, 'utf8'), readFileSync(keyFile, 'utf8'), 'self-signed', now, certFile);
      const renewBy = new Date(kept.validTo.getTime() - RENEW_WITHIN_DAYS * 86_400_000);
      if (now < renewBy && coversNames(kept.cert, names)) return { ...kept, made: false };
    } catch {
      // An unreadable or mismatched pair is replaced below: it is ours, made by an earlier start.
    }
  }
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + SELF_SIGNED_YEARS);
  const altNames = names.map((name) => (isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name }));
  const pems = await generate(
    [
      { name: 'commonName', value: names[0] ?? 'escalation-desk' },
      { name: 'organizationName', value: 'Escalation Desk board server' },
    ],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: new Date(now.getTime() - 60_000),
      notAfterDate: notAfter,
      extensions: [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames },
      ],
    },
  );
  // The key is a secret of the service account: 0600 in a 0700 folder, written whole then renamed.
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  for (const [file, body] of [
    [keyFile, pems.private],
    [certFile, pems.cert],
  ] as const) {
    writeFileSync(`${file}.tmp`, body, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
  return { ...describe(pems.cert, pems.private, 'self-signed', now, certFile), made: true };
}
