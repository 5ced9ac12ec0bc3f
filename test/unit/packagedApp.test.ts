// What the packaged desktop app is built with, checked here because installers cannot be built on
// this machine: electron-builder's own loader and validator read electron-builder.yml, and the fuses
// (item 19 of Electron's security checklist) must be exactly the hardened set. The page's CSP meta
// tag is checked against the one policy, since Electronegativity evaluates the tag.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/securityPolicy';

const root = fileURLToPath(new URL('../..', import.meta.url));
const loadBuilderConfig = () => getConfig(root, 'electron-builder.yml', null);

describe('electron-builder.yml', () => {
  it('is accepted by the installed electron-builder', async () => {
    await expect(validateConfiguration(await loadBuilderConfig(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the fuses that stop the app being run as Node, inspected, or loaded from outside its checked asar', async () => {
    const config = await loadBuilderConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    // The asar integrity and asar-only fuses mean nothing without an asar archive.
    expect(config.asar).not.toBe(false);
  });

  it('packages the icon, the licence text and the desktop entry from resources/, each of which exists', async () => {
    const config = await loadBuilderConfig();
    expect(config.directories?.buildResources).toBe('resources');
    const named = [
      config.icon,
      config.nsis?.license,
      config.dmg?.license,
      ...(config.extraResources as { from: string }[]).map((r) => r.from),
    ];
    for (const file of named) expect(existsSync(join(root, file as string)), `${String(file)} is named in electron-builder.yml`).toBe(true);
    // electron-builder needs at least 512 px to make the macOS icon set: read the PNG's own header.
    const png = readFileSync(join(root, config.icon as string));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(config.linux?.desktop).toMatchObject({ entry: { Name: 'Escalation Desk', Categories: 'Office;' } });
  });

  it('would refuse a misspelt fuse, so the check above is of real key names', async () => {
    const config = await loadBuilderConfig();
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNodes: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });
});

describe('the page’s Content-Security-Policy meta tag', () => {
  const directives = (policy: string) =>
    policy
      .split(';')
      .map((directive) => directive.trim())
      .filter(Boolean);

  it('is the one policy, less frame-ancestors (which a meta tag cannot carry)', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(directives(meta!)).toEqual(directives(CONTENT_SECURITY_POLICY).filter((directive) => !directive.startsWith('frame-ancestors')));
  });
});
