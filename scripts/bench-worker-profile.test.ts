import { describe, expect, it } from 'vitest';
import { bundleModules, type CpuProfile, summarizeProfile } from './bench-worker-profile';

const bundle = ['var x = 1;', '// node_modules/hono/dist/hono.js', 'function dispatch() {}', '// edge/routes/lead.ts', 'async function submitLead() {}'].join(
  '\n',
);

describe('bundleModules', () => {
  it("finds the module of a bundle line from esbuild's path comments", () => {
    const moduleOf = bundleModules(bundle);
    expect([0, 2, 4].map(moduleOf)).toEqual(['(bundle prologue)', 'node_modules/hono/dist/hono.js', 'edge/routes/lead.ts']);
  });
});

describe('summarizeProfile', () => {
  it('sums sampled time by state and by module, idle and (program) apart from the isolate', () => {
    const frame = (functionName: string, url = '', lineNumber = -1) => ({ functionName, scriptId: url ? '7' : '0', url, lineNumber });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(idle)') },
        { id: 2, callFrame: frame('(program)') },
        { id: 3, callFrame: frame('(garbage collector)') },
        { id: 4, callFrame: frame('dispatch', 'worker.js', 2) },
        { id: 5, callFrame: frame('submitLead', 'worker.js', 4) },
      ],
      samples: [1, 4, 5, 5, 2, 3, 1],
      timeDeltas: [500, 1000, 2000, 1000, 700, 300, 4000],
      startTime: 0,
      endTime: 9500,
    };
    const summary = summarizeProfile(profile, (_id, _url, line) => bundleModules(bundle)(line));
    expect(summary).toMatchObject({ spanMs: 9.5, jsMs: 4, gcMs: 0.3, programMs: 0.7, idleMs: 4.5, samples: { js: 3, gc: 1, program: 1, idle: 2 } });
    expect(summary.byModule).toEqual([
      { module: 'edge/routes/lead.ts', selfMs: 3 },
      { module: 'node_modules/hono', selfMs: 1 },
      { module: '(native)', selfMs: 0.3 },
    ]);
    expect(summary.topFunctions[0]).toEqual({ name: 'submitLead', module: 'edge/routes/lead.ts', selfMs: 3 });
  });
});
