// CODEOWNERS parsed as GitHub documents it, on the example file from GitHub's documentation and on
// a file written the way large public repositories write theirs (nodejs/node's .github/CODEOWNERS).
import { describe, expect, it } from 'vitest';
import { parseCodeOwners, ruleFor } from '../../src/ownership/code-owners.js';

// GitHub's documented example ("About code owners"), trimmed of its prose comments.
const GITHUB_DOCS_EXAMPLE = `# This is a comment.
# Each line is a file pattern followed by one or more owners.

# These owners will be the default owners for everything in
# the repo. Unless a later match takes precedence,
*       @global-owner1 @global-owner2

# Order is important; the last matching pattern takes the most
# precedence.
*.js    @js-owner #This is an inline comment.

*.go docs@example.com

*.txt @octo-org/octocats
/build/logs/ @doctocat

# The \`docs/*\` pattern will match files like
# \`docs/getting-started.md\` but not further nested files like
# \`docs/build-app/troubleshooting.md\`.
docs/*  docs@example.com

apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat

# In this example, @octocat owns any file in the \`/apps\`
# directory in the root of your repository except for the \`/apps/github\`
# subdirectory, as this subdirectory has its own owner @doctocat
/apps/ @octocat
/apps/github @doctocat

# In this example, @octocat owns any file in the \`/apps\`
# directory in the root of your repository except for the \`/apps/github\`
# subdirectory, as its owners are left empty.
/apps/ @octocat
/apps/github
`;

const owners = (file: ReturnType<typeof parseCodeOwners>, path: string) =>
  ruleFor(file, path)?.owners.map((o) => o.text) ?? null;

describe('CODEOWNERS, GitHub documented example', () => {
  const file = parseCodeOwners(GITHUB_DOCS_EXAMPLE);

  it('gives everything the default owners unless a later line matches', () => {
    expect(owners(file, 'README.md')).toEqual(['@global-owner1', '@global-owner2']);
  });

  it('lets the last matching line win, inline comments removed', () => {
    expect(owners(file, 'src/index.js')).toEqual(['@js-owner']);
    expect(owners(file, 'cmd/main.go')).toEqual(['docs@example.com']);
    expect(owners(file, 'notes/a.txt')).toEqual(['@octo-org/octocats']);
  });

  it('matches docs/* only for files directly inside docs/', () => {
    // /docs/ (a later line) owns the whole root docs folder; docs/* alone would not reach deeper.
    expect(owners(file, 'docs/getting-started.md')).toEqual(['@doctocat']);
    const only = parseCodeOwners('*  @all\ndocs/*  docs@example.com\n');
    expect(owners(only, 'docs/getting-started.md')).toEqual(['docs@example.com']);
    expect(owners(only, 'docs/build-app/troubleshooting.md')).toEqual(['@all']);
  });

  it('anchors leading-slash patterns and lets unanchored ones match anywhere', () => {
    expect(owners(file, 'build/logs/today.log')).toEqual(['@octocat']); // **/logs is later
    expect(owners(file, 'scripts/deploy.sh')).toEqual(['@doctocat', '@octocat']);
    expect(owners(file, 'tools/scripts/x.py')).toEqual(['@global-owner1', '@global-owner2']);
    expect(owners(file, 'web/apps/main.rb')).toEqual(['@octocat']); // apps/ unanchored
  });

  it('lets a line without owners leave a path unowned', () => {
    expect(owners(file, 'apps/github/index.rb')).toEqual([]);
    expect(owners(file, 'apps/other/index.rb')).toEqual(['@octocat']);
  });

  it('reads teams, users and emails', () => {
    const rule = ruleFor(file, 'a.txt');
    expect(rule?.owners).toEqual([{ kind: 'team', org: 'octo-org', slug: 'octocats', text: '@octo-org/octocats' }]);
    expect(ruleFor(file, 'x.go')?.owners[0]).toMatchObject({ kind: 'email', email: 'docs@example.com' });
  });
});

// Written the way nodejs/node writes its .github/CODEOWNERS: teams only, deep paths, globs.
const NODE_STYLE = `# Node.js Project Codeowners

# 1. Codeowners must always be teams, never individuals
# 2. Each codeowner team should contain at least one core collaborator

/.github/CODEOWNERS @nodejs/tsc

# net

/deps/cares @nodejs/net
/doc/api/dns.md @nodejs/net
/lib/dgram.js @nodejs/net
/lib/internal/net.js @nodejs/net
/lib/*/dns* @nodejs/net
/test/parallel/test-net-* @nodejs/net

# tls/crypto

/lib/internal/crypto/* @nodejs/crypto
/lib/crypto.js @nodejs/crypto
/src/node_crypto* @nodejs/crypto
/src/crypto/* @nodejs/crypto

# streams

/doc/api/stream.md @nodejs/streams
/lib/_stream_* @nodejs/streams
/lib/internal/streams/ @nodejs/streams

# Single Executable Applications
/test/sea @nodejs/single-executable
!/test/sea/private @nodejs/security
/test/[ab]* @nodejs/nobody
`;

describe('CODEOWNERS written like nodejs/node', () => {
  const file = parseCodeOwners(NODE_STYLE);

  it('maps deep and globbed paths to teams', () => {
    expect(owners(file, 'lib/internal/crypto/keys.js')).toEqual(['@nodejs/crypto']);
    expect(owners(file, 'lib/internal/dns.js')).toEqual(['@nodejs/net']);
    expect(owners(file, 'lib/internal/streams/readable.js')).toEqual(['@nodejs/streams']);
    expect(owners(file, 'test/parallel/test-net-socket.js')).toEqual(['@nodejs/net']);
    expect(owners(file, 'test/sea/private/x.js')).toEqual(['@nodejs/single-executable']);
  });

  it('owns nothing where no line matches, and is case-sensitive', () => {
    expect(ruleFor(file, 'README.md')).toBeUndefined();
    expect(ruleFor(file, 'LIB/crypto.js')).toBeUndefined();
  });

  it('skips negations and ranges as GitHub does, saying which line', () => {
    expect(file.problems.map((p) => p.line)).toEqual([32, 33]);
    expect(file.problems[0].message).toMatch(/negated/);
    expect(file.problems[1].message).toMatch(/ranges/);
  });
});
