// GitHub's GraphQL schema, as GitHub publishes it (@octokit/graphql-schema, the introspection of
// api.github.com): a query GitHub would refuse fails validation in the fake, and so the test.
// The resolvers (graphql-resolvers.ts) answer the part Callboard reads; a field they lack
// resolves to null, which graphql-js reports as an error wherever the schema says non-null.
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

let built: Promise<GraphQLSchema> | undefined;

/** Built once per process, on first use: reading and building it takes a few hundred ms. */
export function githubSchema(): Promise<GraphQLSchema> {
  // The package's SDL file defines some fields twice (graphql-js refuses it); its introspection
  // JSON is the schema GitHub serves and builds cleanly.
  built ??= import('@octokit/graphql-schema').then(({ schema }) =>
    buildClientSchema(schema.json as IntrospectionQuery),
  );
  return built;
}
