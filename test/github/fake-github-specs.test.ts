// The fake GitHub is held to GitHub's published descriptions, so a test cannot pass against a
// GitHub that does not exist: a GraphQL field or argument GitHub's schema lacks is a validation
// error, a REST path GitHub does not serve is 404, and a body its OpenAPI description refuses is
// 422, before any of the fake's own routes is asked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubConnection } from '../../src/sources/github/connection.js';
import { addGitWrites } from '../support/fake-github-git.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';

let github: FakeGitHub;

beforeEach(async () => {
  github = await startFakeGitHub({ org: 'acme' });
  github.org.addRepository({ name: 'api', files: { 'README.md': '# API\n' } });
});

afterEach(async () => {
  await github.close();
});

const connect = () => createGitHubConnection({ org: 'acme', token: github.token, apiUrl: github.url, retries: 0 });

/** A request as it goes over the wire, and GitHub's answer as it comes back. */
async function send(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${github.url}${path}`, {
    method,
    headers: { authorization: `token ${github.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('GraphQL: the schema is the one GitHub publishes', () => {
  it("answers a field GitHub does not have with GitHub's validation error, and charges nothing", async () => {
    const answer = await send('POST', '/graphql', { query: '{ repository(owner: "acme", name: "api") { name nme } }' });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([
      {
        locations: [{ line: 1, column: 49 }],
        extensions: { code: 'undefinedField', typeName: 'Repository', fieldName: 'nme' },
        message: "Field 'nme' doesn't exist on type 'Repository'",
      },
    ]);
    expect(github.stats()).toMatchObject({ graphql: 1, graphqlPoints: 0 });
  });

  it("answers an argument GitHub does not accept the same way, and Callboard's connection fails on it", async () => {
    const query = '{ repository(owner: "acme", name: "api", branch: "main") { name } }';
    const answer = await send('POST', '/graphql', { query });
    expect(answer.body.errors[0]).toMatchObject({
      extensions: { code: 'argumentNotAccepted', name: 'repository', argumentName: 'branch' },
      message: "Field 'repository' doesn't accept argument 'branch'",
    });
    const connection = await connect();
    await expect(connection.graphql(query)).rejects.toThrow("Field 'repository' doesn't accept argument 'branch'");
  });

  it('validates fields GitHub has that the fake does not resolve, and then fails them loudly', async () => {
    const query = '{ repository(owner: "acme", name: "api") { name stargazerCount } }';
    const answer = await send('POST', '/graphql', { query });
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        path: ['repository', 'stargazerCount'],
        message: 'Cannot return null for non-nullable field Repository.stargazerCount.',
      }),
    ]);
  });
});

describe("REST: every request is held to GitHub's OpenAPI description", () => {
  it("answers a body the description refuses with 422 in GitHub's words, and writes nothing", async () => {
    const git = addGitWrites(github);
    const trees = git.trees.size;
    const tree = [{ path: 'a.txt', mode: '644', type: 'blob', content: 'a' }];
    const answer = await send('POST', '/repos/acme/api/git/trees', { tree });
    expect(answer).toEqual({
      status: 422,
      body: {
        message:
          'Invalid request.\n\n' +
          'For \'properties/tree/items/properties/mode\', "644" is not a member of ' +
          '["100644","100755","040000","160000","120000"].',
        documentation_url: 'https://docs.github.com/rest/git/trees#create-a-tree',
        status: '422',
      },
    });
    expect(git.trees.size).toBe(trees);

    const nameless = await send('POST', '/orgs/acme/repos', { private: 'yes' });
    expect(nameless.status).toBe(422);
    expect(nameless.body.message).toBe(
      'Invalid request.\n\n"name" wasn\'t supplied.\nFor \'properties/private\', "yes" is not a boolean.',
    );
    expect(git.created).toEqual([]);
  });

  it('gives octokit the 422 as GitHub would', async () => {
    addGitWrites(github);
    const { octokit } = await connect();
    // A value octokit's types refuse (hence the cast) but a caller could send: GitHub's description refuses it too.
    const names = 'backstage' as unknown as string[];
    await expect(
      octokit.request('PUT /repos/{owner}/{repo}/topics', { owner: 'acme', repo: 'api', names }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringContaining('"backstage" is not an array') });
  });

  it('answers 404 for a path or a method GitHub does not serve, whatever routes the fake was given', async () => {
    let asked = 0;
    github.addRoute('GET /repos/{owner}/{repo}/catalog', () => {
      asked += 1;
      return { status: 200, body: {} };
    });
    expect(await send('GET', '/repos/acme/api/catalog')).toMatchObject({ status: 404, body: { message: 'Not Found' } });
    expect(asked).toBe(0);
    expect((await send('PATCH', '/orgs/acme/teams', {})).status).toBe(404);
    expect((await send('GET', '/repos/acme/api')).status).toBe(200);
  });

  it('holds an Enterprise Cloud organisation to that description: internal repositories exist there only', async () => {
    addGitWrites(github);
    const refused = await send('POST', '/orgs/acme/repos', { name: 'handbook', visibility: 'internal' });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('"internal" is not a member of ["public","private"]');

    const enterprise = await startFakeGitHub({ org: 'acme', description: 'ghec' });
    try {
      const git = addGitWrites(enterprise);
      const response = await fetch(`${enterprise.url}/orgs/acme/repos`, {
        method: 'POST',
        headers: { authorization: `token ${enterprise.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'handbook', visibility: 'internal' }),
      });
      expect(response.status).toBe(201);
      expect(git.created).toEqual(['handbook']);
    } finally {
      await enterprise.close();
    }
  });
});
