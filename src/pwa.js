// The page's side of the service worker (pwa/sw.js) and of OS file launches.
// Imported by src/pwa.rs; wasm-bindgen copies it into dist/snippets/. It talks to
// the app through window events, so the wasm carries no extra callback types.
let reloading = false;

// Register ./sw.js (relative: works under any sub-path). When a newer deployment is
// installed and waiting while this page runs the current one, fire `hoego-update`.
function registerWorker() {
  const sw = navigator.serviceWorker;
  if (!sw) return;
  sw.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
  });
  sw.register('./sw.js').then((reg) => {
    const watch = (w) => {
      if (!w) return;
      const check = () => {
        if (w.state === 'installed' && sw.controller) dispatchEvent(new Event('hoego-update'));
      };
      check();
      w.addEventListener('statechange', check);
    };
    watch(reg.waiting);
    watch(reg.installing);
    reg.addEventListener('updatefound', () => watch(reg.installing));
    // A tab left open for days still hears of a new deployment when it comes back.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') reg.update().catch(() => {});
    });
  }, (e) => console.warn('service worker not registered:', e));
}

// Files the OS opened with the installed app (manifest `file_handlers`) reach the app
// as a drop of those files: the same import path, nothing new in the wasm. Browsers
// without `launchQueue` skip this.
function consumeLaunches() {
  if (!('launchQueue' in window)) return;
  window.launchQueue.setConsumer(async (params) => {
    const dt = new DataTransfer();
    for (const handle of params.files || []) {
      try {
        dt.items.add(await handle.getFile());
      } catch (e) {
        console.warn('launched file not readable:', e);
      }
    }
    if (dt.files.length) dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
  });
}

// Called once the app listens for `drop` and `hoego-update`.
export function start() {
  registerWorker();
  consumeLaunches();
}

// Activate the waiting worker; the page reloads when it takes over. The app saves
// drafts on `pagehide`, and the worker never touches localStorage.
export function apply_update() {
  const sw = navigator.serviceWorker;
  const done = (reg) => {
    if (reg && reg.waiting) {
      reloading = true;
      reg.waiting.postMessage('skip-waiting');
    } else {
      location.reload();
    }
  };
  if (sw) sw.getRegistration().then(done, () => location.reload());
  else location.reload();
}
