// Sets GitHub Actions secrets (a repository's or an environment's): GitHub takes a secret only
// sealed with the repository's public key (libsodium's sealed box), as Backstage does it.
import { createRequire } from 'node:module';
import type { Octokit } from 'octokit';

// libsodium-wrappers' ES module build misses a file; its CommonJS build is whole.
const sodium = createRequire(import.meta.url)('libsodium-wrappers') as typeof import('libsodium-wrappers');

async function seal(value: string, publicKey: string): Promise<string> {
  await sodium.ready;
  const sealed = sodium.crypto_box_seal(
    sodium.from_string(value),
    sodium.from_base64(publicKey, sodium.base64_variants.ORIGINAL),
  );
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}

/** Sets each secret on the repository, or on one of its environments. */
export async function setActionsSecrets(
  octokit: Octokit,
  target: { owner: string; repo: string; environment?: string },
  secrets: Record<string, string>,
): Promise<void> {
  const names = Object.keys(secrets);
  if (!names.length) return;
  const { owner, repo, environment } = target;
  if (environment) {
    const { data: key } = await octokit.request(
      'GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key',
      { owner, repo, environment_name: environment },
    );
    for (const name of names) {
      await octokit.request('PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}', {
        owner,
        repo,
        environment_name: environment,
        secret_name: name,
        encrypted_value: await seal(secrets[name], key.key),
        key_id: key.key_id,
      });
    }
    return;
  }
  const { data: key } = await octokit.request('GET /repos/{owner}/{repo}/actions/secrets/public-key', { owner, repo });
  for (const name of names) {
    await octokit.request('PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}', {
      owner,
      repo,
      secret_name: name,
      encrypted_value: await seal(secrets[name], key.key),
      key_id: key.key_id,
    });
  }
}
