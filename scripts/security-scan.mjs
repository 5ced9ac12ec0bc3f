#!/usr/bin/env node
// Electronegativity (Doyensec's scanner for Electron misconfigurations) over the app's own sources,
// run by `npm test`. It brings eslint 7 and TypeScript 4.2 with it, so it lives in its own folder
// (test/security/electronegativity, with its own lockfile) and is installed there on first use.
// First it scans a deliberately insecure fixture and insists on every finding expected there, so a
// clean result for the app means the checks ran; then the app, where any finding fails the test.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const toolDir = join(root, 'test', 'security', 'electronegativity');
const fixtureDir = join(toolDir, 'fixture');
const securityPage = join(root, 'docs', 'SECURITY.md');

/** What the app is made of, as shipped: the main process, preload, renderer, shared rules, manifest. */
const APP_SOURCES = ['electron', 'shared', 'renderer', 'package.json'];

/** Checks left out, by class name; docs/SECURITY.md says why for each. */
const EXCLUDED_CHECKS = {
  AvailableSecurityFixesGlobalCheck: 'looks up the latest Electron releases online; the test command runs offline',
  ElectronVersionJSONCheck: 'only reports the Electron version from package.json, as input for the online check above',
};

/** Every check the insecure fixture must trigger: if one goes quiet, the scan is not to be trusted. */
const EXPECTED_IN_FIXTURE = [
  'ALLOWPOPUPS_HTML_CHECK',
  'AUXCLICK_HTML_CHECK',
  'AUXCLICK_JS_CHECK',
  'BLINK_FEATURES_JS_CHECK',
  'CERTIFICATE_ERROR_EVENT_JS_CHECK',
  'CERTIFICATE_VERIFY_PROC_JS_CHECK',
  'CONTEXT_ISOLATION_JS_CHECK',
  'CSP_GLOBAL_CHECK',
  'CUSTOM_ARGUMENTS_JS_CHECK',
  'DANGEROUS_FUNCTIONS_JS_CHECK',
  'EXPERIMENTAL_FEATURES_JS_CHECK',
  'HTTP_RESOURCES_HTML_CHECK',
  'HTTP_RESOURCES_JS_CHECK',
  'HTTP_RESOURCES_WITH_NODE_INTEGRATION_GLOBAL_CHECK',
  'INSECURE_CONTENT_JS_CHECK',
  'LIMIT_NAVIGATION_GLOBAL_CHECK',
  'NODE_INTEGRATION_HTML_CHECK',
  'NODE_INTEGRATION_JS_CHECK',
  'OPEN_EXTERNAL_JS_CHECK',
  'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
  'SANDBOX_JS_CHECK',
  'SECURITY_WARNINGS_DISABLED_JS_CHECK',
  'WEB_SECURITY_HTML_CHECK',
  'WEB_SECURITY_JS_CHECK',
];

/** Electronegativity's own marker for a finding reviewed at that line: `eng-disable CHECK_ID`. */
const REVIEW_MARKER = /eng-disable[ \t]+([\w \t]+)/;

class ScanFailure extends Error {}
function fail(message) {
  throw new ScanFailure(message);
}

function lockedVersion(lockFile, packagePath) {
  const version = JSON.parse(readFileSync(lockFile, 'utf8')).packages?.[packagePath]?.version;
  if (!version) fail(`${relative(root, lockFile)} does not lock ${packagePath}.`);
  return version;
}

function ensureInstalled() {
  const wanted = lockedVersion(join(toolDir, 'package-lock.json'), 'node_modules/@doyensec/electronegativity');
  const installedManifest = join(toolDir, 'node_modules', '@doyensec', 'electronegativity', 'package.json');
  if (existsSync(installedManifest) && JSON.parse(readFileSync(installedManifest, 'utf8')).version === wanted) return wanted;
  console.log(`Installing Electronegativity ${wanted} into ${relative(root, toolDir)} (its own lockfile, apart from the app's packages)…`);
  try {
    execFileSync('npm', ['ci', '--prefix', toolDir, '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: toolDir,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
  } catch (error) {
    fail(`could not install Electronegativity (npm ci in ${relative(root, toolDir)}: ${error.message}). It comes from the npm registry.`);
  }
  if (!existsSync(installedManifest)) fail(`npm ci finished but ${relative(root, installedManifest)} is missing.`);
  return wanted;
}

function loadTool() {
  const toolRequire = createRequire(join(toolDir, 'package.json'));
  const runnerFile = toolRequire.resolve('@doyensec/electronegativity');
  // Its messages are fetched afresh from the network on every run (falling back to the copy it ships):
  // give it the shipped English ones straight away, so the scan reaches nothing outside this machine.
  const messagesModule = join(dirname(runnerFile), 'locales', 'i18n.js');
  if (![messagesModule, join(dirname(messagesModule), 'en-US.json')].every(existsSync))
    fail(`Electronegativity's layout has changed: ${messagesModule} or its en-US.json is missing.`);
  const i18n = createRequire(runnerFile)('i18n');
  const offlineMessages = new Module(messagesModule);
  offlineMessages.filename = messagesModule;
  offlineMessages.loaded = true;
  offlineMessages.exports = async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(messagesModule),
      updateFiles: false,
      objectNotation: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  toolRequire.cache[messagesModule] = offlineMessages;
  return { run: toolRequire(runnerFile), Table: createRequire(runnerFile)('cli-table3') };
}

async function scan(tool, input, electronVersion) {
  try {
    return await tool.run({
      input,
      electronVersionOverride: electronVersion,
      excludeFromScan: Object.keys(EXCLUDED_CHECKS).map((name) => name.toLowerCase()),
      isRelative: true,
      isVerbose: true,
    });
  } catch (error) {
    fail(`Electronegativity could not scan ${input}: ${error.stack ?? error}`);
  }
}

function failOnUnreadFiles(result, what, base) {
  if (result.errors.length === 0) return;
  for (const error of result.errors) console.error(`  could not parse ${relative(base, error.file)}: ${error.message}`);
  fail(`Electronegativity could not read ${result.errors.length} file(s) of ${what}, so it cannot vouch for them.`);
}

function printTable(tool, issues) {
  const table = new tool.Table({ head: ['check', 'file', 'line:col', 'what'], colWidths: [null, null, null, 60], wordWrap: true });
  for (const issue of issues) {
    table.push([
      `${issue.id}\n${issue.severity.name} | ${issue.confidence.name}${issue.manualReview ? '\n(review needed)' : ''}`,
      issue.file,
      `${issue.location.line}:${issue.location.column}`,
      `${issue.description}\n${issue.shortenedURL ?? ''}`,
    ]);
  }
  console.log(table.toString());
}

function scannableFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((file) => statSync(file).isFile() && /\.(jsx?|tsx?|html?)$|package\.json$/.test(file));
}

/** Every `eng-disable` marker in the app must be explained, by file and check, in docs/SECURITY.md. */
function reviewedSites(stage) {
  const page = readFileSync(securityPage, 'utf8').split('\n');
  const sites = [];
  for (const file of scannableFiles(stage)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const marker = line.match(REVIEW_MARKER);
        if (!marker) return;
        const path = relative(stage, file);
        for (const check of marker[1].trim().split(/[ \t]+/)) {
          const explained = page.some((row) => row.includes(`\`${path}\``) && row.includes(`\`${check}\``));
          if (!explained)
            fail(
              `${path}:${index + 1} marks ${check} as reviewed, but docs/SECURITY.md has no row naming \`${path}\` and \`${check}\` to say why.`,
            );
          sites.push(`${path}:${index + 1} ${check}`);
        }
      });
  }
  return sites;
}

async function main() {
  const version = ensureInstalled();
  const electronVersion = lockedVersion(join(root, 'package-lock.json'), 'node_modules/electron');
  const tool = loadTool();
  const excluded = Object.entries(EXCLUDED_CHECKS).map(([name, why]) => `${name} (${why})`);

  const fixture = await scan(tool, fixtureDir, electronVersion);
  failOnUnreadFiles(fixture, 'the insecure fixture', fixtureDir);
  const seen = new Set(fixture.issues.map((issue) => issue.id));
  const silent = EXPECTED_IN_FIXTURE.filter((id) => !seen.has(id));
  if (silent.length > 0)
    fail(`self-check: the insecure fixture should trigger ${silent.join(', ')}, but did not. The scan cannot be trusted.`);
  console.log(
    `Electronegativity ${version} self-check: ${fixture.issues.length} findings in the insecure fixture, all ${EXPECTED_IN_FIXTURE.length} expected checks among them.`,
  );

  const stage = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  try {
    for (const part of APP_SOURCES) cpSync(join(root, part), join(stage, part), { recursive: true });
    const files = scannableFiles(stage).length;
    const sites = reviewedSites(stage);
    const app = await scan(tool, stage, electronVersion);
    failOnUnreadFiles(app, 'the app', stage);
    console.log(
      `Scanned ${files} files (${APP_SOURCES.join(', ')}) as Electron ${electronVersion} with ${app.atomicChecks} file checks and ${app.globalChecks} whole-app checks.`,
    );
    console.log(`Left out: ${excluded.join('; ')}.`);
    console.log(`Reviewed in the code (eng-disable, each explained in docs/SECURITY.md): ${sites.length ? sites.join(', ') : 'none'}.`);
    if (app.issues.length > 0) {
      printTable(tool, app.issues);
      fail(
        `Electronegativity reports ${app.issues.length} issue(s) in the app. Fix each; if one is a reviewed false positive, mark that line with \`eng-disable <CHECK>\` and say why in docs/SECURITY.md.`,
      );
    }
    console.log('Electronegativity: 0 issues.');
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`\nSecurity scan FAILED: ${error instanceof ScanFailure ? error.message : error.stack}`);
  process.exitCode = 1;
}
