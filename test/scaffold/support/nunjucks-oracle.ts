// The real nunjucks, configured as Backstage's fetch:template configures it (`${{ }}` variable
// tags, autoescape off, Backstage's filters): the oracle our own skeleton renderer is held to.
import { Environment } from 'nunjucks';
import { applyFilter } from '../../../src/scaffold/templating/expressions/filters.js';

const environment = new Environment(null, {
  autoescape: false,
  tags: { variableStart: '${{', variableEnd: '}}' },
});
for (const name of ['parseRepoUrl', 'parseEntityRef', 'pick', 'projectSlug']) {
  environment.addFilter(name, (input: unknown, ...args: unknown[]) => applyFilter(name, input, args));
}

export function nunjucksRender(source: string, context: Record<string, unknown>): string {
  return environment.renderString(source, context);
}
