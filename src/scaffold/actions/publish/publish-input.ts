// A new repository's plan, read from publish:github's (or github:repo:create's) typed input
// before anything is created: a bad topic, branch or collaborator is refused up front instead of
// leaving half a repository behind.
import type { z } from 'zod';
import { githubRepoNameProblem } from '../../repo-url.js';
import { ActionError } from '../action.js';
import type { BranchProtectionInput, repositorySettingsInputs } from '../github-inputs.js';

type Permission = 'pull' | 'triage' | 'push' | 'maintain' | 'admin';

export interface Grant {
  kind: 'team' | 'user';
  /** A team slug, user login, or a catalog ref still to be turned into a slug. */
  name: string;
  permission: Permission;
}

type RepositorySettings = z.output<z.ZodObject<typeof repositorySettingsInputs>>;

export interface RepositoryPlan {
  owner: string;
  repo: string;
  description?: string;
  homepage?: string;
  visibility: 'private' | 'internal' | 'public';
  topics: string[];
  grants: Grant[];
  /** What POST /orgs/{org}/repos is sent besides name, description, homepage and visibility. */
  options: {
    delete_branch_on_merge: boolean;
    allow_merge_commit: boolean;
    allow_squash_merge: boolean;
    squash_merge_commit_title: 'PR_TITLE' | 'COMMIT_OR_PR_TITLE';
    squash_merge_commit_message: 'PR_BODY' | 'COMMIT_MESSAGES' | 'BLANK';
    allow_rebase_merge: boolean;
    allow_auto_merge: boolean;
    allow_update_branch?: boolean;
    has_projects?: boolean;
    has_wiki?: boolean;
    has_issues?: boolean;
  };
  /** Actions variables set on the new repository. */
  variables: Record<string, string>;
  /** Actions secrets set on the new repository (sealed before they are sent). */
  secrets: Record<string, string>;
}

export interface PublishPlan extends RepositoryPlan {
  defaultBranch: string;
  /** Absent: the default branch is left unprotected. */
  protect?: BranchProtectionInput & { enforceAdmins: boolean };
  commitMessage: string;
  author?: { name: string; email: string };
  /** Only workspace files under this folder are published, at the repository's root. */
  sourcePath: string;
}

const TOPIC = /^[a-z0-9][a-z0-9-]{0,49}$/;
const BRANCH_NAME = /^(?!\/|-|.*\.\.|.*\/\/|.*\.lock$|.*\/$)[A-Za-z0-9._/-]{1,200}$/;

/** `org/team`, `group:default/team` → a team; `user:default/x` or a login → a user. */
function readGrantee(value: string): { kind: 'team' | 'user'; name: string } {
  const ref = /^(group|user):(?:[^/]+\/)?(.+)$/i.exec(value);
  if (ref) return { kind: ref[1].toLowerCase() === 'group' ? 'team' : 'user', name: value };
  const slash = value.indexOf('/');
  if (slash !== -1) return { kind: 'team', name: value.slice(slash + 1) };
  return { kind: 'user', name: value };
}

export function checkBranchName(name: string, input: string): string {
  if (!BRANCH_NAME.test(name)) throw new ActionError(`${input} "${name}" is not a valid branch name`);
  return name;
}

/** The new repository: its name, settings and who gets access. */
export function readRepositoryPlan(input: RepositorySettings, target: { owner: string; repo: string }): RepositoryPlan {
  const nameProblem = githubRepoNameProblem(target.repo);
  if (nameProblem) throw new ActionError(`repository name "${target.repo}": ${nameProblem}`);
  const topics = input.topics ?? [];
  for (const topic of topics) {
    if (!TOPIC.test(topic)) {
      throw new ActionError(
        `topic "${topic}" is not valid: lower-case letters, digits and "-", starting with a letter or digit, at most 50 characters`,
      );
    }
  }
  const grants: Grant[] = [];
  if (input.access) grants.push({ ...readGrantee(input.access), permission: 'admin' });
  (input.collaborators ?? []).forEach((c, i) => {
    const user = c.user ?? c.username;
    if (c.team)
      grants.push({
        kind: 'team',
        name: readGrantee(c.team.includes(':') ? c.team : `${target.owner}/${c.team}`).name,
        permission: c.access,
      });
    else if (user) grants.push({ ...readGrantee(user), permission: c.access });
    else throw new ActionError(`collaborators[${i}] names neither a team nor a user`);
  });
  return {
    owner: target.owner,
    repo: target.repo,
    description: input.description || undefined,
    homepage: input.homepage || undefined,
    visibility: input.repoVisibility,
    topics,
    grants,
    options: {
      delete_branch_on_merge: input.deleteBranchOnMerge,
      allow_merge_commit: input.allowMergeCommit,
      allow_squash_merge: input.allowSquashMerge,
      squash_merge_commit_title: input.squashMergeCommitTitle,
      squash_merge_commit_message: input.squashMergeCommitMessage,
      allow_rebase_merge: input.allowRebaseMerge,
      allow_auto_merge: input.allowAutoMerge,
      ...(input.allowUpdateBranch ? { allow_update_branch: true } : {}),
      ...(input.hasProjects === undefined ? {} : { has_projects: input.hasProjects }),
      ...(input.hasWiki === undefined ? {} : { has_wiki: input.hasWiki }),
      ...(input.hasIssues === undefined ? {} : { has_issues: input.hasIssues }),
    },
    variables: input.repoVariables ?? {},
    secrets: input.secrets ?? {},
  };
}

/** The first commit's message, author and which workspace files go in it. */
export function readCommit(input: {
  gitCommitMessage: string;
  gitAuthorName?: string;
  gitAuthorEmail?: string;
  sourcePath?: string;
}): Pick<PublishPlan, 'commitMessage' | 'author' | 'sourcePath'> {
  const sourcePath = (input.sourcePath ?? '')
    .replace(/^\.?\/+/, '')
    .replace(/\/+$/, '')
    .replace(/^\.$/, '');
  if (sourcePath.split('/').includes('..')) throw new ActionError('sourcePath must stay inside the workspace');
  const { gitAuthorName: name, gitAuthorEmail: email } = input;
  return { commitMessage: input.gitCommitMessage, author: name && email ? { name, email } : undefined, sourcePath };
}

/** A branch's protection, or undefined when the template turned it off. */
export function readProtection(
  input: BranchProtectionInput & { protectDefaultBranch?: boolean; protectEnforceAdmins?: boolean },
): PublishPlan['protect'] {
  if (input.protectDefaultBranch === false) return undefined;
  return { ...input, enforceAdmins: input.protectEnforceAdmins !== false };
}
