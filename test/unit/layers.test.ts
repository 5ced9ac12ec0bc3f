// The rooms stay apart: the lint refuses an import across a layer (eslint.config.js), and the
// import graph of the product's code has no circle, between files or between folders.
import { ESLint } from 'eslint';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the layer rule', () => {
  const eslint = new ESLint({ cwd: root });
  const breaches = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(root, file) });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it.each([
    [
      'a service importing the core that calls it',
      'electron/services/escalations/breach.ts',
      "import { openDesk } from '../../desk/desk';\nexport const x = openDesk;",
      /front doors or the core/,
    ],
    [
      'a service importing the Electron shell',
      'electron/services/breach.ts',
      "import { createMainWindow } from '../main/window';\nexport const x = createMainWindow;",
      /Electron shell/,
    ],
    [
      'the web mode importing Electron',
      'electron/web/breach.ts',
      "import { app } from 'electron';\nexport const x = app;",
      /Only electron\/main and electron\/preload may import Electron/,
    ],
    [
      'the web mode importing the command line',
      'electron/web/breach.ts',
      "import { x } from '../cli/index';\nexport const y = x;",
      /One front door does not import another/,
    ],
    [
      'the core importing the web mode',
      'electron/desk/breach.ts',
      "import { startWebServer } from '../web/server';\nexport const x = startWebServer;",
      /One front door does not import another/,
    ],
    [
      'the store importing a service',
      'electron/db/breach.ts',
      "import { x } from '../desk/dispatch';\nexport const y = x;",
      /front doors or the core/,
    ],
    [
      'a shared rule importing the store',
      'shared/domain/breach.ts',
      "import { openStore } from '../../electron/db/open';\nexport const x = openStore;",
      /know nothing of SQL or the main process/,
    ],
    [
      'the board server’s client importing the store',
      'electron/client/breach.ts',
      "import { openStore } from '../db/open';\nexport const x = openStore;",
      /keeps no records on this computer/,
    ],
    [
      'the board server’s client importing a service',
      'electron/client/breach.ts',
      "import { listAgencies } from '../services/agencies';\nexport const x = listAgencies;",
      /keeps no records on this computer/,
    ],
    [
      'the board server’s client importing the local desk',
      'electron/client/breach.ts',
      "import { openDesk } from '../desk/desk';\nexport const x = openDesk;",
      /front doors or the core/,
    ],
    [
      'the board server’s client importing Electron',
      'electron/client/breach.ts',
      "import { app } from 'electron';\nexport const x = app;",
      /Only electron\/main and electron\/preload may import Electron/,
    ],
    [
      'a screen importing SQLite',
      'renderer/src/features/breach.tsx',
      "import Database from 'better-sqlite3-multiple-ciphers';\nexport const x = Database;",
      /know nothing of SQL/,
    ],
  ])('refuses %s', async (_what, file, code, message) => {
    const found = await breaches(file, code);
    expect(found.length).toBeGreaterThan(0);
    expect(
      found.some((m) => message.test(m)),
      found.join(' | '),
    ).toBe(true);
  });

  it('lets each room import what lies below it', async () => {
    expect(
      await breaches('electron/web/fine.ts', "import { openFrontDesk } from '../desk/frontDesk';\nexport const x = openFrontDesk;"),
    ).toEqual([]);
    expect(await breaches('electron/services/fine.ts', "import { openStore } from '../db/open';\nexport const x = openStore;")).toEqual([]);
    expect(
      await breaches(
        'electron/client/fine.ts',
        "import { contract } from '../../shared/contract';\nimport { connect } from 'node:tls';\nexport const x = [contract, connect];",
      ),
    ).toEqual([]);
    expect(
      await breaches(
        'electron/main/fine.ts',
        "import { openConnectionHost } from '../client/connectionHost';\nexport const x = openConnectionHost;",
      ),
    ).toEqual([]);
    expect(
      await breaches(
        'electron/main/fine.ts',
        "import { app } from 'electron';\nimport { openFrontDesk } from '../desk/frontDesk';\nexport const x = [app, openFrontDesk];",
      ),
    ).toEqual([]);
  });
});

/** Every relative import of the product's code, type-only ones included: file -> files. */
function importGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
    }
  };
  for (const top of ['electron', 'shared', 'renderer/src']) walk(join(root, top));
  const graph = new Map<string, string[]>();
  const specifier = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const file of files) {
    const targets: string[] = [];
    for (const match of readFileSync(file, 'utf8').matchAll(specifier)) {
      const base = resolve(dirname(file), match[1]!);
      const target = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile());
      if (target && files.includes(target)) targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected parts with more than one member (Tarjan), as paths from the root. */
function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    order.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, order.get(next)!));
    }
    if (low.get(node) === order.get(node)) {
      const part: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        part.push(relative(root, member));
      } while (member !== node);
      if (part.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(part.sort());
    }
  };
  for (const node of graph.keys()) if (!order.has(node)) visit(node);
  return found;
}

describe('the import graph', () => {
  it('has no circle between files', () => {
    expect(circles(importGraph())).toEqual([]);
  });

  it('has no circle between folders', () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, targets] of importGraph()) {
      const from = dirname(file);
      if (!folders.has(from)) folders.set(from, new Set());
      // A folder and the folders inside it are one room with its parts: only arrows between rooms
      // that do not contain one another can make a circle between folders.
      const contains = (outer: string, inner: string) => inner.startsWith(`${outer}/`);
      for (const target of targets.map(dirname))
        if (target !== from && !contains(target, from) && !contains(from, target)) folders.get(from)!.add(target);
    }
    expect(circles(new Map([...folders].map(([folder, targets]) => [folder, [...targets]])))).toEqual([]);
  });

  it('would see a circle: the check is of real imports', () => {
    const a = join(root, 'a.ts');
    const b = join(root, 'b.ts');
    expect(
      circles(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
    ).toEqual([['a.ts', 'b.ts']]);
  });
});
