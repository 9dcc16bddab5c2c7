// The subset of GitHub's GraphQL schema that Callboard uses, in GitHub's own names and shapes.
import { buildSchema, type GraphQLSchema } from 'graphql';

export const GITHUB_SDL = /* GraphQL */ `
  scalar DateTime
  scalar URI
  scalar GitObjectID

  type Query {
    organization(login: String!): Organization
    repository(owner: String!, name: String!, followRenames: Boolean = true): Repository
    user(login: String!): User
    rateLimit(dryRun: Boolean = false): RateLimit
  }

  interface Node { id: ID! }

  type RateLimit {
    cost: Int!
    limit: Int!
    nodeCount: Int!
    remaining: Int!
    resetAt: DateTime!
    used: Int!
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
  }

  enum OrderDirection { ASC DESC }
  enum RepositoryOrderField { CREATED_AT UPDATED_AT PUSHED_AT NAME STARGAZERS }
  input RepositoryOrder { field: RepositoryOrderField! direction: OrderDirection! }
  enum RepositoryPrivacy { PRIVATE PUBLIC }
  enum RepositoryVisibility { PRIVATE PUBLIC INTERNAL }
  enum TeamMembershipType { IMMEDIATE CHILD_TEAM ALL }
  enum TeamPrivacy { SECRET VISIBLE }
  enum TreeEntryType { blob tree commit }

  interface RepositoryOwner { id: ID! login: String! url: URI! }

  type Organization implements Node & RepositoryOwner {
    id: ID!
    databaseId: Int
    login: String!
    name: String
    url: URI!
    repositories(first: Int, after: String, last: Int, before: String, privacy: RepositoryPrivacy,
      isFork: Boolean, isArchived: Boolean, orderBy: RepositoryOrder): RepositoryConnection!
    repository(name: String!, followRenames: Boolean = true): Repository
    teams(first: Int, after: String, last: Int, before: String, rootTeamsOnly: Boolean = false): TeamConnection!
    team(slug: String!): Team
    membersWithRole(first: Int, after: String, last: Int, before: String): OrganizationMemberConnection!
  }

  type RepositoryConnection {
    edges: [RepositoryEdge]
    nodes: [Repository]
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type RepositoryEdge { cursor: String! node: Repository }

  type Repository implements Node {
    id: ID!
    databaseId: Int
    name: String!
    nameWithOwner: String!
    owner: RepositoryOwner!
    description: String
    url: URI!
    isArchived: Boolean!
    isFork: Boolean!
    isPrivate: Boolean!
    visibility: RepositoryVisibility!
    createdAt: DateTime!
    pushedAt: DateTime
    updatedAt: DateTime!
    defaultBranchRef: Ref
    ref(qualifiedName: String!): Ref
    repositoryTopics(first: Int, after: String, last: Int, before: String): RepositoryTopicConnection!
    object(expression: String, oid: GitObjectID): GitObject
  }

  type RepositoryTopicConnection {
    edges: [RepositoryTopicEdge]
    nodes: [RepositoryTopic]
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type RepositoryTopicEdge { cursor: String! node: RepositoryTopic }
  type RepositoryTopic implements Node { id: ID! topic: Topic! url: URI! }
  type Topic implements Node { id: ID! name: String! }

  type Ref implements Node {
    id: ID!
    name: String!
    prefix: String!
    target: GitObject
  }

  interface GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
    repository: Repository!
  }

  type Commit implements Node & GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
    repository: Repository!
    committedDate: DateTime!
    pushedDate: DateTime
    tree: Tree!
  }

  type Tree implements Node & GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
    repository: Repository!
    entries: [TreeEntry!]
  }

  type TreeEntry {
    name: String!
    path: String
    type: String!
    mode: Int!
    oid: GitObjectID!
    size: Int!
    extension: String
    object: GitObject
  }

  type Blob implements Node & GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
    repository: Repository!
    byteSize: Int!
    isBinary: Boolean
    isTruncated: Boolean!
    text: String
  }

  type TeamConnection {
    edges: [TeamEdge]
    nodes: [Team]
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type TeamEdge { cursor: String! node: Team }

  type Team implements Node {
    id: ID!
    databaseId: Int
    slug: String!
    combinedSlug: String!
    name: String!
    description: String
    privacy: TeamPrivacy!
    url: URI!
    avatarUrl: URI
    parentTeam: Team
    childTeams(first: Int, after: String, last: Int, before: String, immediateOnly: Boolean = true): TeamConnection!
    members(first: Int, after: String, last: Int, before: String, membership: TeamMembershipType = ALL): TeamMemberConnection!
  }

  type TeamMemberConnection {
    edges: [TeamMemberEdge]
    nodes: [User]
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type TeamMemberEdge { cursor: String! node: User! role: String! }

  type OrganizationMemberConnection {
    edges: [OrganizationMemberEdge]
    nodes: [User]
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type OrganizationMemberEdge { cursor: String! node: User role: String }

  type User implements Node & RepositoryOwner {
    id: ID!
    databaseId: Int
    login: String!
    name: String
    "The user's publicly visible profile email: empty when it is private."
    email: String!
    avatarUrl(size: Int): URI!
    url: URI!
  }
`;

let built: GraphQLSchema | undefined;

export function githubSchema(): GraphQLSchema {
  built ??= buildSchema(GITHUB_SDL);
  return built;
}
