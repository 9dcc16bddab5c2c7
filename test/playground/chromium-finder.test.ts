// The browser tests find Chromium as playwright does (its own download, PLAYWRIGHT_BROWSERS_PATH
// respected), then the system packages, not only /usr/bin/chromium; and every skip prints why.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chromiumMissing, findChromium } from '../support/chromium.js';
import SkipReporter from '../support/skip-reporter.js';

describe('finding Chromium', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'callboard-browsers-'));
    delete process.env.CHROMIUM_PATH;
    delete process.env.CI;
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it("finds playwright's own download under PLAYWRIGHT_BROWSERS_PATH", () => {
    // Playwright reads PLAYWRIGHT_BROWSERS_PATH when it loads, so ask a fresh process.
    const env = { ...process.env, PLAYWRIGHT_BROWSERS_PATH: dir };
    const inChild = (code: string) =>
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
        env,
        encoding: 'utf8',
      }).trim();
    const downloaded = inChild("import { chromium } from 'playwright-core'; console.log(chromium.executablePath());");
    expect(downloaded.startsWith(dir)).toBe(true);
    mkdirSync(dirname(downloaded), { recursive: true });
    writeFileSync(downloaded, '#!/bin/sh\n');
    chmodSync(downloaded, 0o755);
    const finder = pathToFileURL(join(process.cwd(), 'test/support/chromium.ts')).href;
    const found = inChild(
      `const m = await import(${JSON.stringify(finder)}); console.log(m.findChromium(), m.chromiumMissing() ?? 'none missing');`,
    );
    expect(found).toBe(`${downloaded} none missing`);
  });

  it('takes CHROMIUM_PATH first', () => {
    const own = join(dir, 'my-chrome');
    writeFileSync(own, '#!/bin/sh\n');
    process.env.CHROMIUM_PATH = own;
    expect(findChromium()).toBe(own);
  });

  it('says where it looked when there is none, and fails in CI', () => {
    process.env.CHROMIUM_PATH = join(dir, 'not-here');
    // A machine with a system Chromium finds it: nothing to report then.
    if (findChromium()) return;
    const reason = chromiumMissing();
    expect(reason).toContain(`looked for ${join(dir, 'not-here')}, ${chromium.executablePath()}, /usr/bin/chromium`);
    expect(reason).toContain('npx playwright install chromium');
    process.env.CI = 'true';
    expect(() => chromiumMissing()).toThrow(/^CI=true but no Chromium: looked for/);
  });
});

describe('the skip reporter', () => {
  it('lists every skipped test with the reason its suite gave, grouped', () => {
    const suite = {
      type: 'suite',
      fullName: 'the playground in Chromium',
      meta: () => ({ skipReason: 'no Chromium: looked for /usr/bin/chromium' }),
    };
    const test = (name: string, parent: object, meta = {}) => ({
      name,
      parent,
      meta: () => meta,
      result: () => ({ state: 'skipped' }),
    });
    const module = {
      type: 'module',
      moduleId: `${process.cwd()}/test/playground/playground-browser.test.ts`,
      children: { allTests: () => [test('one', suite), test('two', suite)] },
    };
    const loose = {
      type: 'module',
      moduleId: `${process.cwd()}/test/other.test.ts`,
      children: { allTests: () => [test('alone', { type: 'module' }, { skipReason: 'runs on Postgres only' })] },
    };
    (suite as { parent?: object }).parent = module;
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      new SkipReporter().onTestRunEnd([module, loose] as never);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toBe(
      '\nSkipped 3 tests:\n' +
        '  2 × test/playground/playground-browser.test.ts > the playground in Chromium: no Chromium: looked for /usr/bin/chromium\n' +
        '  1 × test/other.test.ts > alone: runs on Postgres only\n',
    );
  });
});
