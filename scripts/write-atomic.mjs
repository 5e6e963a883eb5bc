// Writes a build file whole or not at all: into a new temporary file beside it, then
// renamed over it (a rename within one folder replaces in one step). A build that is
// stopped midway leaves the old file or the new one, never a torn one that a later
// step, or a deploy of the folder, would take for finished. The temporary name is a
// dot file (postbuild's file list skips those, so a leftover of a killed build is
// never precached by the service worker) and is created fresh (`wx`): nothing already
// there, a symlink included, is written through.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** `writeFileSync(file, data)`, atomically (see above). */
export function writeAtomic(file, data) {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
