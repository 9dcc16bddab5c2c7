// The form's check that a repository name is free: one GET, answered within the time a Slack
// view submission allows. When GitHub is slow or failing the name is let through; publishing
// then says clearly if it was taken after all.
import type { Octokit } from 'octokit';

export function repositoryExistsCheck(
  octokit: Octokit,
  timeoutMs = 1500,
): (owner: string, repo: string) => Promise<boolean> {
  return async (owner, repo) => {
    try {
      const { data } = await octokit.request('GET /repos/{owner}/{repo}', {
        owner,
        repo,
        request: { signal: AbortSignal.timeout(timeoutMs), retries: 0 } as object,
      });
      // A renamed repository's old name redirects to it, yet is free to take again.
      return data.name.toLowerCase() === repo.toLowerCase() && data.owner.login.toLowerCase() === owner.toLowerCase();
    } catch {
      return false;
    }
  };
}
