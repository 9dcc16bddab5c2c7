// Puts every file of a new repository into ONE commit through GitHub's git data API, so the
// number of requests does not grow with the number of files: text files travel inline in the
// one tree request; only binary files need a blob request each.
//
// GitHub answers 409 "Git Repository is empty" to blob and tree requests on a repository that
// has no commit yet, so the repository is created with auto_init; the commit made here has no
// parent and the branch is moved to it (force), leaving it the branch's only commit.
import type { Octokit } from 'octokit';
import type { Workspace } from '../../types.js';
import { isText } from '../../templating/render-skeleton.js';
import { gitBlobSha } from './git-blob-sha.js';

export interface TreeFile {
  path: string;
  mode: '100644' | '100755';
  type: 'blob';
  content?: string;
  sha?: string;
}

export interface CommitResult {
  commitSha: string;
  treeSha: string;
  /** Blob sha of each published path. */
  blobShas: Map<string, string>;
}

const BLOB_CONCURRENCY = 4;

export async function commitFiles(
  octokit: Octokit,
  target: { owner: string; repo: string; message: string; author?: { name: string; email: string } },
  files: Workspace,
  onStage: (stage: string) => void,
): Promise<CommitResult> {
  const { owner, repo } = target;
  const entries: TreeFile[] = [];
  const binaries: Array<{ entry: TreeFile; content: Buffer }> = [];
  const blobShas = new Map<string, string>();
  for (const [path, file] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const entry: TreeFile = { path, mode: file.executable ? '100755' : '100644', type: 'blob' };
    blobShas.set(path, gitBlobSha(file.content));
    if (isText(file.content)) entry.content = file.content.toString('utf8');
    else binaries.push({ entry, content: file.content });
    entries.push(entry);
  }

  onStage('upload the binary files');
  for (let i = 0; i < binaries.length; i += BLOB_CONCURRENCY) {
    await Promise.all(
      binaries.slice(i, i + BLOB_CONCURRENCY).map(async ({ entry, content }) => {
        const { data } = await octokit.request('POST /repos/{owner}/{repo}/git/blobs', {
          owner,
          repo,
          content: content.toString('base64'),
          encoding: 'base64',
        });
        entry.sha = data.sha;
      }),
    );
  }

  onStage('create the file tree');
  const { data: tree } = await octokit.request('POST /repos/{owner}/{repo}/git/trees', { owner, repo, tree: entries });

  onStage('create the commit');
  const { data: commit } = await octokit.request('POST /repos/{owner}/{repo}/git/commits', {
    owner,
    repo,
    message: target.message,
    tree: tree.sha,
    parents: [],
    ...(target.author ? { author: { ...target.author, date: new Date().toISOString() } } : {}),
  });
  return { commitSha: commit.sha, treeSha: tree.sha, blobShas };
}

/**
 * Points `branch` at the commit. When it is the branch auto_init created, it is moved (force);
 * otherwise the branch is created, made the default, and auto_init's branch deleted.
 */
export async function pointDefaultBranch(
  octokit: Octokit,
  target: { owner: string; repo: string },
  branch: string,
  createdBranch: string,
  commitSha: string,
  onStage: (stage: string) => void,
): Promise<void> {
  const { owner, repo } = target;
  if (branch === createdBranch) {
    onStage(`move ${branch} to the commit`);
    await octokit.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', {
      owner,
      repo,
      ref: `heads/${branch}`,
      sha: commitSha,
      force: true,
    });
    return;
  }
  onStage(`create the branch ${branch}`);
  await octokit.request('POST /repos/{owner}/{repo}/git/refs', {
    owner,
    repo,
    ref: `refs/heads/${branch}`,
    sha: commitSha,
  });
  onStage(`make ${branch} the default branch`);
  await octokit.request('PATCH /repos/{owner}/{repo}', { owner, repo, default_branch: branch });
  onStage(`delete the branch ${createdBranch}`);
  await octokit.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', { owner, repo, ref: `heads/${createdBranch}` });
}
