// The first screen loads only what it needs. The renderer is built here (into memory, not out/),
// and the chunks the entry pulls in before anything is shown are weighed: each screen's own code,
// and recharts above all, must wait until that screen is opened. Sizes, not timings: the timings
// are in docs/BENCHMARKS.md ("First screen").
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { rendererConfig } from '../../renderer/vite.config';

type Chunk = Rolldown.OutputChunk;

/** The entry's script and everything it imports statically: what the browser fetches before the sign-in screen shows. */
function firstScreen(chunks: Chunk[]): Chunk[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const seen = new Map<string, Chunk>();
  const visit = (chunk: Chunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.set(chunk.fileName, chunk);
    for (const name of chunk.imports) visit(byName.get(name)!);
  };
  visit(chunks.find((c) => c.isEntry)!);
  return [...seen.values()];
}

const KB = 1000;
/** Stated limits (before the split: one 1,048 kB script). */
const ENTRY_LIMIT = 300 * KB;
const FIRST_SCREEN_LIMIT = 400 * KB;

describe('the renderer’s chunks', () => {
  it('keep the first screen small and each screen, with recharts, in chunks of its own', async () => {
    const built = await build({
      ...rendererConfig,
      configFile: false,
      logLevel: 'silent',
      // As `npm run build:renderer` builds it: vitest's NODE_ENV=test would otherwise bring React's development build.
      mode: 'production',
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: { ...rendererConfig.build, write: false, emptyOutDir: false },
    });
    const outputs = (Array.isArray(built) ? built : [built]) as Rolldown.RolldownOutput[];
    const chunks = outputs.flatMap((o) => o.output).filter((o): o is Chunk => o.type === 'chunk');
    const first = firstScreen(chunks);
    const size = (c: Chunk) => Buffer.byteLength(c.code);
    const entry = chunks.find((c) => c.isEntry)!;
    const total = first.reduce((n, c) => n + size(c), 0);
    console.log(
      `renderer entry ${(size(entry) / KB).toFixed(1)} kB; first screen ${(total / KB).toFixed(1)} kB in ${first.length} scripts`,
    );
    expect(size(entry)).toBeLessThan(ENTRY_LIMIT);
    expect(total).toBeLessThan(FIRST_SCREEN_LIMIT);

    const modules = first.flatMap((c) => c.moduleIds);
    expect(modules.filter((m) => m.includes('/node_modules/recharts/'))).toEqual([]);
    for (const screen of ['DashboardPage', 'CasePage', 'RegisterPage', 'PanelsRoute', 'SettingsPage', 'AgencyDirectoryPage'])
      expect(modules.filter((m) => m.endsWith(`/${screen}.tsx`))).toEqual([]);
    // recharts is loaded with the dashboard and nowhere else.
    const withRecharts = chunks.filter((c) => c.moduleIds.some((m) => m.includes('/node_modules/recharts/')));
    expect(withRecharts.length).toBeGreaterThan(0);
    const dashboard = chunks.find((c) => c.moduleIds.some((m) => m.endsWith('/features/dashboard/DashboardPage.tsx')))!;
    for (const chunk of withRecharts) expect([dashboard.fileName, ...dashboard.imports]).toContain(chunk.fileName);
  }, 180_000);
});
