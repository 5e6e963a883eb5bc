// The browser half of src/storage/images.rs: imported images in Cache Storage.
// Written in JS because every awaited browser call written in Rust adds its own
// wasm (the first load is budgeted, e2e/size.mjs); the layout is documented there.
const CACHE = 'hoego.images.v1';
const PREFIX = 'hoego-images/';

// `caches` is missing outside a secure context (plain http: on another host).
function open() {
  if (!self.caches) throw new Error('no Cache Storage here (not a secure context)');
  return self.caches.open(CACHE);
}

export async function put_images(names, bodies) {
  const cache = await open();
  for (let i = 0; i < names.length; i++) {
    await cache.put(PREFIX + encodeURIComponent(names[i]), new Response(bodies[i]));
  }
}

// [[name, Uint8Array], …] of every entry under PREFIX of this page's address
// (the same app at another path keeps its own). An entry whose name does not
// decode is not one this file wrote: it is passed over, not a failed read.
export async function read_images() {
  const cache = await open();
  const base = new URL(PREFIX, document.baseURI).href;
  const out = [];
  for (const request of await cache.keys()) {
    if (!request.url.startsWith(base)) continue;
    let name;
    try {
      name = decodeURIComponent(request.url.slice(base.length));
    } catch {
      continue;
    }
    const hit = await cache.match(request);
    // Gone since the listing (another tab forgot the images).
    if (hit) out.push([name, new Uint8Array(await hit.arrayBuffer())]);
  }
  return out;
}

export async function clear_images() {
  if (!self.caches) throw new Error('no Cache Storage here (not a secure context)');
  await self.caches.delete(CACHE);
}
