import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { installedManifest, type PackedEmbed, packAndInstallEmbed, tsc } from './embed-package';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Code an agency would write against both entry points: it must compile. */
const CONSUMER = `
import { type LeadgateEventDetail, type LeadgateOptions, mount, type ThemeSettings, unmount } from '@leadgate/embed';
import { LeadgateForm, type LeadgateFormProps } from '@leadgate/embed/react';

const theme: ThemeSettings = { accent: '#0a7f5a', theme: 'dark' };
const options: LeadgateOptions = {
  worker: 'https://forms.example.com',
  form: 'city-gym',
  locale: 'de',
  theme,
  onSuccess: (detail: LeadgateEventDetail) => console.log(detail.status, detail.submissionId),
};
export async function show(element: HTMLElement): Promise<void> {
  await mount(element, options);
  unmount(element);
}
const props: LeadgateFormProps = { ...options, className: 'trial' };
export const Trial = () => <LeadgateForm {...props} onError={(detail) => console.log(detail.code)} />;
export const status: 'delivered' | 'duplicate' | 'accepted' | undefined = ({} as LeadgateEventDetail).status;
`;

/** Code the types must refuse: real types, not \`any\`. */
const WRONG = `
import { mount } from '@leadgate/embed';
import { LeadgateForm } from '@leadgate/embed/react';

declare const element: HTMLElement;
void mount(element, { form: 'city-gym' });
export const Trial = () => <LeadgateForm worker="https://forms.example.com" form="city-gym" onSuccess={(detail) => detail.email} />;
`;

function project(app: string, name: string, source: string, resolution: 'bundler' | 'nodenext'): string {
  writeFileSync(join(app, `${name}.tsx`), source);
  const module = resolution === 'bundler' ? 'esnext' : 'nodenext';
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: 'es2022',
    module,
    moduleResolution: resolution,
    lib: ['es2022', 'dom'],
    jsx: 'react-jsx',
    skipLibCheck: false,
    types: [],
  };
  const config = join(app, `tsconfig.${name}.${resolution}.json`);
  writeFileSync(config, JSON.stringify({ compilerOptions, files: [`${name}.tsx`] }));
  return config;
}

describe('the npm package @leadgate/embed', () => {
  let packed: PackedEmbed | undefined;
  const pack = () => (packed ??= packAndInstallEmbed());
  afterAll(() => packed?.cleanup());

  it('packs exactly its modules, their types, README, LICENSE and package.json', () => {
    expect(pack().files).toEqual([
      'LICENSE',
      'README.md',
      'dist/index.js',
      'dist/react.js',
      'dist/types/packages/embed/src/index.d.ts',
      'dist/types/packages/embed/src/react.d.ts',
      'dist/types/shared/frame-protocol.d.ts',
      'dist/types/widget/host/theme.d.ts',
      'dist/types/widget/module.d.ts',
      'package.json',
    ]);
  });

  it('installs from the tarball with an MIT licence, React as an optional peer, nothing else to install, and every export present', () => {
    const { app, files } = pack();
    const manifest = installedManifest(app);
    expect(manifest).toMatchObject({ name: '@leadgate/embed', license: 'MIT', type: 'module', sideEffects: false });
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.peerDependenciesMeta).toEqual({ react: { optional: true } });
    const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(rootManifest).toMatchObject({ private: true, license: 'MIT' });
    expect(readFileSync(join(app, 'node_modules/@leadgate/embed/LICENSE'), 'utf8')).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'));
    const targets = Object.values(manifest.exports as Record<string, string | Record<string, string>>).flatMap((entry) =>
      typeof entry === 'string' ? [entry] : Object.values(entry),
    );
    for (const target of [...targets, manifest.types as string]) expect(files, target).toContain(target.replace(/^\.\//, ''));
  });

  it('loads the form from the Worker it is given, and bundles none of the form itself', () => {
    const { app } = pack();
    const index = readFileSync(join(app, 'node_modules/@leadgate/embed/dist/index.js'), 'utf8');
    const react = readFileSync(join(app, 'node_modules/@leadgate/embed/dist/react.js'), 'utf8');
    expect(index).toContain('/leadgate.js');
    expect(index).toContain('/* @vite-ignore */');
    expect(index).toContain('/* webpackIgnore: true */');
    expect(react.startsWith("'use client';")).toBe(true);
    // The form's code (Preact, the field renderer, the lead schema) stays on the Worker.
    for (const text of [index, react]) expect(text).not.toMatch(/preact|valibot|Idempotency-Key/i);
    expect(react).toMatch(/from ['"]react['"]/);
  });

  for (const resolution of ['bundler', 'nodenext'] as const) {
    it(`gives a strict TypeScript app (moduleResolution ${resolution}) types that compile, and refuse a missing worker and an unknown event field`, () => {
      const { app } = pack();
      const good = tsc(project(app, 'consumer', CONSUMER, resolution));
      expect(good.output).toBe('');
      expect(good.ok).toBe(true);
      const wrong = tsc(project(app, 'wrong', WRONG, resolution));
      expect(wrong.ok).toBe(false);
      expect(wrong.output).toContain("Property 'worker' is missing");
      expect(wrong.output).toContain("Property 'email' does not exist on type 'LeadgateEventDetail'");
      expect(wrong.output.match(/error TS/g)).toHaveLength(2);
    });
  }
});
