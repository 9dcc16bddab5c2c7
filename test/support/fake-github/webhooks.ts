// Webhook deliveries as GitHub sends them: a JSON payload built from the fake organisation,
// signed with HMAC-SHA256 (x-hub-signature-256), POSTed with GitHub's headers.
import { createHmac, randomUUID } from 'node:crypto';
import type { FakeOrganisation, FakeRepository, FakeTeam, FakeUser } from './organisation.js';
import { ownerJson, repositoryJson, teamJson, userJson, type Bases } from './rest-json.js';

export interface Delivery {
  event: string;
  payload: Record<string, unknown>;
}

export function signWebhook(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** POSTs a delivery to `url`; `secret` signs it (a wrong secret makes a bad signature). */
export async function deliverWebhook(
  url: string,
  delivery: Delivery,
  secret: string,
  options: { id?: string; signature?: string } = {},
): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(delivery.payload);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/fake',
      'x-github-event': delivery.event,
      'x-github-delivery': options.id ?? randomUUID(),
      'x-github-hook-id': '1',
      'x-hub-signature-256': options.signature ?? signWebhook(body, secret),
    },
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** Payload builders: each reads the organisation as it is now (call them after the change). */
export class WebhookPayloads {
  constructor(
    private readonly org: FakeOrganisation,
    private readonly bases: Bases,
  ) {}

  private common() {
    return {
      organization: { login: this.org.login, id: this.org.id, url: `${this.bases.api}/orgs/${this.org.login}` },
      sender: ownerJson(this.bases, 'octocat', 583231, 'User'),
      installation: { id: 1 },
    };
  }

  private repository(repo: FakeRepository) {
    return repositoryJson(this.bases, this.org, repo);
  }

  /**
   * A push of one commit to `branch` (default: the default branch) listing the files it
   * added, modified and removed. Call after changing the files in the organisation.
   */
  push(
    repoName: string,
    files: { added?: string[]; modified?: string[]; removed?: string[] },
    branchName?: string,
    before = '0'.repeat(40),
  ): Delivery {
    const repo = this.org.requireRepository(repoName);
    const branch = this.org.branch(repo, branchName);
    if (!branch) throw new Error(`fake GitHub: no branch ${branchName} in ${repoName}`);
    const commit = {
      id: branch.commit,
      tree_id: branch.commit,
      distinct: true,
      message: 'Update catalog',
      timestamp: repo.pushedAt.toISOString(),
      url: `${this.bases.html}/${repo.owner}/${repo.name}/commit/${branch.commit}`,
      author: { name: 'Octo Cat', email: 'octocat@example.test', username: 'octocat' },
      committer: { name: 'Octo Cat', email: 'octocat@example.test', username: 'octocat' },
      added: files.added ?? [],
      removed: files.removed ?? [],
      modified: files.modified ?? [],
    };
    return {
      event: 'push',
      payload: {
        ref: `refs/heads/${branch.name}`,
        before,
        after: branch.commit,
        created: false,
        deleted: false,
        forced: false,
        base_ref: null,
        compare: `${this.bases.html}/${repo.owner}/${repo.name}/compare/${before.slice(0, 12)}...${branch.commit.slice(0, 12)}`,
        commits: [commit],
        head_commit: commit,
        repository: { ...this.repository(repo), master_branch: repo.defaultBranch },
        pusher: { name: 'octocat', email: 'octocat@example.test' },
        ...this.common(),
      },
    };
  }

  /** `repository` events: created, deleted, archived, unarchived, renamed, transferred, publicized, privatized, edited. */
  repositoryEvent(action: string, repo: FakeRepository, changes?: Record<string, unknown>): Delivery {
    return {
      event: 'repository',
      payload: { action, ...(changes ? { changes } : {}), repository: this.repository(repo), ...this.common() },
    };
  }

  renamed(repo: FakeRepository, oldName: string): Delivery {
    return this.repositoryEvent('renamed', repo, { repository: { name: { from: oldName } } });
  }

  transferred(repo: FakeRepository): Delivery {
    return this.repositoryEvent('transferred', repo, { owner: { from: { organization: this.common().organization } } });
  }

  /** `team` events: created, deleted, edited, added_to_repository, removed_from_repository. */
  team(action: string, team: FakeTeam): Delivery {
    return { event: 'team', payload: { action, team: teamJson(this.bases, this.org, team), ...this.common() } };
  }

  /** `membership` events (a user added to or removed from a team). */
  membership(action: 'added' | 'removed', team: FakeTeam, user: FakeUser): Delivery {
    return {
      event: 'membership',
      payload: {
        action,
        scope: 'team',
        member: userJson(this.bases, user),
        team: teamJson(this.bases, this.org, team),
        ...this.common(),
      },
    };
  }

  /** `organization` events: member_added, member_removed, member_invited. */
  organizationEvent(action: 'member_added' | 'member_removed', user: FakeUser): Delivery {
    return {
      event: 'organization',
      payload: {
        action,
        membership: { user: userJson(this.bases, user), role: 'member', state: 'active' },
        ...this.common(),
      },
    };
  }

  ping(): Delivery {
    return { event: 'ping', payload: { zen: 'Keep it logically awesome.', hook_id: 1, ...this.common() } };
  }
}
