// What the packaged desktop app is built with, checked here because installers cannot be built on
// this machine: electron-builder's own loader and validator read electron-builder.yml, and the fuses
// (item 19 of Electron's security checklist) must be exactly the hardened set. The page's CSP meta
// tag is checked against the one policy, since Electronegativity evaluates the tag.
import { readFileSync } from 'node:fs';
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

  it('would refuse a misspelt fuse, so the check above is of real key names', async () => {
    const config = await loadBuilderConfig();
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNodes: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });
});

describe('the page’s Content-Security-Policy meta tag', () => {
  const directives = (policy: string) => policy.split(';').map((directive) => directive.trim()).filter(Boolean);

  it('is the one policy, less frame-ancestors (which a meta tag cannot carry)', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(directives(meta!)).toEqual(directives(CONTENT_SECURITY_POLICY).filter((directive) => !directive.startsWith('frame-ancestors')));
  });
});
