import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line CI can count: "Tests: N passed, N failed, N skipped".
 * Vitest's own summary stays above it.
 */
export class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    // Printed after vitest's summary, so it is the last line of the run.
    process.on('exit', () => process.stdout.write(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`));
  }
}
