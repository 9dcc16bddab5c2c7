// A GitHub connection to the fake GitHub, as a test's Callboard makes one to GitHub: its
// organisation, its token and URL, and retries that wait 5 ms instead of seconds.
import {
  createGitHubConnection,
  type GitHubConnection,
  type GitHubConnectionOptions,
} from '../../src/sources/github/connection.js';
import type { FakeGitHub } from './fake-github.js';

/** `options` override the defaults, e.g. `{ retries: 0 }` where a failure must not be retried. */
export function fakeGitHubConnection(
  github: { org: Pick<FakeGitHub['org'], 'login'> } & Pick<FakeGitHub, 'token' | 'url'>,
  options: Partial<GitHubConnectionOptions> = {},
): Promise<GitHubConnection> {
  return createGitHubConnection({
    org: github.org.login,
    token: github.token,
    apiUrl: github.url,
    retryBaseMs: 5,
    ...options,
  });
}
