// Renders pwa/icon.svg into the PNG icons of the web app manifest with the
// project's own headless Chromium (no image tool needed). Run once after
// changing the SVG and commit pwa/icons/*.png:  node scripts/icons.mjs
// Needs a Korean font for the glyph (Debian: fonts-noto-cjk).
// "maskable" is full-bleed: the glyph stays inside the central 80 % circle that
// launchers may crop to.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM } from '../e2e/serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(join(root, 'pwa/icon.svg'), 'utf8');
// Same drawing, no rounded corners, glyph scaled into the maskable safe zone.
const maskable = svg
  .replace('rx="112" ', '')
  .replace(/<text /, '<g transform="translate(256 256) scale(0.72) translate(-256 -256)"><text ')
  .replace(/(<rect x="136"[^>]*\/>)/, '$1</g>');
const out = join(root, 'pwa/icons');
mkdirSync(out, { recursive: true });
const jobs = [
  ['icon-32.png', svg, 32],
  ['icon-180.png', maskable, 180], // apple-touch-icon: iOS rounds the corners itself
  ['icon-192.png', svg, 192],
  ['icon-512.png', svg, 512],
  ['maskable-512.png', maskable, 512],
];
const browser = await chromium.launch(CHROMIUM);
const page = await browser.newPage({ deviceScaleFactor: 1 });
for (const [name, source, size] of jobs) {
  await page.setViewportSize({ width: size, height: size });
  const html = `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${source}`;
  await page.setContent(html);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(out, name), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  console.log(`pwa/icons/${name} ${size}x${size}`);
}
await browser.close();
