// The catalog file tests write most: one Component, a service in production, with its owner and
// description.

export function serviceYaml(name: string, owner: string, description = `The ${name} service`): string {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  description: ${description}
spec:
  type: service
  lifecycle: production
  owner: ${owner}
`;
}
