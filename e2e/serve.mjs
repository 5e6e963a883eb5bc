// A tiny static server for dist/ on 127.0.0.1 (tests and benchmarks only).
// serve(dir, { prefix: '/hoego/' }) serves dir under a sub-path (as a GitHub Pages
// project site does); everything outside the prefix is a 404. The returned object
// can also swap the served directory (a new deployment on the same origin, so the
// same service worker registration sees it) and go "offline": every request is then
// answered by a dropped connection and recorded in `offlineHits`. `gzip: true` compresses
// responses as static hosts do (used by e2e/loadbench.mjs to time realistic transfers).
import http from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
};

export function serve(dir, { prefix = '/', gzip = false } = {}) {
  const site = { dir: path.resolve(dir), offline: false, offlineHits: [] };
  const gzipped = new Map(); // file → compressed body, made once (hosts precompress too)
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (site.offline) {
        site.offlineHits.push(url);
        req.socket.destroy();
        return;
      }
      if (!url.startsWith(prefix)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      const rel = url.slice(prefix.length);
      let file = path.join(site.dir, rel === '' ? 'index.html' : rel);
      if (!file.startsWith(site.dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(site.dir, 'index.html');
      const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '') && !file.endsWith('.png')) {
        res.writeHead(200, { ...headers, 'content-encoding': 'gzip' });
        if (!gzipped.has(file)) gzipped.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
        res.end(gzipped.get(file));
        return;
      }
      res.writeHead(200, headers);
      fs.createReadStream(file).pipe(res);
    });
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}${prefix}`;
      resolve({
        server,
        url,
        site,
        /** Serve another directory from now on (a new deployment). */
        setDir: (d) => { site.dir = path.resolve(d); },
        /** Drop every request (true) or serve again (false). */
        setOffline: (v) => { site.offline = v; if (v) site.offlineHits.length = 0; },
      });
    });
  });
}

export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  env: { ...process.env, TZ: 'Asia/Seoul' },
};
