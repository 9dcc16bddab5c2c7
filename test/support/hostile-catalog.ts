// Catalog files an attacker (or an unlucky author) would write: YAML alias bombs, characters
// Postgres refuses, and a folder of ordinary neighbours to show that they survive.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A mapping of `levels` anchored sequences, each holding `width` aliases of the one before:
 * (levels - 1) × width aliases that stand for width^levels strings (9 levels of 9: 72 aliases, 9⁹).
 */
export function aliasBombYaml(levels = 9, width = 9, indent = '    '): string {
  const lines = [`${indent}a0: &a0 [${Array(width).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++)
    lines.push(
      `${indent}a${i}: &a${i} [${Array(width)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return lines.join('\n');
}

export function componentYaml(name: string, description = `The ${name} service`): string {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  description: ${JSON.stringify(description)}
spec:
  type: service
  lifecycle: production
  owner: group:platform
`;
}

/** A Component whose spec carries an alias bomb of `levels` × `width` (aliasBombYaml's). */
export function bombComponentYaml(name: string, levels = 9, width = 9): string {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: group:platform
  bomb:
${aliasBombYaml(levels, width)}
`;
}

const TEAM = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: platform
spec:
  type: team
  children: []
`;

/**
 * Writes 51 valid entities into `dir`: a team, and 50 services in their own files, the first two
 * of which sit in `shared.yaml`, the file a test adds its hostile documents to.
 */
export function writeNeighbours(dir: string, hostileDocuments: string[] = []): string[] {
  mkdirSync(join(dir, 'services'), { recursive: true });
  writeFileSync(join(dir, 'team.yaml'), TEAM);
  const shared = [componentYaml('first'), ...hostileDocuments, componentYaml('second')];
  writeFileSync(join(dir, 'shared.yaml'), shared.join('---\n'));
  const refs = ['group:default/platform', 'component:default/first', 'component:default/second'];
  for (let i = 3; i <= 50; i++) {
    writeFileSync(join(dir, 'services', `service-${i}.yaml`), componentYaml(`service-${i}`));
    refs.push(`component:default/service-${i}`);
  }
  return refs.sort();
}
