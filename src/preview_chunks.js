// Off-screen chunks of the live preview (src/preview_dom.rs) are shown as empty
// boxes of their last height (`.chunk.off` in styles/app.css), so the browser
// styles, lays out and paints only what is near the preview's visible part.
// This is what `content-visibility: auto` did, without its display locks: with
// any lock locked, Chromium made each key typed in the body textarea walk the
// ancestors of every line of it (see src/components/disclosure.rs).

// One observer per scrolling box (the preview's `#preview-scroll`), so its margin
// counts from that box's edges: chunks within a screen of view are drawn.
const observers = new WeakMap();

function observerFor(root) {
  let io = observers.get(root);
  if (!io) {
    remeasureOnResize(root);
    io = new IntersectionObserver((entries) => {
      // The last report of each chunk counts.
      const last = new Map(entries.map((e) => [e.target, e.isIntersecting]));
      // Heights are read now, all before any is hidden (one layout): an entry's
      // own rect is from when it was taken, and blocks may have landed in its
      // chunk since (an import's next slice), so a box of that height was short.
      const hide = [...last].filter(([c, seen]) => !seen && !c.classList.contains('off'))
        .map(([c]) => [c, c.getBoundingClientRect().height, outerMargins(c)]);
      for (const [c, seen] of last) if (seen) show(c);
      for (const [c, height, [top, bottom]] of hide) {
        if (height > 0) {
          // Keep its height, and the margins its blocks had, so nothing below it moves.
          c.style.height = `${height}px`;
          c.style.marginTop = top;
          c.style.marginBottom = bottom;
          c.classList.add('off');
        }
      }
    }, { root, rootMargin: '100% 0px' });
    observers.set(root, io);
  }
  return io;
}

// The margins that collapse out through a drawn chunk (its first block's top,
// its last block's bottom): outside its measured height, so its box takes them
// as its own margins, which collapse with its neighbours' as the blocks' did.
// (Were they inside the chunk instead, the gaps at chunk edges would change.)
function outerMargins(c) {
  const first = c.firstElementChild?.firstElementChild;
  const last = c.lastElementChild?.lastElementChild;
  return [first ? getComputedStyle(first).marginTop : '0px', last ? getComputedStyle(last).marginBottom : '0px'];
}

// The preview's scrolling box, or the page (a preview outside one).
const rootOf = (chunk) => chunk.closest('#preview-scroll') || document;

function show(c) {
  if (c.classList.contains('off')) {
    c.classList.remove('off');
    for (const p of ['height', 'margin-top', 'margin-bottom']) c.style.removeProperty(p);
  }
}

/** A new chunk (it must be in the page). It starts drawn, is laid out once, and
 * becomes a box of its real height when the observer first reports it away from
 * view: boxes of a guessed height made the preview's length wrong, so scrolling
 * to its end (or the editor's fraction) landed short as the guesses were drawn. */
export function watch_chunk(chunk) {
  observerFor(rootOf(chunk)).observe(chunk);
  remeasureOnImageLoad(chunk.parentElement);
  printable();
}

// A box keeps the height its chunk had at the width it was drawn at: once the
// preview's width settles at a new value (a window resized, zoom, the layout's
// breakpoints), every box is drawn and measured again. Not on every frame of
// a resize, which would lay out the whole preview each time.
const RESIZE_SETTLE_MS = 200;
const resizeWatched = new WeakSet();
function remeasureOnResize(root) {
  // Once per scroller: its observer outlives the chunks (another draft's come next).
  if (root === document || resizeWatched.has(root)) return;
  resizeWatched.add(root);
  let width = root.clientWidth;
  let timer = 0;
  new ResizeObserver(() => {
    if (root.clientWidth === width) return;
    width = root.clientWidth;
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const c of root.querySelectorAll('.markdown > .chunk.off')) show_chunk_of(c);
    }, RESIZE_SETTLE_MS);
  }).observe(root);
}

// An image that finishes loading in a hidden chunk, or fails and shows its alt
// text, changes the height that chunk is drawn at: draw it, and the observer
// measures it again. (`load` and `error` do not bubble: listened for in the
// capture phase, once per preview.)
const imageWatched = new WeakSet();
function remeasureOnImageLoad(container) {
  if (!container || imageWatched.has(container)) return;
  imageWatched.add(container);
  const settled = (e) => {
    if (e.target instanceof HTMLImageElement) show_chunk_of(e.target);
  };
  container.addEventListener('load', settled, true);
  container.addEventListener('error', settled, true);
}

/** A chunk taken out of the preview. */
export function unwatch_chunk(chunk) {
  const io = observers.get(rootOf(chunk));
  if (io) io.unobserve(chunk);
}

/** The preview is emptied (another draft): forget its chunks. */
export function unwatch_all(container) {
  const root = rootOf(container);
  const io = observers.get(root);
  if (io) io.disconnect();
  observers.delete(root);
}

/** Draw the chunk holding `el` now (before scrolling to it). */
export function show_chunk_of(el) {
  const c = el.closest('.chunk');
  if (!c || !c.classList.contains('off')) return;
  show(c);
  reobserve(c);
}

// Observed afresh, so the observer reports where it is once more: a chunk drawn
// for a reason of its own and left out of view becomes a box again.
function reobserve(c) {
  const io = observers.get(rootOf(c));
  if (io) {
    io.unobserve(c);
    io.observe(c);
  }
}

// A printed preview is whole: every chunk is drawn before printing, and the far
// ones are boxes again after.
let printHooked = false;
function printable() {
  if (printHooked) return;
  printHooked = true;
  window.addEventListener('beforeprint', () => {
    for (const c of document.querySelectorAll('.markdown > .chunk.off')) show(c);
  });
  window.addEventListener('afterprint', () => {
    for (const c of document.querySelectorAll('.markdown > .chunk')) reobserve(c);
  });
}
