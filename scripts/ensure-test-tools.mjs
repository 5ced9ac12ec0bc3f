#!/usr/bin/env node
// The tests drive Debian's Chromium (Playwright cannot download its own browsers here) and open
// every generated workbook in LibreOffice (and read the PDFs it prints with poppler's pdftotext); the clock-moved run (scripts/test-clock.mjs) needs
// libfaketime; the encryption tests show that the sqlite3 command line cannot read an encrypted
// records file. Installs what is missing on a machine where we are root
// with apt; otherwise says plainly what to install.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const has = (command) => {
  try {
    execSync(`command -v ${command}`, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean).some((p) => existsSync(p));
const libreoffice = has('soffice');
const faketime = has('faketime');
const poppler = has('pdftotext') && has('pdfinfo');
const sqlite3 = has('sqlite3');
if (chromium && libreoffice && faketime && poppler && sqlite3) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && has('apt-get')) {
  execSync('apt-get update -qq', { stdio: 'inherit' });
  if (!chromium) {
    console.log('Installing Debian’s chromium package for the browser tests…');
    execSync('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core', { stdio: 'inherit' });
  }
  if (!libreoffice) {
    console.log('Installing LibreOffice Calc (headless) for the workbook tests…');
    execSync('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui', { stdio: 'inherit' });
  }
  if (!faketime) {
    console.log('Installing libfaketime for the clock-moved test run…');
    execSync('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime', { stdio: 'inherit' });
  }
  if (!poppler) {
    console.log('Installing poppler-utils to read the printed workbooks back…');
    execSync('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils', { stdio: 'inherit' });
  }
  if (!sqlite3) {
    console.log('Installing the sqlite3 command line, to show it cannot read an encrypted records file…');
    execSync('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3', { stdio: 'inherit' });
  }
  process.exit(0);
}
if (!chromium)
  console.error(
    'The browser tests need Chromium. Install it (on Debian: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.',
  );
if (!libreoffice)
  console.error('The workbook tests need LibreOffice. Install it (on Debian: sudo apt-get install libreoffice-calc-nogui).');
if (!faketime) console.error('The clock-moved test run needs libfaketime. Install it (on Debian: sudo apt-get install faketime).');
if (!poppler) console.error('The printed-workbook tests need pdftotext. Install it (on Debian: sudo apt-get install poppler-utils).');
if (!sqlite3) console.error('The encryption tests need the sqlite3 command line. Install it (on Debian: sudo apt-get install sqlite3).');
process.exit(1);
