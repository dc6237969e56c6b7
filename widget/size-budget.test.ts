import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../shared/locales';
import { APP_FILE, localeFile, WIDGET_FILES_PATH, type WidgetFiles } from '../shared/widget-files';
import { CRITICAL, SIZE_BUDGET } from './size-budget';

// `npm test` builds the widget before it runs the tests; these read what the Worker serves.
const dist = fileURLToPath(new URL('../dist/public/', import.meta.url));
const read = (name: string) => readFileSync(`${dist}${name}`, 'utf8');
const gzip = (name: string) => gzipSync(readFileSync(`${dist}${name}`), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
// The app and the languages are in the folder named by their hash, which the build names here.
const { dir } = existsSync(`${dist}${WIDGET_FILES_PATH}`) ? (JSON.parse(read(WIDGET_FILES_PATH)) as WidgetFiles) : { dir: 'widget/unbuilt/' };
const app = `${dir}${APP_FILE}`;

describe('the widget’s size budget (gzip)', () => {
  it('has a built widget to measure', () => {
    expect(existsSync(`${dist}${app}`), 'run "npm run build:widget" first (npm test does)').toBe(true);
  });

  it(`keeps the loader within ${kb(SIZE_BUDGET.loader)}`, () => {
    expect(gzip(CRITICAL.loader), kb(gzip(CRITICAL.loader))).toBeLessThanOrEqual(SIZE_BUDGET.loader);
  });

  it.each(LOCALES)(`keeps loader + app + the %s texts within ${kb(SIZE_BUDGET.critical)}`, (locale) => {
    const total = gzip(CRITICAL.loader) + gzip(app) + gzip(`${dir}${localeFile(locale)}`);
    expect(total, kb(total)).toBeLessThanOrEqual(SIZE_BUDGET.critical);
  });

  it('loads nothing else before the form: the app chunk imports every other chunk only on demand', () => {
    const code = read(app);
    // A static import would be a second round trip before the form can show.
    expect(code).not.toMatch(/(^|[;}])\s*import\s*[\w{*]/);
    expect(code).not.toMatch(/\bfrom\s*["'`]/);
    const chunks = readdirSync(`${dist}${dir}`).filter((name) => name.startsWith('chunk-'));
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) expect(code, chunk).toContain(`import(\`./${chunk}\`)`);
  });

  it('keeps the loader free of Preact and the app', () => {
    const loader = read(CRITICAL.loader);
    expect(loader).not.toContain('__H'); // Preact's hooks state
    expect(loader).not.toMatch(/\bfrom\s*["'`]/);
  });
});
