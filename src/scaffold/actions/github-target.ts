// Where a GitHub step acts, read once for every GitHub action: the repoUrl (its host checked
// against the step's allowedHosts, then against the GitHub Callboard is connected to, its owner
// against the organisation) and the client to call with: the step's own `token` when the
// template gives one (used for that step only, never stored or logged), else the connection's.
import { z } from 'zod';
import type { Octokit } from 'octokit';
import { describeGitHubError } from './publish/github-errors.js';
import type { GitHubPublishing } from './publish/github-publishing.js';
import { ActionError, type ActionContext, readRepoUrlInput } from './action.js';

/** The inputs every action of Backstage's GitHub module takes to say where it acts. */
export const repoUrlInput = z.string().min(1).describe('host?owner=org&repo=name, as RepoUrlPicker writes it');
export const tokenInput = z
  .string()
  .describe('A GitHub token used for this step instead of the connection; never stored or logged')
  .optional();
export const allowedHostsInput = z
  .array(z.string())
  .describe('The hosts repoUrl may name; another host is refused before anything is asked of GitHub')
  .optional();

interface GitHubTarget {
  owner: string;
  repo: string;
  host: string;
  /** Absent in a dry run without a GitHub connection: the step describes what it would do. */
  github?: GitHubPublishing;
}

/** Reads where the step acts; `doing` ends "GitHub is not configured: ... to <doing>". */
export function gitHubTarget(
  ctx: Pick<ActionContext, 'dryRun' | 'services'>,
  input: { repoUrl: string; token?: string; allowedHosts?: string[] },
  doing: string,
): GitHubTarget {
  const url = readRepoUrlInput(input.repoUrl);
  if (input.allowedHosts && !input.allowedHosts.some((h) => h.toLowerCase() === url.host.toLowerCase())) {
    throw new ActionError(
      `repoUrl names the host ${url.host}, which is not in allowedHosts (${input.allowedHosts.join(', ') || 'none'})`,
    );
  }
  const owner = url.owner ?? url.organization ?? '';
  const settings = ctx.services.github;
  if (!settings) {
    if (!ctx.dryRun)
      throw new ActionError(`GitHub is not configured: set GITHUB_ORG and GITHUB_TOKEN (or a GitHub App) to ${doing}`);
    return { owner, repo: url.repo, host: url.host };
  }
  if (url.host.toLowerCase() !== settings.host.toLowerCase()) {
    throw new ActionError(`repoUrl names the host ${url.host}, but Callboard works on ${settings.host}`);
  }
  if (!owner || owner.toLowerCase() !== settings.org.toLowerCase()) {
    throw new ActionError(`repoUrl names the owner ${owner || '(none)'}, but Callboard works in ${settings.org}`);
  }
  const github = input.token ? { ...settings, octokit: withToken(settings.octokit, input.token) } : settings;
  return { owner: settings.org, repo: url.repo, host: url.host, github };
}

/** The same client (base URL, retries, throttling) authenticated with another token. */
function withToken(octokit: Octokit, token: string): Octokit {
  const Configured = octokit.constructor as new (options: { auth: string }) => Octokit;
  return new Configured({ auth: token });
}

/** Runs a GitHub call; a failure becomes an ActionError naming what was being done. */
export async function onGitHub<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ActionError) throw error;
    throw new ActionError(describeGitHubError(error, doing));
  }
}

/** Undoes something a step made on GitHub; the line says what was done, or why it could not be. */
export async function undoOnGitHub(what: string, call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return `${what}: undone, as this request had made it`;
  } catch (error) {
    return `could not undo ${what}: ${describeGitHubError(error, 'undo it')}`;
  }
}
