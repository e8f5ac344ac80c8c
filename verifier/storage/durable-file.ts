/** fsync by path: what makes a written file, or the names created, renamed or deleted in a directory, survive a power cut. */
import { open } from 'node:fs/promises';

/** Flushes a file's data (whatever inode the name points to now) or a directory's entries. */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
