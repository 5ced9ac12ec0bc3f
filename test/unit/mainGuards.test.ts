// The main process's guards, run against a stand-in for the parts of Electron they call: the one
// thing that cannot exist here is the Electron binary, so this seam stays as thin as it can be.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;
const calls = vi.hoisted(() => ({
  appListeners: new Map<string, Listener>(),
  permissionRequest: null as null | ((contents: unknown, permission: string, callback: (ok: boolean) => void) => void),
  permissionCheck: null as null | (() => boolean),
  headers: null as
    | null
    | ((
        details: { responseHeaders: Record<string, string[]> },
        callback: (r: { responseHeaders: Record<string, string[]> }) => void,
      ) => void),
  opened: [] as string[],
  windowOptions: null as null | { webPreferences: Record<string, unknown> },
  protocolHandler: null as null | ((request: { url: string }) => Response | Promise<Response>),
  fetched: [] as string[],
}));

vi.mock('electron', () => ({
  app: { on: (event: string, fn: Listener) => calls.appListeners.set(event, fn) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: typeof calls.permissionRequest) => (calls.permissionRequest = fn),
      setPermissionCheckHandler: (fn: typeof calls.permissionCheck) => (calls.permissionCheck = fn),
      webRequest: { onHeadersReceived: (fn: typeof calls.headers) => (calls.headers = fn) },
    },
  },
  shell: { openExternal: async (url: string) => void calls.opened.push(url) },
  BrowserWindow: class {
    constructor(options: { webPreferences: Record<string, unknown> }) {
      calls.windowOptions = options;
    }
    once() {}
    loadURL() {
      return Promise.resolve();
    }
  },
  protocol: {
    handle: (_scheme: string, fn: typeof calls.protocolHandler) => (calls.protocolHandler = fn),
    registerSchemesAsPrivileged: () => undefined,
  },
  net: { fetch: async (url: string) => (calls.fetched.push(url), new Response('ok')) },
}));

const { hardenContents, hardenSessions, safeOpenExternal } = await import('../../electron/main/security');
const { createMainWindow } = await import('../../electron/main/window');
const { serveRenderer } = await import('../../electron/main/protocol');
const { CONTENT_SECURITY_POLICY } = await import('../../shared/securityPolicy');

beforeEach(() => {
  calls.opened.length = 0;
  calls.fetched.length = 0;
});

describe('the window', () => {
  it('is sandboxed and isolated, with no Node integration, webviews or insecure content', () => {
    createMainWindow('/app/out/preload/index.cjs', 'app://desk/index.html');
    expect(calls.windowOptions!.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });
});

describe('sessions', () => {
  it('refuse every permission request and check, and carry the one Content-Security-Policy', () => {
    hardenSessions();
    let granted: boolean | null = null;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      calls.permissionRequest!(null, permission, (ok) => (granted = ok));
      expect(granted).toBe(false);
    }
    expect(calls.permissionCheck!()).toBe(false);
    let headers: Record<string, string[]> = {};
    calls.headers!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});

describe('navigation and new windows', () => {
  function contents() {
    const handlers = new Map<string, Listener>();
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    const fake = {
      on: (event: string, fn: Listener) => handlers.set(event, fn),
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    };
    hardenContents((url) => url.startsWith('app://desk/'));
    calls.appListeners.get('web-contents-created')!({}, fake);
    return { handlers, open: (url: string) => openHandler!({ url }) };
  }

  it('keeps every window on the app’s own pages', () => {
    const { handlers } = contents();
    for (const event of ['will-navigate', 'will-redirect']) {
      const foreign = {
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      handlers.get(event)!(foreign, 'https://evil.example/');
      expect(foreign.prevented).toBe(true);
      const own = {
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      handlers.get(event)!(own, 'app://desk/index.html#/escalations');
      expect(own.prevented).toBe(false);
    }
    const webview = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    handlers.get('will-attach-webview')!(webview);
    expect(webview.prevented).toBe(true);
  });

  it('denies new windows and sends only https and mailto links out, through safeOpenExternal', async () => {
    const { open } = contents();
    for (const url of [
      'https://www.gov.uk/',
      'mailto:chair@board.example.uk',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
    ])
      expect(open(url)).toEqual({ action: 'deny' });
    await new Promise((ok) => setTimeout(ok, 0));
    expect(calls.opened).toEqual(['https://www.gov.uk/', 'mailto:chair@board.example.uk']);
    expect(await safeOpenExternal('not a url')).toBe(false);
  });
});

describe('the app:// protocol', () => {
  it('serves files from the renderer folder only, refusing other hosts and path traversal', async () => {
    serveRenderer('/app/out/renderer');
    const status = async (url: string) => (await calls.protocolHandler!({ url })).status;
    expect(await status('app://desk/index.html')).toBe(200);
    expect(calls.fetched).toEqual(['file:///app/out/renderer/index.html']);
    // Whatever the URL parser or the decoding makes of "..", nothing outside the folder is read.
    for (const url of [
      'app://desk/%2e%2e/%2e%2e/etc/passwd',
      'app://desk/..%2F..%2Fetc%2Fpasswd',
      'app://desk/%2E%2E%5C%2E%2E%5Cetc%5Cpasswd',
    ])
      await status(url);
    expect(calls.fetched.length).toBeGreaterThan(1);
    for (const file of calls.fetched) expect(file.startsWith('file:///app/out/renderer/')).toBe(true);
    const before = calls.fetched.length;
    expect(await status('app://other/index.html')).toBe(404);
    expect(calls.fetched).toHaveLength(before);
  });
});
