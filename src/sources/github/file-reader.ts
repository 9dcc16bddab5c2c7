// Reads catalog files' text, many per GraphQL query: each repository is an alias, each file an
// aliased `object(expression: "<ref>:<path>")`. Files over GitHub's GraphQL text limit, and those
// GitHub calls binary (a NUL byte), are read as git blobs over REST.
import type { GitHubConnection } from './connection.js';
import { BatchLoader } from './batch-loader.js';
import { describeError } from './repository-listing.js';
import type { FileAddress } from './location-keys.js';

type FileRead = { kind: 'found'; oid: string; text: string } | { kind: 'missing' } | { kind: 'failed'; error: string };

interface RawObject {
  __typename: string;
  oid?: string;
  isTruncated?: boolean;
  text?: string | null;
}

export class FileReader {
  private readonly loader: BatchLoader<FileAddress, FileRead>;

  constructor(
    private readonly connection: GitHubConnection,
    filesPerQuery: number,
  ) {
    this.loader = new BatchLoader((keys) => this.readBatch(keys), filesPerQuery);
  }

  read(address: FileAddress): Promise<FileRead> {
    return this.loader.load(address);
  }

  private async readBatch(addresses: FileAddress[]): Promise<FileRead[]> {
    const repos = new Map<string, { owner: string; repo: string; files: { index: number; expression: string }[] }>();
    addresses.forEach((a, index) => {
      const key = `${a.owner}/${a.repo}`.toLowerCase();
      const entry = repos.get(key) ?? { owner: a.owner, repo: a.repo, files: [] };
      entry.files.push({ index, expression: `${a.ref}:${a.path}` });
      repos.set(key, entry);
    });
    const declarations: string[] = [];
    const selections: string[] = [];
    const variables: Record<string, unknown> = {};
    [...repos.values()].forEach((entry, r) => {
      declarations.push(`$o${r}: String!`, `$n${r}: String!`);
      variables[`o${r}`] = entry.owner;
      variables[`n${r}`] = entry.repo;
      const objects = entry.files.map((f, i) => {
        declarations.push(`$e${r}_${i}: String!`);
        variables[`e${r}_${i}`] = f.expression;
        return `f${i}: object(expression: $e${r}_${i}) { __typename ... on Blob { oid isTruncated text } }`;
      });
      selections.push(`r${r}: repository(owner: $o${r}, name: $n${r}) { ${objects.join(' ')} }`);
    });
    const query = `query CatalogFiles(${declarations.join(', ')}) { rateLimit { cost remaining resetAt } ${selections.join(' ')} }`;

    const results: FileRead[] = addresses.map(() => ({ kind: 'failed', error: 'not read' }));
    let answer: Awaited<ReturnType<GitHubConnection['graphql']>>;
    try {
      answer = await this.connection.graphql<Record<string, Record<string, RawObject | null> | null>>(query, variables);
    } catch (error) {
      const reason = describeError(error);
      return addresses.map(() => ({ kind: 'failed', error: reason }));
    }
    const data = answer.data as Record<string, Record<string, RawObject | null> | null>;
    const notFound = new Set(answer.errors.filter((e) => e.type === 'NOT_FOUND').map((e) => String(e.path?.[0])));
    const otherErrors = answer.errors.filter((e) => e.type !== 'NOT_FOUND');
    const truncated: { index: number; address: FileAddress; oid: string }[] = [];
    [...repos.values()].forEach((entry, r) => {
      const repo = data[`r${r}`];
      entry.files.forEach((f, i) => {
        if (!repo) {
          results[f.index] = notFound.has(`r${r}`)
            ? { kind: 'missing' }
            : { kind: 'failed', error: otherErrors[0]?.message ?? 'GitHub did not answer for this repository' };
          return;
        }
        const object = repo[`f${i}`];
        // A null beside an error on that very field is a failed read, not a missing file.
        const error = answer.errors.find((e) => e.path?.[0] === `r${r}` && e.path?.[1] === `f${i}`);
        if (!object && error) results[f.index] = { kind: 'failed', error: error.message };
        else if (object?.__typename !== 'Blob' || !object.oid) results[f.index] = { kind: 'missing' };
        else if (object.isTruncated || object.text === null || object.text === undefined) {
          truncated.push({ index: f.index, address: addresses[f.index], oid: object.oid });
        } else results[f.index] = { kind: 'found', oid: object.oid, text: object.text };
      });
    });
    await Promise.all(
      truncated.map(async (t) => {
        results[t.index] = await this.readBlob(t.address, t.oid);
      }),
    );
    return results;
  }

  /** A file GraphQL would not give whole: the git blob over REST. */
  private async readBlob(address: FileAddress, oid: string): Promise<FileRead> {
    try {
      const { data } = await this.connection.octokit.rest.git.getBlob({
        owner: address.owner,
        repo: address.repo,
        file_sha: oid,
      });
      // GitHub gives no text for a blob with a NUL byte (it counts as binary); read as text all the
      // same, a NUL is a problem of the document that holds it, as in a folder, not of its neighbours.
      const bytes = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
      return { kind: 'found', oid, text: bytes.toString('utf8') };
    } catch (error) {
      return { kind: 'failed', error: describeError(error) };
    }
  }
}
