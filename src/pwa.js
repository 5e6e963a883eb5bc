// The page's side of pwa/sw.js and of OS file launches; see src/pwa.rs.
let reloading = false;

// ./sw.js is relative: any sub-path. `hoego-update`: a newer worker waits.
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
    // A tab left open for days still hears of a new deployment.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') reg.update().catch(() => {});
    });
  }, (e) => console.warn('service worker not registered:', e));
}

// Files the OS opened the installed app with arrive as a drop: the import path.
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

export function start() {
  registerWorker();
  consumeLaunches();
}

// The waiting worker takes over, then the page reloads (drafts saved on pagehide).
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
