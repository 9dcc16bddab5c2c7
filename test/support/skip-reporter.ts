// A vitest reporter that ends the run with every skipped test and the reason it was skipped
// (test/support/skips.ts attaches reasons), grouped by file and suite, so "17 skipped" always
// says which and why.
import type { Reporter, TestCase, TestModule, TestSuite, Vitest } from 'vitest/node';

function reasonOf(test: TestCase): string | undefined {
  if (test.meta().skipReason) return test.meta().skipReason;
  let parent: TestSuite | TestModule = test.parent;
  while (parent.type === 'suite') {
    const reason = parent.meta().skipReason;
    if (reason) return reason;
    parent = parent.parent;
  }
  const result = test.result();
  return result.state === 'skipped' ? result.note : undefined;
}

export default class SkipReporter implements Reporter {
  /** `-t <pattern>`: tests it leaves out are skipped by the person running them, not for a reason here. */
  private namePattern?: RegExp;

  onInit(vitest: Vitest): void {
    this.namePattern = vitest.config.testNamePattern;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const groups = new Map<string, number>();
    for (const module of modules) {
      for (const test of module.children.allTests('skipped')) {
        const reason = reasonOf(test);
        if (!reason && this.namePattern && !this.namePattern.test(test.fullName)) continue;
        const where = `${module.moduleId.replace(`${process.cwd()}/`, '')} > ${test.parent.type === 'suite' ? test.parent.fullName : test.name}`;
        const key = `${where}: ${reason ?? 'no reason given (use test/support/skips.ts)'}`;
        groups.set(key, (groups.get(key) ?? 0) + 1);
      }
    }
    if (!groups.size) return;
    const total = [...groups.values()].reduce((a, b) => a + b, 0);
    const lines = [`Skipped ${total} test${total === 1 ? '' : 's'}:`];
    for (const [key, count] of groups) lines.push(`  ${count} × ${key}`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
