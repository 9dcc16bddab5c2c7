// POST /graphql: parse, validate against GitHub's published schema, charge GitHub's points, execute for
// real with graphql-js, and answer in GitHub's shape (errors with `type`, 200 even on errors).
import {
  execute,
  type GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import { githubSchema } from './graphql-schema.js';
import { CostError, queryCost, type QueryCost } from './graphql-cost.js';
import { RootQuery, type GraphQLContext } from './graphql-resolvers.js';
import type { FakeOrganisation } from './organisation.js';
import type { RateLimits } from './rate-limits.js';

export interface GraphQLBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface GraphQLOutcome {
  status: number;
  body: unknown;
  /** Points charged (0 when the query was refused before running). */
  points: number;
  rateLimited: boolean;
}

interface GitHubError {
  type?: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  extensions?: Record<string, string>;
  message: string;
}

/**
 * A validation error in GitHub's words: GitHub answers an unknown field or argument with its own
 * message and an `extensions.code`; other rules keep graphql-js's message.
 */
function toGitHubValidationError(error: GraphQLError): GitHubError {
  const locations = error.locations ? { locations: error.locations } : {};
  const field = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(error.message);
  if (field) {
    const [, fieldName, typeName] = field;
    return {
      ...locations,
      extensions: { code: 'undefinedField', typeName, fieldName },
      message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
    };
  }
  const argument = /^Unknown argument "(\w+)" on field "\w+\.(\w+)"/.exec(error.message);
  if (argument) {
    const [, argumentName, name] = argument;
    return {
      ...locations,
      extensions: { code: 'argumentNotAccepted', name, typeName: 'Field', argumentName },
      message: `Field '${name}' doesn't accept argument '${argumentName}'`,
    };
  }
  return toGitHubError(error);
}

function toGitHubError(error: GraphQLError): GitHubError {
  const original = error.originalError as (Error & { type?: string }) | undefined;
  const type = (error as GraphQLError & { type?: string }).type ?? original?.type;
  return {
    ...(type ? { type } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
    message: error.message,
  };
}

function pickOperation(document: DocumentNode, name?: string): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return name ? operations.find((o) => o.name?.value === name) : operations.length === 1 ? operations[0] : undefined;
}

export async function answerGraphQL(
  body: GraphQLBody,
  context: { org: FakeOrganisation; htmlBase: string; rateLimits: RateLimits; login: string; cutShort?: boolean },
): Promise<GraphQLOutcome> {
  const refuse = (message: string, status = 200): GraphQLOutcome => ({
    status,
    body: { errors: [{ message }] },
    points: 0,
    rateLimited: false,
  });
  if (typeof body.query !== 'string') return refuse('A query attribute must be specified and must be a string.', 400);
  const variables = (body.variables && typeof body.variables === 'object' ? body.variables : {}) as Record<
    string,
    unknown
  >;
  const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;

  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    return { status: 200, body: { errors: [toGitHubError(error as GraphQLError)] }, points: 0, rateLimited: false };
  }
  const schema = await githubSchema();
  const invalid = validate(schema, document);
  if (invalid.length) {
    return { status: 200, body: { errors: invalid.map(toGitHubValidationError) }, points: 0, rateLimited: false };
  }
  const operation = pickOperation(document, operationName);
  if (!operation) return refuse('Unknown or ambiguous operation name.');
  if (operation.operation !== 'query')
    return refuse(`The fake GitHub answers queries only, not ${operation.operation}s.`);

  let cost: QueryCost;
  try {
    cost = queryCost(schema, document, operation, variables);
  } catch (error) {
    if (error instanceof CostError) {
      return {
        status: 200,
        body: { errors: [{ type: error.type, message: error.message }] },
        points: 0,
        rateLimited: false,
      };
    }
    return { status: 200, body: { errors: [toGitHubError(error as GraphQLError)] }, points: 0, rateLimited: false };
  }

  if (!context.rateLimits.charge('graphql', cost.points)) {
    return {
      status: 200,
      body: {
        errors: [{ type: 'RATE_LIMITED', message: `API rate limit already exceeded for user ID ${context.login}.` }],
      },
      points: 0,
      rateLimited: true,
    };
  }

  const budget = context.rateLimits.snapshot('graphql');
  const graphqlContext: GraphQLContext = {
    org: context.org,
    htmlBase: context.htmlBase,
    rateLimit: {
      cost: cost.points,
      limit: budget.limit,
      remaining: budget.remaining,
      used: budget.used,
      resetAt: new Date(budget.reset * 1000).toISOString(),
      nodeCount: cost.nodes,
    },
  };
  const result = await execute({
    schema,
    document,
    operationName,
    variableValues: variables,
    rootValue: new RootQuery(graphqlContext),
    contextValue: graphqlContext,
  });
  if (context.cutShort && result.data) endEveryConnection(result.data);
  const out: { data?: unknown; errors?: GitHubError[] } = { data: result.data ?? null };
  if (result.errors?.length) out.errors = result.errors.map(toGitHubError);
  return { status: 200, body: out, points: cost.points, rateLimited: false };
}

/** A listing cut short (a failure a test injects): each connection claims it has no next page. */
function endEveryConnection(value: unknown): void {
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'pageInfo' && child && typeof child === 'object' && 'hasNextPage' in child)
      (child as { hasNextPage: boolean }).hasNextPage = false;
    else endEveryConnection(child);
  }
}
