// Opens a pull request on an existing repository with every file in one commit, in a constant
// number of requests whatever the file count: the base branch (its commit and tree), one tree
// with the text files inline, one commit, one branch, one pull request (plus one request for the
// default branch's name when none is given, one per binary file, one for reviewers).
import type { Octokit } from 'octokit';
import type { Workspace } from '../../types.js';
import { isText } from '../../templating/render-skeleton.js';
import type { TreeFile } from './single-commit.js';

export interface PullRequestPlan {
  owner: string;
  repo: string;
  branchName: string;
  /** The branch the pull request merges into; absent, the repository's default branch. */
  targetBranchName?: string;
  title: string;
  description: string;
  draft: boolean;
  commitMessage: string;
  author?: { name: string; email: string };
  reviewers: string[];
  teamReviewers: string[];
  /** Backstage's `update`: an open pull request from branchName gets the new commit, title and body. */
  update: boolean;
  /** Backstage's `createWhenEmpty`: false opens nothing when the files change nothing. */
  createWhenEmpty: boolean;
}

interface OpenedPullRequest {
  number: number;
  url: string;
  base: string;
  commitSha: string;
  /** Whether an existing pull request was updated (its branch was there before this step). */
  updated: boolean;
}

export async function openPullRequest(
  octokit: Octokit,
  plan: PullRequestPlan,
  files: Workspace,
  onStage: (stage: string) => void,
): Promise<OpenedPullRequest | undefined> {
  const { owner, repo } = plan;
  let base = plan.targetBranchName;
  if (!base) {
    onStage(`read ${owner}/${repo}`);
    base = (await octokit.request('GET /repos/{owner}/{repo}', { owner, repo })).data.default_branch;
  }
  onStage(`read the branch ${base}`);
  const { data: branch } = await octokit.request('GET /repos/{owner}/{repo}/branches/{branch}', {
    owner,
    repo,
    branch: base,
  });

  const entries: TreeFile[] = [];
  for (const [path, file] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const entry: TreeFile = { path, mode: file.executable ? '100755' : '100644', type: 'blob' };
    if (isText(file.content)) {
      entry.content = file.content.toString('utf8');
    } else {
      onStage(`upload ${path}`);
      const { data } = await octokit.request('POST /repos/{owner}/{repo}/git/blobs', {
        owner,
        repo,
        content: file.content.toString('base64'),
        encoding: 'base64',
      });
      entry.sha = data.sha;
    }
    entries.push(entry);
  }
  onStage('create the file tree');
  const { data: tree } = await octokit.request('POST /repos/{owner}/{repo}/git/trees', {
    owner,
    repo,
    base_tree: branch.commit.commit.tree.sha,
    tree: entries,
  });
  if (!plan.createWhenEmpty && tree.sha === branch.commit.commit.tree.sha) return undefined;
  onStage('create the commit');
  const { data: commit } = await octokit.request('POST /repos/{owner}/{repo}/git/commits', {
    owner,
    repo,
    message: plan.commitMessage,
    tree: tree.sha,
    parents: [branch.commit.sha],
    ...(plan.author ? { author: { ...plan.author, date: new Date().toISOString() } } : {}),
  });
  const existing = plan.update ? await openPullRequestFrom(octokit, plan, onStage) : undefined;
  if (existing) {
    // As Backstage's update: the branch is replaced by the new commit and the request retitled.
    onStage(`move the branch ${plan.branchName}`);
    await octokit.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', {
      owner,
      repo,
      ref: `heads/${plan.branchName}`,
      sha: commit.sha,
      force: true,
    });
    onStage(`update pull request #${existing}`);
    const { data: pull } = await octokit.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
      owner,
      repo,
      pull_number: existing,
      title: plan.title,
      body: plan.description,
    });
    await requestReviews(octokit, plan, pull.number, onStage);
    return { number: pull.number, url: pull.html_url, base: pull.base.ref, commitSha: commit.sha, updated: true };
  }
  onStage(`create the branch ${plan.branchName}`);
  await octokit.request('POST /repos/{owner}/{repo}/git/refs', {
    owner,
    repo,
    ref: `refs/heads/${plan.branchName}`,
    sha: commit.sha,
  });
  onStage('open the pull request');
  const { data: pull } = await octokit.request('POST /repos/{owner}/{repo}/pulls', {
    owner,
    repo,
    title: plan.title,
    body: plan.description,
    head: plan.branchName,
    base,
    draft: plan.draft,
  });
  await requestReviews(octokit, plan, pull.number, onStage);
  return { number: pull.number, url: pull.html_url, base, commitSha: commit.sha, updated: false };
}

/** The number of the open pull request from the plan's branch, if there is one. */
async function openPullRequestFrom(
  octokit: Octokit,
  plan: PullRequestPlan,
  onStage: (stage: string) => void,
): Promise<number | undefined> {
  onStage(`look for an open pull request from ${plan.branchName}`);
  const { data } = await octokit.request('GET /repos/{owner}/{repo}/pulls', {
    owner: plan.owner,
    repo: plan.repo,
    head: `${plan.owner}:${plan.branchName}`,
    state: 'open',
  });
  return data[0]?.number;
}

async function requestReviews(
  octokit: Octokit,
  plan: PullRequestPlan,
  number: number,
  onStage: (stage: string) => void,
): Promise<void> {
  if (!plan.reviewers.length && !plan.teamReviewers.length) return;
  onStage('request reviews');
  await octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', {
    owner: plan.owner,
    repo: plan.repo,
    pull_number: number,
    reviewers: plan.reviewers,
    team_reviewers: [...new Set(plan.teamReviewers)],
  });
}
