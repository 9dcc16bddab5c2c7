// Which repository's scorecard facts a GitHub webhook delivery may have changed. Pure: the payload
// in, a repository (or the whole organisation) out. The delivery is never taken at its word: the
// refresh reads the repository as GitHub has it now, so a late or repeated delivery does no harm.

/** Events that change a repository's facts: what a hook or GitHub App subscribes to for scorecards (docs/github.md). */
export const FACT_EVENTS = [
  'push',
  'branch_protection_rule',
  'repository_ruleset',
  'dependabot_alert',
  'check_suite',
  'status',
  'repository',
] as const;

export type FactsPlan =
  | { kind: 'repository'; repository: string }
  /** An organisation ruleset changed: every repository may be covered, or no longer. */
  | { kind: 'organisation' }
  | { kind: 'none'; reason: string };

interface RepositoryPayload {
  name?: string;
  full_name?: string;
  default_branch?: string;
  owner?: { login?: string };
}

const none = (reason: string): FactsPlan => ({ kind: 'none', reason });

export function planFactsRefresh(event: string, payload: Record<string, unknown>, org: string): FactsPlan {
  if (!(FACT_EVENTS as readonly string[]).includes(event)) return none(`${event} events change no GitHub fact`);
  const repo = payload.repository as RepositoryPayload | undefined;
  if (!repo) {
    // An organisation-level ruleset: it may cover any repository's default branch.
    const login = (payload.organization as { login?: string } | undefined)?.login;
    if (event === 'repository_ruleset' && login?.toLowerCase() === org.toLowerCase()) return { kind: 'organisation' };
    return none('an event without a repository');
  }
  const owner = repo.owner?.login ?? repo.full_name?.split('/')[0];
  if (!owner || !repo.name || owner.toLowerCase() !== org.toLowerCase())
    return none('a repository of another organisation');
  const repository = `${owner}/${repo.name}`.toLowerCase();
  const onDefault = (branch: unknown) => typeof branch === 'string' && branch === repo.default_branch;
  switch (event) {
    case 'push': {
      const branch = String(payload.ref ?? '').replace(/^refs\/heads\//, '');
      return onDefault(branch) ? { kind: 'repository', repository } : none('a push to another branch than the default');
    }
    case 'check_suite': {
      const branch = (payload.check_suite as { head_branch?: unknown } | undefined)?.head_branch;
      return onDefault(branch) ? { kind: 'repository', repository } : none('checks of another branch than the default');
    }
    case 'status': {
      const branches = (payload.branches as { name?: unknown }[] | undefined) ?? [];
      return branches.some((b) => onDefault(b?.name))
        ? { kind: 'repository', repository }
        : none('a status of a commit that is not on the default branch');
    }
    case 'repository': {
      const action = String(payload.action ?? '');
      return action === 'archived' || action === 'unarchived'
        ? { kind: 'repository', repository }
        : none(`repository ${action} changes no GitHub fact`);
    }
    default:
      // branch_protection_rule, repository_ruleset, dependabot_alert: always about this repository.
      return { kind: 'repository', repository };
  }
}
