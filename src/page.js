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

// Other tabs of this app hear of each store and clear on this channel
// (src/image_keeper.rs): {base, cleared, names}. `base` is the entries' address:
// the app at another path of this origin keeps other images. A BroadcastChannel,
// not a localStorage key: no quota (drafts fill localStorage), nothing left behind.
let channel;
function tabs() {
  if (channel === undefined) channel = self.BroadcastChannel ? new BroadcastChannel(CACHE) : null;
  return channel;
}
const here = () => new URL(PREFIX, document.baseURI).href;

function tell_tabs(cleared, names) {
  tabs()?.postMessage({ base: here(), cleared, names });
}

// Calls on_heard(cleared, names) for each store or clear another tab of this
// address makes (a message of another shape is not one this file sent).
export function hear_images(on_heard) {
  const c = tabs();
  if (!c) return;
  c.onmessage = (e) => {
    const v = e.data;
    if (v && v.base === here() && Array.isArray(v.names) && v.names.every((n) => typeof n === 'string')) {
      on_heard(v.cleared === true, v.names);
    }
  };
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

// [[name, request], …] of every entry under PREFIX of this page's address (the
// same app at another path keeps its own). An entry whose name does not decode
// is not one this file wrote: it is passed over, not a failure.
async function entries(cache) {
  const base = here();
  const out = [];
  for (const request of await cache.keys()) {
    if (!request.url.startsWith(base)) continue;
    try {
      out.push([decodeURIComponent(request.url.slice(base.length)), request]);
    } catch {}
  }
  return out;
}

// After another tab's change: {stored: the names stored now (when `all`, else
// null), pairs: [[name, Uint8Array], …] of `names` still stored}.
export async function read_named(names, all) {
  const cache = await open();
  const pairs = [];
  for (const name of names) {
    const hit = await cache.match(PREFIX + encodeURIComponent(name));
    if (hit) pairs.push([name, new Uint8Array(await hit.arrayBuffer())]);
  }
  return { stored: all ? (await entries(cache)).map(([name]) => name) : null, pairs };
}

// [[name, Uint8Array], …] of every stored image.
export async function read_images() {
  const cache = await open();
  const out = [];
  for (const [name, request] of await entries(cache)) {
    const hit = await cache.match(request);
    // Gone since the listing (another tab forgot the images).
    if (hit) out.push([name, new Uint8Array(await hit.arrayBuffer())]);
  }
  return out;
}

// Deletes this page's entries (another path's stay, as read_images leaves them).
// Other tabs are told even when a delete fails midway: they read what is left.
export async function clear_images() {
  if (!self.caches) return;
  const cache = await self.caches.open(CACHE);
  try {
    const base = here();
    for (const request of await cache.keys()) {
      if (request.url.startsWith(base)) await cache.delete(request);
    }
  } finally {
    tell_tabs(true, []);
  }
}
