// callboard:catalog-info:set-fields: reads a repository's catalog-info.yaml from GitHub and sets
// the fields it is missing (spec.lifecycle, metadata.description, spec.system), through the
// `yaml` package's Document API so the file keeps its comments, order and layout; the result is
// put in the workspace for publish:github:pull-request to propose. Fields already set are left
// as they are.
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { defineAction } from './define-action.js';
import { workspaceFilePath } from './fetch-plain-file.js';
import { gitHubTarget, onGitHub, repoUrlInput, tokenInput } from './github-target.js';

const FIELDS = [
  { input: 'lifecycle', path: ['spec', 'lifecycle'] },
  { input: 'description', path: ['metadata', 'description'] },
  { input: 'system', path: ['spec', 'system'] },
] as const;

/** `text` with each missing field set in its first document; undefined fields are left alone. */
export function setMissingFields(
  text: string,
  values: Partial<Record<(typeof FIELDS)[number]['input'], string>>,
): { text: string; set: string[] } {
  const docs = parseAllDocuments(text);
  const [doc] = docs;
  if (!doc || !('errors' in doc)) throw new Error('the file holds no YAML document');
  if (doc.errors.length) throw new Error(`the file is not valid YAML: ${doc.errors[0].message}`);
  const set: string[] = [];
  for (const field of FIELDS) {
    const value = values[field.input]?.trim();
    if (!value) continue;
    const current = doc.getIn(field.path);
    if (typeof current === 'string' && current.trim()) continue;
    doc.setIn(field.path, value);
    set.push(field.path.join('.'));
  }
  if (!set.length) return { text, set };
  // Only the first document changes; the others keep their text exactly.
  const rest = text.slice(doc.range[2]);
  return { text: `${doc.toString()}${rest.replace(/^\n?/, '')}`, set };
}

export const catalogInfoSetFieldsAction = defineAction({
  id: 'callboard:catalog-info:set-fields',
  description:
    "Sets the fields a repository's catalog-info.yaml is missing (lifecycle, description, system), keeping its comments and layout.",
  input: z.object({
    repoUrl: repoUrlInput,
    filePath: z.string().min(1).default('catalog-info.yaml'),
    lifecycle: z.string().optional(),
    description: z.string().optional(),
    system: z.string().optional(),
    token: tokenInput,
  }),
  async run(ctx) {
    const target = gitHubTarget(ctx, ctx.input, 'read catalog-info.yaml');
    const path = workspaceFilePath(ctx.input.filePath, 'filePath');
    const where = `${target.owner}/${target.repo}:${path}`;
    const github = target.github;
    const { lifecycle, description, system } = ctx.input;
    if (ctx.dryRun || !github) {
      // Nothing is read from GitHub: the workspace gets the fields set in a minimal file instead,
      // so the steps after this one (the pull request) have what they would propose.
      const sample = `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${target.repo}\nspec:\n  type: service\n`;
      ctx.workspace.set(path, {
        content: Buffer.from(setMissingFields(sample, { lifecycle, description, system }).text),
        executable: false,
      });
      ctx.log(`would set the missing fields of ${where}`);
      return;
    }
    const answer = await onGitHub(`read ${where}`, () =>
      github.octokit.graphql<{ repository: { object: { text?: string } | null } | null }>(
        'query($owner: String!, $repo: String!, $expression: String!) { repository(owner: $owner, name: $repo) { object(expression: $expression) { ... on Blob { text } } } }',
        { owner: target.owner, repo: target.repo, expression: `HEAD:${path}` },
      ),
    );
    const text = answer.repository?.object?.text;
    if (text === undefined) throw new Error(`${where} does not exist`);
    const edited = setMissingFields(text, { lifecycle, description, system });
    ctx.workspace.set(path, { content: Buffer.from(edited.text), executable: false });
    ctx.log(edited.set.length ? `set ${edited.set.join(', ')} in ${where}` : `${where} has every field already`);
  },
});
