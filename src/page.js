// The page's small JS helpers, one module for all (each JS module of the app is
// one more request at load, and wasm-bindgen-test-runner's server has hung on a
// burst of them). Each is called from the Rust file named above it; why it is in
// JS is said there.

// --- DOMPurify table alignment (src/sanitize.rs)
const ALIGN = /^text-align: ?(left|center|right);?$/i;
export function keep_table_alignment() {
  if (typeof DOMPurify === 'undefined' || DOMPurify.__hoegoAlign) return;
  DOMPurify.__hoegoAlign = true;
  DOMPurify.addHook('uponSanitizeAttribute', (node, data) => {
    if (data.attrName === 'style' && (node.nodeName === 'TH' || node.nodeName === 'TD') && ALIGN.test(data.attrValue.trim())) {
      data.forceKeepAttr = true;
    }
  });
}

// --- grapheme counts by Intl.Segmenter (src/graphemes.rs)
const WS = /^[\t-\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$/;
let seg;
export function count_graphemes(s) {
  if (seg === undefined) {
    try { seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' }); } catch (e) { seg = null; }
  }
  const parts = seg ? Array.from(seg.segment(s), (x) => x.segment) : Array.from(s.replace(/\r\n/g, '\n'));
  let n = 0, m = 0;
  for (const g of parts) { n++; if (!WS.test(g)) m++; }
  return [n, m];
}

// --- one text node of a preview block (src/preview_dom.rs)
export function set_text_run(block, index, runs, before, after) {
  const walk = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let node = null;
  let n = 0;
  for (let t = walk.nextNode(); t; t = walk.nextNode(), n++) if (n === index) node = t;
  if (n !== runs || !node || node.data !== before) return false;
  node.data = after;
  return true;
}

// --- what localStorage holds (src/autosave.rs)
export function local_units() {
  try {
    let n = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      n += k.length + (localStorage.getItem(k) || '').length;
    }
    return n;
  } catch (e) {
    return -1;
  }
}

// --- imported images in Cache Storage (src/storage/images.rs). In JS because each
// awaited browser call written in Rust adds its own wasm (the first load is budgeted).
const CACHE = 'hoego.images.v1';
const PREFIX = 'hoego-images/';

// `caches` is missing outside a secure context (plain http: on another host).
function open() {
  if (!self.caches) throw new Error('no Cache Storage here (not a secure context)');
  return self.caches.open(CACHE);
}

// Other tabs of this app hear of each change through a `storage` event on this
// key (src/image_keeper.rs): {schema, base, cleared, names, at}. `base` is the
// entries' address (the app at another path keeps other images), `at` makes each
// value new (an unchanged value fires no event). Not under `hoego/`: that is the
// drafts' layout, which the loader reads.
const SIGNAL = 'hoego.images.v1.changed';

function tell_tabs(cleared, names) {
  const base = new URL(PREFIX, document.baseURI).href;
  const value = JSON.stringify({ schema: 1, base, cleared, names, at: Date.now() + Math.random() });
  // A full localStorage leaves other tabs unaware until they reload, as before
  // this signal existed; the images themselves are stored.
  try { localStorage.setItem(SIGNAL, value); } catch {}
}

export async function put_images(names, bodies) {
  const cache = await open();
  const done = [];
  try {
    for (let i = 0; i < names.length; i++) {
      await cache.put(PREFIX + encodeURIComponent(names[i]), new Response(bodies[i]));
      done.push(names[i]);
    }
  } finally {
    if (done.length) tell_tabs(false, done);
  }
}

// What another tab's change (the SIGNAL value `raw`) did to this page's images:
// {cleared, pairs: [[name, Uint8Array], …] of the names it stored that are still
// there}; null for another address's images or a value this file did not write.
export async function heard_images(raw) {
  let v;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!v || v.schema !== 1 || v.base !== new URL(PREFIX, document.baseURI).href || !Array.isArray(v.names)) return null;
  const cache = await open();
  const pairs = [];
  for (const name of v.names) {
    const hit = typeof name === 'string' && await cache.match(PREFIX + encodeURIComponent(name));
    if (hit) pairs.push([name, new Uint8Array(await hit.arrayBuffer())]);
  }
  return { cleared: v.cleared === true, pairs };
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

// Deletes this page's entries (another path's stay, as read_images leaves them).
export async function clear_images() {
  if (!self.caches) return;
  const cache = await self.caches.open(CACHE);
  const base = new URL(PREFIX, document.baseURI).href;
  for (const request of await cache.keys()) {
    if (request.url.startsWith(base)) await cache.delete(request);
  }
  tell_tabs(true, []);
}
