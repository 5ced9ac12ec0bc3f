#!/usr/bin/env node
// The browser tests drive Debian's Chromium (Playwright cannot download its own browsers here).
// Installs it when missing on a machine where we are root with apt; otherwise says what to do.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
if (candidates.some((p) => existsSync(p))) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
function hasApt() {
  try {
    execSync('command -v apt-get', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
if (isRoot && hasApt()) {
  console.log('Chromium is not installed: installing Debian’s chromium package for the browser tests…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core', { stdio: 'inherit' });
  process.exit(0);
}
console.error('The browser tests need Chromium. Install it (on Debian: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.');
process.exit(1);
