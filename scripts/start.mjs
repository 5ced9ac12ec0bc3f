#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary is installed and a display is present;
// otherwise the local web mode, after saying plainly why.
import { existsSync, readFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);

function electronUnavailableReason() {
  const dir = join(root, 'node_modules', 'electron');
  if (!existsSync(dir)) return 'the electron package is not installed (run npm ci first)';
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) {
    return "Electron's binary has not been downloaded (it comes from outside the npm registry, which this machine cannot reach)";
  }
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return `Electron's binary is missing at ${binary}`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return 'there is no graphical display (DISPLAY is not set)';
  return null;
}

const reason = process.env.DESK_FORCE_WEB ? 'DESK_FORCE_WEB is set' : electronUnavailableReason();
const script = reason ? 'start:web' : 'start:electron';
if (reason) {
  console.log(`Starting the local web mode, because ${reason}.`);
  console.log('It is the same app and the same records, served to your browser on 127.0.0.1 only.\n');
} else {
  console.log('Starting the desktop app.\n');
}
// The web mode runs as this process's own child, not behind `npm run` and a shell: a shell does not
// pass a signal on, so a SIGTERM to \`npm start\` left the server running, unstopped and unsaid. Its
// child says each step of stopping (the backup file and where it is) before this process ends.
function webMode() {
  for (const [command, commandArgs] of [
    [process.execPath, [join(root, 'scripts', 'ensure-native.mjs')]],
    ['npm', ['run', '--silent', 'build:renderer']],
  ]) {
    const step = spawnSync(command, commandArgs, { stdio: 'inherit', cwd: root });
    if (step.status !== 0) process.exit(step.status ?? 1);
  }
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'electron', 'web', 'cli.ts'), ...args], { stdio: 'inherit', cwd: root });
}

const child = reason ? webMode() : spawn('npm', ['run', '--silent', script, '--', ...args], { stdio: 'inherit', cwd: root });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
// Ctrl+C reaches the child from the terminal too; a second signal changes nothing, as stopping is taken once.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
