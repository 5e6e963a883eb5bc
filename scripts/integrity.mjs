// Subresource Integrity in index.html: the build rewrites files Trunk already hashed
// (scripts/postbuild.mjs minifies the glue, scripts/lazy-wasm.mjs splits the wasm), and
// each <link> naming one must then carry the new file's hash.
import { createHash } from 'node:crypto';

/** `html` with every <link> to `name` given the sha384 of `content`; throws if none names it. */
export function setIntegrity(html, name, content) {
  const sri = `sha384-${createHash('sha384').update(content).digest('base64')}`;
  const tag = new RegExp(`<link[^>]*href="?\\.?/?${name.replace(/[.]/g, '\\.')}"?[^>]*>`, 'g');
  let found = 0;
  const out = html.replace(tag, (t) => { found++; return t.replace(/integrity="?sha384-[A-Za-z0-9+/=]+"?/, `integrity=${sri}`); });
  if (!found) throw new Error(`index.html has no <link> for ${name}`);
  return out;
}
