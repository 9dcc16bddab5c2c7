// Load-time checks of a template's expressions: names it may use, steps it may read, filters
// that exist. A mistake is found when the template is loaded, not halfway through a run, and is
// said as a TemplateError says it: the expression, then the line and column in the text.
import { walk } from './ast.js';
import { KNOWN_FILTERS } from './filters.js';
import { locatedMessage } from './template-error.js';
import { positionIn } from './text-position.js';
import type { ExpressionPart } from './template-text.js';

export interface ExpressionScopeRules {
  /** Root names the expression may read, e.g. parameters, steps, user. */
  roots: string[];
  /** Step ids that have run before this expression is evaluated. */
  earlierSteps: string[];
}

export function checkExpression(part: ExpressionPart, rules: ExpressionScopeRules): string[] {
  const problems: string[] = [];
  const where = `\${{ ${part.source} }}`;
  /** A problem at a node's offset, said with its line and column in the text. */
  const problem = (said: string, at: number) => locatedMessage(said, positionIn(part.text, at), where);
  walk(part.expr, (node) => {
    if (node.type === 'name' && !rules.roots.includes(node.name)) {
      problems.push(problem(`reads "${node.name}", which is not one of ${rules.roots.join(', ')}`, node.at));
    }
    if (node.type === 'filter' && !KNOWN_FILTERS.has(node.filter)) {
      problems.push(problem(`uses the filter "${node.filter}", which does not exist`, node.at));
    }
    if (
      node.type === 'member' &&
      node.object.type === 'name' &&
      node.object.name === 'steps' &&
      node.property.type === 'literal'
    ) {
      const id = String(node.property.value);
      if (!rules.earlierSteps.includes(id)) {
        problems.push(problem(`reads step "${id}", which does not run before this point`, node.at));
      }
    }
  });
  return problems;
}
