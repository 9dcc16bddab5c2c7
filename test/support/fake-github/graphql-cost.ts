// GitHub's GraphQL rate-limit arithmetic, computed statically before a query runs, as documented
// ("Calculating a rate limit score"): every connection needs one request per parent node that
// asks for it, assuming each request returns its full `first`/`last`; the total divided by 100,
// rounded, is the cost, never less than 1. It also enforces the pagination rules GitHub enforces.
import {
  GraphQLError,
  getArgumentValues,
  getNamedType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface QueryCost {
  /** Requests GitHub would make to resolve every connection. */
  requests: number;
  /** Upper bound of the nodes the query may return (GitHub refuses more than 500,000). */
  nodes: number;
  /** Rate-limit points charged. */
  points: number;
}

export const MAX_PAGE = 100;
export const MAX_NODES = 500_000;

export class CostError extends GraphQLError {
  constructor(
    message: string,
    readonly type: string,
  ) {
    super(message);
  }
}

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  const total = { requests: 0, nodes: 0 };
  const root = schema.getQueryType();
  if (!root) throw new Error('schema without a query type');
  walk(schema, root, operation.selectionSet, 1, variables, fragments, total);
  if (total.nodes > MAX_NODES) {
    throw new CostError(
      `By the time this query traverses to the end it would be requesting up to ${total.nodes} nodes, ` +
        `exceeding the limit of ${MAX_NODES}.`,
      'MAX_NODE_LIMIT_EXCEEDED',
    );
  }
  return { ...total, points: Math.max(1, Math.round(total.requests / 100)) };
}

function walk(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  multiplicity: number,
  variables: Record<string, unknown>,
  fragments: Map<string, FragmentDefinitionNode>,
  total: { requests: number; nodes: number },
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
      walk(schema, type as GraphQLCompositeType, selection.selectionSet, multiplicity, variables, fragments, total);
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      if (!fragment) continue;
      const type = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType;
      walk(schema, type, fragment.selectionSet, multiplicity, variables, fragments, total);
    } else {
      walkField(schema, parent, selection, multiplicity, variables, fragments, total);
    }
  }
}

function walkField(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  field: FieldNode,
  multiplicity: number,
  variables: Record<string, unknown>,
  fragments: Map<string, FragmentDefinitionNode>,
  total: { requests: number; nodes: number },
): void {
  if (!field.selectionSet || !(isObjectType(parent) || isInterfaceType(parent))) return;
  const definition = parent.getFields()[field.name.value];
  if (!definition) return;
  const type = getNamedType(definition.type) as GraphQLCompositeType;
  let inner = multiplicity;
  if (type.name.endsWith('Connection')) {
    const args = getArgumentValues(definition, field, variables) as { first?: number; last?: number };
    const limit = args.first ?? args.last;
    if (limit === undefined || limit === null) {
      throw new CostError(
        `You must provide a \`first\` or \`last\` value to properly paginate the \`${field.name.value}\` connection.`,
        'MISSING_PAGINATION_BOUNDARIES',
      );
    }
    const which = args.first !== undefined ? 'first' : 'last';
    if (limit < 0 || limit > MAX_PAGE) {
      throw new CostError(
        `Requesting ${limit} records on the \`${field.name.value}\` connection exceeds the \`${which}\` limit of ${MAX_PAGE} records.`,
        'EXCESSIVE_PAGINATION',
      );
    }
    total.requests += multiplicity;
    total.nodes += multiplicity * limit;
    inner = multiplicity * limit;
  }
  walk(schema, type, field.selectionSet, inner, variables, fragments, total);
}
