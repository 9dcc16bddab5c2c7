// manifest.yml against Slack's own description of a manifest: the `Manifest` type that
// @slack/web-api gives apps.manifest.create (the SDK the app calls Slack with). The YAML is turned
// into a TypeScript literal of that type and the compiler checks it, so a misspelt key, a value
// outside an enum or a missing required field fails here; the limits that type only states in
// its comments (lengths, the bot name's characters) are checked at run time.
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AppsManifestCreateArguments } from '@slack/web-api';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

type Manifest = AppsManifestCreateArguments['manifest'];

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = load(readFileSync(join(root, 'manifest.yml'), 'utf8')) as Manifest;

/** Compiles `value` as a literal of the SDK's Manifest type; the compiler's complaints, or ''. */
async function typeErrors(value: unknown): Promise<string> {
  // Inside node_modules so that the module resolution finds @slack/web-api as the app does.
  const cache = join(root, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, 'manifest-check-'));
  const file = join(dir, 'manifest.ts');
  await writeFile(
    file,
    [
      "import type { AppsManifestCreateArguments } from '@slack/web-api';",
      `export const manifest: AppsManifestCreateArguments['manifest'] = ${JSON.stringify(value, null, 2)};`,
      '',
    ].join('\n'),
  );
  try {
    await promisify(execFile)(join(root, 'node_modules', '.bin', 'tsc'), [
      '--ignoreConfig',
      '--noEmit',
      '--strict',
      '--exactOptionalPropertyTypes',
      '--skipLibCheck',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      file,
    ]);
    return '';
  } catch (error) {
    const { stdout, stderr, message } = error as { stdout?: string; stderr?: string; message: string };
    return `${stdout ?? ''}${stderr ?? ''}`.trim() || message;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("manifest.yml as Slack's SDK types a manifest", () => {
  it('compiles as the Manifest that apps.manifest.create takes', async () => {
    expect(await typeErrors(manifest)).toBe('');
  });

  it('would not compile with a misspelt key or a value Slack does not know', async () => {
    const broken = structuredClone(manifest) as Record<string, any>;
    broken.features.app_home.home_tab_enable = true;
    broken.features.shortcuts[0].type = 'everywhere';
    const errors = await typeErrors(broken);
    expect(errors).toContain("'\"home_tab_enable\"' does not exist in type 'ManifestAppHome'");
    expect(errors).toContain('Type \'"everywhere"\' is not assignable to type \'"global" | "message"\'');
  });

  it("keeps to the limits the SDK's type documents", () => {
    const { display_information: display, features = {} } = manifest;
    expect(display.name.length).toBeLessThanOrEqual(35);
    expect(display.description?.length ?? 0).toBeLessThanOrEqual(140);
    expect(display.background_color).toMatch(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i);
    // "Allowed characters: a-z, 0-9, -, _, and ." (80 at most).
    expect(features.bot_user?.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
    expect(features.shortcuts?.length ?? 0).toBeLessThanOrEqual(10);
    for (const shortcut of features.shortcuts ?? []) {
      expect(shortcut.callback_id.length).toBeLessThanOrEqual(255);
      expect(shortcut.description.length).toBeLessThanOrEqual(150);
    }
    expect(features.slash_commands?.length ?? 0).toBeLessThanOrEqual(50);
    for (const command of features.slash_commands ?? []) {
      expect(command.command).toMatch(/^\/[a-z0-9_-]{1,31}$/);
      expect(command.description.length).toBeLessThanOrEqual(2000);
      expect(command.usage_hint?.length ?? 0).toBeLessThanOrEqual(1000);
    }
  });
});
