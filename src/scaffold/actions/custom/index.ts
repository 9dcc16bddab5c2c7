// `callboard/actions`: what a module of custom actions imports. createTemplateAction as Backstage
// names it, the context types, and the zod Callboard checks inputs with.
export { z } from 'zod';
export {
  createTemplateAction,
  type ActionLogger,
  type ActionSchema,
  type TemplateActionContext,
  type TemplateActionOptions,
  type TemplateActionUndoContext,
} from './template-action.js';
