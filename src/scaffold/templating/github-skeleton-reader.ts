// Reads a skeleton from a GitHub repository: the folder next to a catalog Template's
// template.yaml (`./skeleton`), or any `https://github.com/<owner>/<repo>/tree/<ref>/<path>`.
// One tree listing, then the blobs under the folder, a few at a time.
import { posix } from 'node:path';
import type { Octokit } from 'octokit';
import type { TemplateDefinition } from '../types.js';
import { SKELETON_LIMITS, SkeletonError, type SkeletonFile, type SkeletonReader } from './skeleton-reader.js';

interface GitHubFolder {
  owner: string;
  repo: string;
  ref: string;
  path: string;
}

const BLOB_CONCURRENCY = 8;

export class GitHubSkeletonReader implements SkeletonReader {
  constructor(
    private readonly octokit: Octokit,
    private readonly webUrl = 'https://github.com',
  ) {}

  private parse(url: string): GitHubFolder | undefined {
    const base = this.webUrl.replace(/\/+$/, '');
    if (!url.toLowerCase().startsWith(`${base.toLowerCase()}/`)) return undefined;
    const [owner, repo, kind, ref, ...rest] = url
      .slice(base.length + 1)
      .split(/[?#]/)[0]
      .split('/');
    if (!owner || !repo || (kind !== 'blob' && kind !== 'tree') || !ref) return undefined;
    return { owner, repo, ref, path: rest.join('/').replace(/\/+$/, '') };
  }

  /** The folder `location` names, relative to the template's own file when it is not a URL. */
  private resolve(location: string, template: TemplateDefinition): GitHubFolder | undefined {
    if (/^https?:\/\//.test(location)) return this.parse(location);
    if (template.source.type !== 'url') return undefined;
    const file = this.parse(template.source.url);
    if (!file) return undefined;
    const path = posix.normalize(posix.join(posix.dirname(file.path), location));
    if (path.startsWith('..')) return undefined;
    return { ...file, path: path === '.' ? '' : path };
  }

  canRead(location: string, template: TemplateDefinition): boolean {
    return this.resolve(location, template) !== undefined;
  }

  async readFile(location: string, template: TemplateDefinition): Promise<SkeletonFile> {
    const file = this.resolve(location, template);
    if (!file?.path) throw new SkeletonError(`"${location}" is not a file in a GitHub repository`);
    const { owner, repo, ref, path } = file;
    const { data } = await this.octokit
      .request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, ref })
      .catch((error: unknown) => {
        throw new SkeletonError(`cannot read ${path} from ${owner}/${repo}@${ref}: ${(error as Error).message}`);
      });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
      throw new SkeletonError(`${path} in ${owner}/${repo}@${ref} is not a file`);
    }
    const content = Buffer.from(data.content, 'base64');
    if (content.length > SKELETON_LIMITS.maxFileBytes) throw new SkeletonError(`the file ${path} is too large`);
    return { path: posix.basename(path), content, executable: false };
  }

  async read(location: string, template: TemplateDefinition): Promise<SkeletonFile[]> {
    const folder = this.resolve(location, template);
    if (!folder) throw new SkeletonError(`"${location}" is not a folder in a GitHub repository`);
    const { owner, repo, ref } = folder;
    const params = { owner, repo, tree_sha: ref, recursive: '1' };
    const { data: tree } = await this.octokit
      .request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', params)
      .catch((error: unknown) => {
        throw new SkeletonError(`cannot list ${owner}/${repo}@${ref}: ${(error as Error).message}`);
      });
    if (tree.truncated) throw new SkeletonError(`${owner}/${repo}@${ref} has too many files to list in one go`);
    const prefix = folder.path ? `${folder.path}/` : '';
    const blobs = tree.tree.filter((e) => e.type === 'blob' && e.path && e.path.startsWith(prefix) && e.sha);
    if (!blobs.length)
      throw new SkeletonError(
        `the skeleton folder ${folder.path || '/'} in ${owner}/${repo}@${ref} is empty or missing`,
      );
    if (blobs.length > SKELETON_LIMITS.maxFiles)
      throw new SkeletonError(`the skeleton has more than ${SKELETON_LIMITS.maxFiles} files`);
    const files: SkeletonFile[] = [];
    for (let i = 0; i < blobs.length; i += BLOB_CONCURRENCY) {
      files.push(
        ...(await Promise.all(
          blobs.slice(i, i + BLOB_CONCURRENCY).map(async (entry) => {
            const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
              owner,
              repo,
              file_sha: entry.sha!,
            });
            const content = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
            if (content.length > SKELETON_LIMITS.maxFileBytes)
              throw new SkeletonError(`the skeleton file ${entry.path} is too large`);
            return { path: entry.path!.slice(prefix.length), content, executable: entry.mode === '100755' };
          }),
        )),
      );
    }
    return files.sort((a, b) => a.path.localeCompare(b.path));
  }
}
