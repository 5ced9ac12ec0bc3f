// The board server's certificate: the board's own, checked, or one made here and kept.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CertificateError, loadBoardCertificate, selfSignedCertificate } from '../../electron/web/certificate';
import { tempFolder } from '../support/tempStore';

const folders: string[] = [];
const folder = () => {
  const made = tempFolder('desk-cert-');
  folders.push(made);
  return made;
};
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

const now = new Date('2026-11-23T10:00:00Z');

describe('a self-signed certificate for the board server', () => {
  it('is made once, names every address the server answers on, and keeps its fingerprint across starts', async () => {
    const data = folder();
    const first = await selfSignedCertificate(data, ['desk.board.local', '127.0.0.2'], now);
    expect(first).toMatchObject({ made: true, source: 'self-signed' });
    expect(first.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const again = await selfSignedCertificate(data, ['desk.board.local', '127.0.0.2'], new Date('2027-06-01T10:00:00Z'));
    expect(again).toMatchObject({ made: false, fingerprint256: first.fingerprint256 });
    // The key is the service account's alone.
    if (process.platform !== 'win32') {
      expect(statSync(join(data, 'tls')).mode & 0o777).toBe(0o700);
      expect(statSync(join(data, 'tls', 'server-key.pem')).mode & 0o777).toBe(0o600);
    }
  });

  it('is made again for a new address, and before it runs out', async () => {
    const data = folder();
    const first = await selfSignedCertificate(data, ['127.0.0.2'], now);
    const moved = await selfSignedCertificate(data, ['127.0.0.3'], now);
    expect(moved.made).toBe(true);
    expect(moved.fingerprint256).not.toBe(first.fingerprint256);
    const late = await selfSignedCertificate(data, ['127.0.0.3'], new Date(moved.validTo.getTime() - 5 * 86_400_000));
    expect(late.made).toBe(true);
  });
});

describe('the board’s own certificate', () => {
  it('is taken when the certificate and key are a pair and in date', async () => {
    const made = await selfSignedCertificate(folder(), ['desk.board.local'], now);
    const own = folder();
    writeFileSync(join(own, 'cert.pem'), made.cert);
    writeFileSync(join(own, 'key.pem'), made.key);
    expect(loadBoardCertificate(join(own, 'cert.pem'), join(own, 'key.pem'), now)).toMatchObject({
      source: 'board',
      fingerprint256: made.fingerprint256,
    });
  });

  it('is refused in plain words when missing, not a pair, not a certificate, or out of date', async () => {
    const aFolder = folder();
    const a = await selfSignedCertificate(aFolder, ['a.board.local'], now);
    const b = await selfSignedCertificate(folder(), ['b.board.local'], now);
    const own = folder();
    writeFileSync(join(own, 'a.pem'), a.cert);
    writeFileSync(join(own, 'b-key.pem'), b.key);
    writeFileSync(join(own, 'notes.pem'), 'my notes');
    const refused = (cert: string, key: string, at = now) => {
      try {
        loadBoardCertificate(join(own, cert), join(own, key), at);
      } catch (error) {
        expect(error).toBeInstanceOf(CertificateError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused('missing.pem', 'b-key.pem')).toMatch(/^--tls-cert: cannot read the certificate at .*missing\.pem/);
    expect(refused('a.pem', 'b-key.pem')).toMatch(/does not belong to the certificate .*a\.pem: they must be a pair/);
    expect(refused('notes.pem', 'b-key.pem')).toMatch(/notes\.pem is not a PEM certificate/);
    expect(refused('a.pem', 'notes.pem')).toMatch(/is not a PEM private key/);
    writeFileSync(join(own, 'a-key.pem'), readFileSync(join(aFolder, 'tls', 'server-key.pem')));
    expect(refused('a.pem', 'a-key.pem', new Date('2029-01-01T00:00:00Z'))).toMatch(/expired on 2028-11-23/);
  });
});
