// The inputs Backstage's GitHub module shares between actions (its inputProperties.ts), as zod:
// the repository's settings (publish:github, github:repo:create), the branch protection
// (publish:github, github:repo:push, github:branch-protection:create) and the first commit.
// Defaults are Backstage's.
import { z } from 'zod';
import { allowedHostsInput, repoUrlInput, tokenInput } from './github-target.js';

const names = z.array(z.string());
const permission = z.enum(['pull', 'push', 'admin', 'maintain', 'triage']);

export const repositorySettingsInputs = {
  description: z.string().optional(),
  homepage: z.string().optional(),
  access: z.string().describe('A team (org/team, group ref) or user given admin access').optional(),
  repoVisibility: z.enum(['private', 'internal', 'public']).default('private'),
  deleteBranchOnMerge: z.boolean().default(false),
  allowMergeCommit: z.boolean().default(true),
  allowSquashMerge: z.boolean().default(true),
  squashMergeCommitTitle: z.enum(['PR_TITLE', 'COMMIT_OR_PR_TITLE']).default('COMMIT_OR_PR_TITLE'),
  squashMergeCommitMessage: z.enum(['PR_BODY', 'COMMIT_MESSAGES', 'BLANK']).default('COMMIT_MESSAGES'),
  allowRebaseMerge: z.boolean().default(true),
  allowAutoMerge: z.boolean().default(false),
  allowUpdateBranch: z.boolean().default(false),
  collaborators: z
    .array(
      z.looseObject({
        user: z.string().optional(),
        team: z.string().optional(),
        /** Backstage's deprecated name for team. */
        username: z.string().optional(),
        access: permission.default('push'),
      }),
    )
    .optional(),
  hasProjects: z.boolean().optional(),
  hasWiki: z.boolean().optional(),
  hasIssues: z.boolean().optional(),
  topics: z.array(z.string()).optional(),
  repoVariables: z.record(z.string(), z.string()).optional(),
  secrets: z.record(z.string(), z.string()).optional(),
  oidcCustomization: z.looseObject({ useDefault: z.boolean(), includeClaimKeys: names.optional() }).optional(),
  customProperties: z.record(z.string(), z.union([z.string(), names])).optional(),
  subscribe: z.boolean().optional(),
};

/** What Callboard accepts of the repository settings without acting on it, and why. */
export const unusedRepositorySettings: Record<string, string> = {
  oidcCustomization: 'the OpenID Connect subject claim is left as GitHub sets it',
  customProperties: "custom properties are left as the organisation's defaults",
  subscribe: 'Callboard does not subscribe anyone to the new repository',
};

/** The repository a step commits to, and whether its default branch is protected (publish:github, github:repo:push). */
export const pushTargetInputs = {
  repoUrl: repoUrlInput,
  allowedHosts: allowedHostsInput,
  token: tokenInput,
  defaultBranch: z.string().default('master'),
  protectDefaultBranch: z.boolean().default(true),
  protectEnforceAdmins: z.boolean().default(true),
};

export const branchProtectionInputs = {
  requiredApprovingReviewCount: z.number().int().min(0).max(6).default(1),
  requireCodeOwnerReviews: z.boolean().default(false),
  dismissStaleReviews: z.boolean().default(false),
  bypassPullRequestAllowances: z
    .looseObject({ users: names.optional(), teams: names.optional(), apps: names.optional() })
    .optional(),
  restrictions: z.looseObject({ users: names, teams: names, apps: names.optional() }).optional(),
  requiredStatusCheckContexts: names.default([]),
  requireBranchesToBeUpToDate: z.boolean().default(true),
  requiredConversationResolution: z.boolean().default(false),
  requiredCommitSigning: z.boolean().default(false),
  requiredLinearHistory: z.boolean().default(false),
};

export type BranchProtectionInput = z.output<z.ZodObject<typeof branchProtectionInputs>>;

export const commitInputs = {
  gitCommitMessage: z.string().default('initial commit'),
  gitAuthorName: z.string().optional(),
  gitAuthorEmail: z.string().optional(),
  sourcePath: z.string().optional(),
};
