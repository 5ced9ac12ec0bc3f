#!/usr/bin/env node
// The SQLite driver (better-sqlite3-multiple-ciphers: better-sqlite3's API with SQLite3 Multiple
// Ciphers inside, for encrypted records) is a native module built for one runtime at a time. Starting the desktop app
// rebuilds it for Electron; the tests run in Node. Rebuild for Node only when it will not load.
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  const Database = require('better-sqlite3-multiple-ciphers');
  new Database(':memory:').close();
} catch (error) {
  if (!/NODE_MODULE_VERSION|was compiled against a different Node.js version/.test(String(error))) throw error;
  console.log('The SQLite driver was last built for Electron: rebuilding it for Node (about a minute)…');
  execSync('npm rebuild better-sqlite3-multiple-ciphers', { stdio: 'inherit' });
}
