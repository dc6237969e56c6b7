import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';

/**
 * A hash of every file in `dir` (their names and contents; the folder is flat), 8 base64url
 * characters as vite's own `[hash]`: the name the widget's folder takes once it is complete.
 */
export async function folderHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await readdir(dir)).sort())
    hash
      .update(`${name}\0`)
      .update(await readFile(`${dir}/${name}`))
      .update('\0');
  return hash.digest('base64url').slice(0, 8);
}
