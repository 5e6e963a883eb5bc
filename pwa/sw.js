// Hoego's service worker, hand-written (no library, nothing remote). This is a
// template: scripts/postbuild.mjs (the Trunk post-build hook) writes dist/sw.js with
// VERSION = a hash of every file of the build and FILES = those files, relative to
// this worker, so it works at a site root and under any sub-path.
//
// - install: precache FILES into cache `hoego-VERSION`. The worker then waits; the
//   page shows "new version — reload" and sends 'skip-waiting' when the user agrees.
// - activate: delete every other `hoego-*` cache. Drafts live in localStorage, which
//   a worker cannot even reach: an update never touches them. Imported images live
//   in the cache `hoego.images.v1` (src/storage/images.rs), which is not `hoego-*`.
// - fetch: the app's own files from the cache, falling back to the network; a
//   navigation to the app's address gets the cached index.html, so a reload works
//   with the network gone. Anything else goes to the network untouched.
const VERSION = '__HOEGO_VERSION__';
const FILES = '__HOEGO_FILES__';
const DEV = '__HOEGO_DEV__';
const CACHE = `hoego-${VERSION}`;
const scope = new URL('./', self.location).href;
const precached = new Set(FILES.map((f) => new URL(f, scope).href));

async function clearOld(keep) {
  for (const key of await caches.keys()) {
    if (key.startsWith('hoego-') && key !== keep) await caches.delete(key);
  }
}

self.addEventListener('install', (event) => {
  if (DEV) {
    event.waitUntil(self.skipWaiting());
    return;
  }
  // 'no-cache' revalidates with the server (a 304 costs no body) so a stale HTTP
  // cache entry can never end up in a new version's cache.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(new URL(f, scope), { cache: 'no-cache' })))));
});

self.addEventListener('activate', (event) => {
  if (DEV) {
    // `trunk serve`: remove what a production build left on this origin, then step aside.
    event.waitUntil(clearOld(null).then(() => self.registration.unregister()));
    return;
  }
  event.waitUntil(clearOld(CACHE).then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  return hit || fetch(request);
}

function onFetch(event) {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  url.search = '';
  if (request.mode === 'navigate' && (url.href === scope || url.href === `${scope}index.html`)) {
    event.respondWith(fromCache(scope, request));
  } else if (precached.has(url.href)) {
    event.respondWith(fromCache(url.href, request));
  }
}

// Under `trunk serve` there is no fetch handler at all: every request goes to the dev server.
if (!DEV) self.addEventListener('fetch', onFetch);
