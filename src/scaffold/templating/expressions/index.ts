// What the rest of the scaffolder uses of template.yaml's `${{ }}`: compiling and checking texts
// when a template loads, rendering them when it runs. Skeletons reach the language through nunjucks/.
export { parseExpression } from './parser.js';
export {
  compileAll,
  hasExpression,
  renderText,
  renderValue,
  type ExpressionPart,
  type FoundExpression,
  type Scope,
} from './template-text.js';
export { TemplateError } from './template-error.js';
export { checkExpression, type ExpressionScopeRules } from './check-expression.js';
