// The /create request the replica tests make: the default TypeScript service template's values for
// a repository `name` in the fake organisation acme.
export function replicaValues(name: string): Record<string, unknown> {
  return {
    name,
    description: 'made while another replica starts',
    owner: 'group:default/payments',
    repoUrl: `github.com?owner=acme&repo=${name}`,
    lifecycle: 'experimental',
    port: 8080,
    visibility: 'private',
    protectDefaultBranch: false,
  };
}
