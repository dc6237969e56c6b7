import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What a production deploy is made of: the Worker's code and forms, its config, the built assets, the locked dependencies. */
export const RELEASE_INPUTS = ['wrangler.toml', 'forms.json', 'package-lock.json', 'edge', 'shared', 'dist/public'];

function files(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((name) => files(root, relative(root, join(full, name))));
}

/**
 * A tag naming the content of a deploy: a hash over every input file's path and bytes. Equal tags, same
 * Worker; any change at all (a test file under edge/ too) gives another tag, so a deploy is never skipped
 * wrongly. Short: Worker version tags are meant to be read (GUESS: 25 characters is within Cloudflare's limit).
 */
export function releaseTag(root: string, inputs: readonly string[] = RELEASE_INPUTS): string {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap((input) => files(root, input)).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return `leadgate-${hash.digest('hex').slice(0, 16)}`;
}
