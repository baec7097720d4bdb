/**
 * Helpers for the browser suites: build the app with Vite's JS API into a temporary folder,
 * serve it with a tiny static server on a free port, and launch the system Chromium.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';

/** Path of the system Chromium the suites drive. */
export const CHROMIUM = '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.png': 'image/png',
};

/** A built and served app. */
export interface ServedApp {
  readonly url: string;
  readonly outDir: string;
  close(): Promise<void>;
}

/** Build the app into `outDir` (default: a new temporary folder). */
export async function buildApp(outDir?: string): Promise<string> {
  const dir = outDir ?? (await mkdtemp(join(tmpdir(), 'eolab-build-')));
  await build({
    root: resolve(import.meta.dirname, '../..'),
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true },
  });
  return dir;
}

/**
 * Serve a folder of static files on 127.0.0.1 at a free port; `headers` are added to every
 * response (e.g. a Content-Security-Policy, so workers run under it too).
 */
export async function serveStatic(
  dir: string,
  removeOnClose = false,
  headers: Readonly<Record<string, string>> = {},
): Promise<ServedApp> {
  const server = http.createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res
        .writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    outDir: dir,
    close: async () => {
      await new Promise<void>((ok) => server.close(() => ok()));
      if (removeOnClose) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Launch the system Chromium headless. @throws Error naming the missing binary */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install it with "apt-get install -y chromium"`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}
