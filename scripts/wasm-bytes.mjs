// Just enough of the WebAssembly binary format for scripts/lazy-wasm.mjs: the section
// list, the table, import and export sections, and in-place patches that keep every
// length as it was (so no section or function size has to be rewritten).
// Spec: https://webassembly.github.io/spec/core/binary/modules.html

const MAGIC = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const SECTION = { import: 2, table: 4, export: 7, code: 10 };
/** Export and import kinds (func 0, table 1, memory 2, global 3, tag 4). */
export const KIND = { func: 0, table: 1, memory: 2, global: 3, tag: 4 };

/** Unsigned LEB128 at `at`: [value, bytes read]. */
function uleb(bytes, at) {
  let value = 0, shift = 0, i = at;
  for (;;) {
    const b = bytes[i++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, i - at];
    shift += 7;
    if (shift > 35) throw new Error(`LEB128 too long at byte ${at}`);
  }
}

/** A small cursor over a section's payload. */
class Reader {
  constructor(bytes, at, end) { this.bytes = bytes; this.at = at; this.end = end; }
  u32() { const [v, n] = uleb(this.bytes, this.at); this.at += n; return v; }
  byte() { if (this.at >= this.end) throw new Error('unexpected end of section'); return this.bytes[this.at++]; }
  name() {
    const len = this.u32();
    const s = Buffer.from(this.bytes.subarray(this.at, this.at + len)).toString('utf8');
    this.at += len;
    return s;
  }
  limits() { const flags = this.byte(); this.u32(); if (flags & 1) this.u32(); }
}

/** Every section: `{ id, start, end }`, the payload's byte range. */
export function sections(bytes) {
  if (!MAGIC.every((b, i) => bytes[i] === b)) throw new Error('not a WebAssembly module (version 1)');
  const out = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, n] = uleb(bytes, at + 1);
    const start = at + 1 + n;
    out.push({ id, start, end: start + size });
    at = start + size;
  }
  if (at !== bytes.length) throw new Error('a section runs past the end of the module');
  return out;
}

function section(bytes, id) {
  return sections(bytes).find((s) => s.id === id);
}

/** Value type byte of a reference type: funcref 0x70, externref 0x6f. */
const REF_NAMES = { 0x70: 'funcref', 0x6f: 'externref' };

/** The module's imports: `{ module, name, kind, table? }` (table: its element type). */
function imports(bytes) {
  const s = section(bytes, SECTION.import);
  if (!s) return [];
  const r = new Reader(bytes, s.start, s.end);
  const out = [];
  for (let n = r.u32(); n > 0; n--) {
    const entry = { module: r.name(), name: r.name(), kind: r.byte() };
    if (entry.kind === KIND.func) r.u32();
    else if (entry.kind === KIND.table) { entry.table = REF_NAMES[r.byte()] || 'other'; r.limits(); }
    else if (entry.kind === KIND.memory) r.limits();
    else if (entry.kind === KIND.global) { r.byte(); r.byte(); }
    else if (entry.kind === KIND.tag) { r.byte(); r.u32(); }
    else throw new Error(`unknown import kind ${entry.kind}`);
    out.push(entry);
  }
  return out;
}

/** Element types of the module's tables, imported ones first (the table index space). */
export function tableTypes(bytes) {
  const types = imports(bytes).filter((i) => i.kind === KIND.table).map((i) => i.table);
  const s = section(bytes, SECTION.table);
  if (!s) return types;
  const r = new Reader(bytes, s.start, s.end);
  for (let n = r.u32(); n > 0; n--) {
    let type = r.byte();
    // A table with an initialiser expression (0x40 0x00 reftype limits expr) is not
    // something Rust or wasm-bindgen emit; refuse it rather than misread the section.
    if (type === 0x40) throw new Error('tables with initialiser expressions are not supported');
    types.push(REF_NAMES[type] || 'other');
    r.limits();
  }
  return types;
}

/** The module's exports: `{ name, kind, index, at, len }` (at/len: the index's bytes). */
export function exports(bytes) {
  const s = section(bytes, SECTION.export);
  if (!s) return [];
  const r = new Reader(bytes, s.start, s.end);
  const out = [];
  for (let n = r.u32(); n > 0; n--) {
    const name = r.name();
    const kind = r.byte();
    const at = r.at;
    const index = r.u32();
    out.push({ name, kind, index, at, len: r.at - at });
  }
  return out;
}

/** Points the table export `name` at table `index` (a one-byte index, as every table here has). */
export function setTableExport(bytes, name, index) {
  const e = exports(bytes).find((x) => x.kind === KIND.table && x.name === name);
  if (!e) throw new Error(`no table export ${name}`);
  if (e.len !== 1 || index > 0x7f) throw new Error(`table export ${name}: index does not fit one byte`);
  bytes[e.at] = index;
}

/**
 * Rewrites `table.fill t (ref.null extern) (i32.const 1)`, which wasm-bindgen's glue
 * emits once, as `table.set t` + three `nop`s: the same bytes' length and, for one slot,
 * the same effect. Binaryen 108 (Debian's, the one with wasm-split) cannot read
 * `table.fill`. Returns how many were rewritten.
 */
export function lowerTableFill(bytes) {
  const code = section(bytes, SECTION.code);
  if (!code) return 0;
  // ref.null extern · i32.const 1 · table.fill (0xfc 17) TABLE
  const pattern = [0xd0, 0x6f, 0x41, 0x01, 0xfc, 0x11];
  let count = 0;
  for (let i = code.start; i + pattern.length < code.end; i++) {
    if (!pattern.every((b, k) => bytes[i + k] === b)) continue;
    const table = bytes[i + 6];
    if (table > 0x7f) continue;
    bytes.set([0x26, table, 0x01, 0x01, 0x01], i + 2); // table.set TABLE · nop nop nop
    count++;
  }
  return count;
}
