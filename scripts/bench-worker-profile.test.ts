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
        { id: 4, callFrame: frame('dispatch', 'worker.js', 2), children: [5] },
        { id: 5, callFrame: frame('submitLead', 'worker.js', 4), children: [6] },
        { id: 6, callFrame: frame('sign') },
      ],
      samples: [1, 4, 5, 5, 2, 3, 1, 6],
      timeDeltas: [500, 1000, 2000, 1000, 700, 300, 4000, 400],
      startTime: 0,
      endTime: 9900,
    };
    const summary = summarizeProfile(profile, (_id, _url, line) => bundleModules(bundle)(line));
    expect(summary).toMatchObject({ spanMs: 9.9, jsMs: 4.4, gcMs: 0.3, programMs: 0.7, idleMs: 4.5, samples: { js: 4, gc: 1, program: 1, idle: 2 } });
    expect(summary.byModule).toEqual([
      { module: 'edge/routes/lead.ts', selfMs: 3 },
      { module: 'node_modules/hono', selfMs: 1 },
      { module: '(native)', selfMs: 0.7 },
    ]);
    // submitLead's own 3 ms and the 0.4 ms of the native call under it.
    expect(summary.inclusiveByModule).toEqual([{ module: 'edge/routes/lead.ts', ms: 3.4 }]);
    expect(summary.topFunctions[0]).toEqual({ name: 'submitLead', module: 'edge/routes/lead.ts', selfMs: 3 });
  });
});
