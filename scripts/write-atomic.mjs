// Writes a build file whole or not at all: into a temporary file beside it, then
// renamed over it (a rename within one folder replaces in one step). A build that
// is stopped midway leaves the old file or the new one, never a torn one that a
// later step, or a deploy of the folder, would take for finished.
import { renameSync, rmSync, writeFileSync } from 'node:fs';

/** `writeFileSync(file, data)`, atomically (see above). */
export function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
