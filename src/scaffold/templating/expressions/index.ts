export { parseExpression } from './parser.js';
export { evaluate, readProperty, type Scope } from './evaluate.js';
export { ExpressionSyntaxError } from './lexer.js';
export { KNOWN_FILTERS, stringify } from './filters.js';
export {
  compileAll,
  compileText,
  hasExpression,
  renderText,
  renderValue,
  TemplateTextError,
  type CompiledText,
  type ExpressionPart,
  type FoundExpression,
} from './template-text.js';
export { checkExpression, type ExpressionScopeRules } from './check-expression.js';
