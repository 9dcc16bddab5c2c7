// GitHub's refusals in plain words. The message never carries the token: octokit's errors hold
// the request, so only the status and GitHub's own message are used.

interface GitHubErrorLike {
  status?: number;
  message?: string;
  response?: {
    data?: { message?: string; errors?: Array<{ message?: string; code?: string; field?: string } | string> };
  };
}

export function gitHubStatus(error: unknown): number | undefined {
  return (error as GitHubErrorLike)?.status;
}

/** "GitHub refused to create the commit (409): Git Repository is empty." */
export function describeGitHubError(error: unknown, doing: string): string {
  const e = error as GitHubErrorLike;
  if (typeof e?.status !== 'number') {
    const reason = error instanceof Error ? error.message : String(error);
    return `could not reach GitHub to ${doing}: ${reason.replace(/https?:\/\/\S+/g, '').trim()}`;
  }
  const data = e.response?.data;
  const details = (data?.errors ?? [])
    .map((item) =>
      typeof item === 'string' ? item : (item.message ?? [item.field, item.code].filter(Boolean).join(' ')),
    )
    .filter(Boolean);
  const message = [data?.message, ...details].filter(Boolean).join('; ') || 'no reason given';
  return `GitHub refused to ${doing} (${e.status}): ${message}`;
}
