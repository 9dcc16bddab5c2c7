// publish:github's input, read and checked before anything is created: a bad topic or branch
// name is refused up front instead of leaving half a repository behind.
import { githubRepoNameProblem } from '../../repo-url.js';
import { ActionError, readRepoUrlInput } from '../action.js';
import type { GitHubPublishing } from './github-publishing.js';

export type Permission = 'pull' | 'triage' | 'push' | 'maintain' | 'admin';

export interface Grant {
  kind: 'team' | 'user';
  /** A team slug, user login, or a catalog ref still to be turned into a slug. */
  name: string;
  permission: Permission;
}

export interface PublishPlan {
  owner: string;
  repo: string;
  description?: string;
  homepage?: string;
  visibility: 'private' | 'internal' | 'public';
  /** Absent: the branch GitHub creates (the organisation's default). */
  defaultBranch?: string;
  topics: string[];
  grants: Grant[];
  protect?: {
    requiredApprovingReviewCount: number;
    requireCodeOwnerReviews: boolean;
    dismissStaleReviews: boolean;
    enforceAdmins: boolean;
    requiredStatusChecks: string[];
  };
  commitMessage: string;
  author?: { name: string; email: string };
  /** Only workspace files under this folder are published, at the repository's root. */
  sourcePath: string;
}

const PERMISSIONS: Permission[] = ['pull', 'triage', 'push', 'maintain', 'admin'];
const TOPIC = /^[a-z0-9][a-z0-9-]{0,49}$/;
const BRANCH = /^(?!\/|-|.*\.\.|.*\/\/|.*\.lock$|.*\/$)[A-Za-z0-9._/-]{1,200}$/;

function optionalText(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ActionError(`${key} must be a text`);
  return value;
}

/** `org/team`, `group:default/team` → a team; `user:default/x` or a login → a user. */
export function readGrantee(value: string): { kind: 'team' | 'user'; name: string } {
  const ref = /^(group|user):(?:[^/]+\/)?(.+)$/i.exec(value);
  if (ref) return { kind: ref[1].toLowerCase() === 'group' ? 'team' : 'user', name: value };
  const slash = value.indexOf('/');
  if (slash !== -1) return { kind: 'team', name: value.slice(slash + 1) };
  return { kind: 'user', name: value };
}

function readPermission(value: unknown, where: string): Permission {
  if (value === undefined) return 'push';
  if (typeof value !== 'string' || !PERMISSIONS.includes(value as Permission)) {
    throw new ActionError(`${where} must be one of ${PERMISSIONS.join(', ')}`);
  }
  return value as Permission;
}

export function readPublishPlan(
  input: Record<string, unknown>,
  github: Pick<GitHubPublishing, 'org' | 'host'>,
): PublishPlan {
  const url = readRepoUrlInput(input.repoUrl);
  if (url.host.toLowerCase() !== github.host.toLowerCase()) {
    throw new ActionError(`repoUrl names the host ${url.host}, but Callboard publishes to ${github.host}`);
  }
  const owner = url.owner ?? url.organization;
  if (!owner || owner.toLowerCase() !== github.org.toLowerCase()) {
    throw new ActionError(
      `repoUrl names the owner ${owner ?? '(none)'}, but Callboard creates repositories in ${github.org}`,
    );
  }
  const nameProblem = githubRepoNameProblem(url.repo);
  if (nameProblem) throw new ActionError(`repository name "${url.repo}": ${nameProblem}`);

  const visibility = (optionalText(input, 'repoVisibility') ?? 'private') as PublishPlan['visibility'];
  if (!['private', 'internal', 'public'].includes(visibility))
    throw new ActionError('repoVisibility must be private, internal or public');

  const defaultBranch = optionalText(input, 'defaultBranch');
  if (defaultBranch && !BRANCH.test(defaultBranch))
    throw new ActionError(`defaultBranch "${defaultBranch}" is not a valid branch name`);

  const topics = input.topics === undefined || input.topics === null ? [] : input.topics;
  if (!Array.isArray(topics) || topics.some((t) => typeof t !== 'string'))
    throw new ActionError('topics must be a list of texts');
  for (const topic of topics as string[]) {
    if (!TOPIC.test(topic)) {
      throw new ActionError(
        `topic "${topic}" is not valid: lower-case letters, digits and "-", starting with a letter or digit, at most 50 characters`,
      );
    }
  }

  const grants: Grant[] = [];
  const access = optionalText(input, 'access');
  if (access) grants.push({ ...readGrantee(access), permission: 'admin' });
  const collaborators = input.collaborators ?? [];
  if (!Array.isArray(collaborators)) throw new ActionError('collaborators must be a list');
  collaborators.forEach((c: unknown, i) => {
    const item = (c ?? {}) as Record<string, unknown>;
    const permission = readPermission(item.access, `collaborators[${i}].access`);
    const team = typeof item.team === 'string' ? item.team : undefined;
    const user =
      typeof item.user === 'string' ? item.user : typeof item.username === 'string' ? item.username : undefined;
    if (team)
      grants.push({
        kind: 'team',
        name: readGrantee(team.includes(':') ? team : `${github.org}/${team}`).name,
        permission,
      });
    else if (user) grants.push({ ...readGrantee(user), permission });
    else throw new ActionError(`collaborators[${i}] names neither a team nor a user`);
  });

  const protect =
    input.protectDefaultBranch === false
      ? undefined
      : {
          requiredApprovingReviewCount:
            typeof input.requiredApprovingReviewCount === 'number' ? input.requiredApprovingReviewCount : 1,
          requireCodeOwnerReviews: input.requireCodeOwnerReviews === true,
          dismissStaleReviews: input.dismissStaleReviews === true,
          enforceAdmins: input.protectEnforceAdmins !== false,
          requiredStatusChecks: Array.isArray(input.requiredStatusCheckContexts)
            ? input.requiredStatusCheckContexts.filter((c): c is string => typeof c === 'string')
            : [],
        };

  const authorName = optionalText(input, 'gitAuthorName');
  const authorEmail = optionalText(input, 'gitAuthorEmail');
  const sourcePath = (optionalText(input, 'sourcePath') ?? '').replace(/^\.?\/+/, '').replace(/\/+$/, '');
  if (sourcePath.split('/').includes('..')) throw new ActionError('sourcePath must stay inside the workspace');

  return {
    owner: github.org,
    repo: url.repo,
    description: optionalText(input, 'description'),
    homepage: optionalText(input, 'homepage'),
    visibility,
    defaultBranch,
    topics: topics as string[],
    grants,
    protect,
    commitMessage: optionalText(input, 'gitCommitMessage') ?? 'Initial commit',
    author: authorName && authorEmail ? { name: authorName, email: authorEmail } : undefined,
    sourcePath,
  };
}

export const publishInputSchema = {
  type: 'object',
  required: ['repoUrl'],
  properties: {
    repoUrl: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    homepage: { type: 'string' },
    repoVisibility: { type: 'string', enum: ['private', 'internal', 'public'] },
    defaultBranch: { type: 'string' },
    topics: { type: 'array', items: { type: 'string' } },
    access: { type: 'string' },
    collaborators: { type: 'array', items: { type: 'object' } },
    protectDefaultBranch: { type: 'boolean' },
    protectEnforceAdmins: { type: 'boolean' },
    requiredApprovingReviewCount: { type: 'integer', minimum: 0, maximum: 6 },
    requireCodeOwnerReviews: { type: 'boolean' },
    dismissStaleReviews: { type: 'boolean' },
    requiredStatusCheckContexts: { type: 'array', items: { type: 'string' } },
    gitCommitMessage: { type: 'string' },
    gitAuthorName: { type: 'string' },
    gitAuthorEmail: { type: 'string' },
    sourcePath: { type: 'string' },
  },
};
