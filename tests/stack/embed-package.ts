import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const EMBED_PACKAGE_DIR = join(root, 'packages/embed');

export interface PackedEmbed {
  /** The tarball `npm pack` wrote. */
  readonly tarball: string;
  /** The paths `npm pack` put in it. */
  readonly files: readonly string[];
  /** A fresh app folder with the tarball installed by npm, and React and TypeScript's DOM types beside it. */
  readonly app: string;
  cleanup(): void;
}

const npm = (args: readonly string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });

/**
 * `npm pack` of packages/embed (its prepack builds it), then `npm install` of the tarball into a
 * fresh folder, as an agency would. React, react-dom and their types are linked in from the
 * repository's node_modules afterwards (npm would fetch them; the optional peer is not installed by npm).
 */
export function packAndInstallEmbed(): PackedEmbed {
  const dir = mkdtempSync(join(tmpdir(), 'leadgate-embed-'));
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], EMBED_PACKAGE_DIR)) as [{ filename: string; files: { path: string }[] }];
  const tarball = join(dir, packed.filename);
  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'agency-site', private: true, type: 'module' }));
  npm(['install', tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'], app);
  for (const name of ['react', 'react-dom', '@types/react', '@types/react-dom']) {
    const link = join(app, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), link, 'dir');
  }
  return { tarball, files: packed.files.map((f) => f.path).sort(), app, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the repository's TypeScript on `project` (a tsconfig.json); its output, and whether it passed. */
export function tsc(project: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${stdout}${stderr}` };
  }
}

/** The installed package's package.json. */
export const installedManifest = (app: string) =>
  JSON.parse(readFileSync(join(app, 'node_modules/@leadgate/embed/package.json'), 'utf8')) as Record<string, unknown>;
