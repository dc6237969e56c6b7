import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../shared/locales';
import { APP_FILE, FRAME_HOST_FILE, FRAME_SIDE_FILE, localeFile, WIDGET_FILES_PATH, type WidgetFiles, widgetDir } from '../shared/widget-files';
import { folderHash } from './folder-hash';

// `npm test` builds the widget before it runs the tests; these read what the Worker serves.
const dist = fileURLToPath(new URL('../dist/public/', import.meta.url));
const files = (): WidgetFiles => JSON.parse(readFileSync(`${dist}${WIDGET_FILES_PATH}`, 'utf8')) as WidgetFiles;

describe('the built widget’s file names', () => {
  it('names the widget’s folder by a hash of everything in it', async () => {
    const { dir } = files();
    expect(existsSync(`${dist}${dir}`), 'run "npm run build:widget" first (npm test does)').toBe(true);
    expect(widgetDir(await folderHash(`${dist}${dir}`))).toBe(dir);
    expect(readdirSync(`${dist}widget`)).toEqual([dir.split('/')[1]]);
  });

  it('puts every widget module in that folder but the two entries, whose names never change', () => {
    const { dir } = files();
    expect(readdirSync(dist).filter((name) => /\.m?js$/.test(name))).toEqual(['leadgate.js', 'widget.js']);
    const inFolder = readdirSync(`${dist}${dir}`);
    expect(inFolder).toEqual(expect.arrayContaining([APP_FILE, FRAME_HOST_FILE, FRAME_SIDE_FILE, ...LOCALES.map(localeFile)]));
  });

  it('builds the entries knowing the folder: the loader and leadgate.js name it', () => {
    const { dir } = files();
    for (const entry of ['widget.js', 'leadgate.js']) expect(readFileSync(`${dist}${entry}`, 'utf8'), entry).toContain(dir);
  });

  it('gives the console’s scripts and styles names with a hash of their content', () => {
    const assets = readdirSync(`${dist}admin/assets`);
    expect(assets.length).toBeGreaterThan(0);
    for (const name of assets) expect(name).toMatch(/^[\w-]+-[\w-]{8}\.(js|css)$/);
  });
});

describe('folderHash', () => {
  async function hashOfFolder(entries: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'leadgate-hash-'));
    try {
      for (const [name, content] of Object.entries(entries)) await writeFile(join(dir, name), content);
      return await folderHash(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('is the same for the same files, and changes with any byte or name in them', async () => {
    const base = await hashOfFolder({ 'app.js': 'export const a = 1;', 'locale-de.js': 'export const messages = {};' });
    expect(base).toMatch(/^[\w-]{8}$/);
    expect(await hashOfFolder({ 'locale-de.js': 'export const messages = {};', 'app.js': 'export const a = 1;' })).toBe(base);
    expect(await hashOfFolder({ 'app.js': 'export const a = 2;', 'locale-de.js': 'export const messages = {};' })).not.toBe(base);
    expect(await hashOfFolder({ 'app.js': 'export const a = 1;', 'locale-nl.js': 'export const messages = {};' })).not.toBe(base);
    expect(await hashOfFolder({ 'app.js': 'export const a = 1;locale-de.js', '.js': 'export const messages = {};' })).not.toBe(base);
  });
});
