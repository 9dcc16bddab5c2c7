// Chromium for the browser tests, driven by playwright-core (which brings no browser of its own),
// found where playwright would download it or where a system package puts it. Without Chromium
// the browser tests skip with the reason printed (skips.ts); in CI (`CI=true`, where .ci/run
// installs it) its absence fails the run instead, so the browser test cannot quietly not run.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * Where Chromium may be, in the order looked: CHROMIUM_PATH, playwright's own download (where
 * `npx playwright install chromium` puts it, PLAYWRIGHT_BROWSERS_PATH respected), then the system
 * packages Debian, Ubuntu and Google ship.
 */
function chromiumCandidates(): string[] {
  let playwrights: string | undefined;
  try {
    playwrights = chromium.executablePath();
  } catch {
    // playwright-core without a registry entry for this platform: only the system paths remain.
  }
  return [
    process.env.CHROMIUM_PATH,
    playwrights,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
  ].filter((path): path is string => Boolean(path));
}

/** The first Chromium found, or undefined. */
export function findChromium(): string | undefined {
  return chromiumCandidates().find((path) => existsSync(path));
}

/**
 * Why the browser tests cannot run here (no Chromium, saying where it was looked for), or
 * undefined when they can. In CI its absence throws instead.
 */
export function chromiumMissing(): string | undefined {
  if (findChromium()) return undefined;
  const looked = `no Chromium: looked for ${chromiumCandidates().join(', ')}; install chromium, or run \`npx playwright install chromium\`, or set CHROMIUM_PATH`;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${looked} (.ci/run installs it)`);
  return looked;
}

/** A headless Chromium with a fresh profile, quiet on the network; close() removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'callboard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1100, height: 860 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
