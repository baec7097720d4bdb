/// <reference lib="webworker" />
/**
 * The service worker (built by vite-plugin-pwa, `injectManifest`): Workbox precaches the whole
 * build — the page, its chunks, the workers, the KaTeX fonts, the icons — and serves every
 * navigation (`?gap=…`, `?lesson=…`) from the cached page, so the app reloads without a network.
 * A new build waits until the page asks it to take over (the "Reload" notice in `main.ts`).
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: { url: string; revision: string | null }[] };

precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// The first install takes over the open page at once (its workers and lazy panels then load from
// the cache too); later versions wait for the page's "Reload".
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
