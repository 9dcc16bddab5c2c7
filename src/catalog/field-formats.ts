// The formats Backstage requires of names, namespaces, labels, annotations, tags and links
// (its FieldFormatEntityPolicy). Only fields that already have the right type are looked at;
// a wrong type is the shape check's problem to report.
import { childPath } from './field-path.js';
import {
  isNonBlankString,
  isPlainObject,
  isValidApiVersion,
  isValidKind,
  isValidLabelValue,
  isValidMetadataKey,
  isValidNamespace,
  isValidObjectName,
  isValidTag,
  isValidUrl,
} from './formats.js';
import type { EntityProblem } from './problem.js';

const NAME_RULE = "use 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
const NAMESPACE_RULE = "use 1-63 lower-case letters, digits and '-', starting and ending with a letter or digit";
const KEY_RULE = `expected [prefix/]name, where the prefix is a lower-case DNS name such as example.com and the name is 1-63 letters, digits, '-', '_' or '.'`;
const LABEL_VALUE_RULE =
  "a label value is empty, or 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
const TAG_RULE = "use 1-63 lower-case letters, digits, ':', '+' or '#', in words joined by single '-'";

function quote(value: unknown): string {
  return JSON.stringify(value);
}

function checkKeyedStrings(
  values: unknown,
  field: 'labels' | 'annotations',
  isValidValue: (value: unknown) => boolean,
  valueRule: string,
  problems: EntityProblem[],
): void {
  if (!isPlainObject(values)) return;
  for (const [key, value] of Object.entries(values)) {
    const path = childPath(`metadata.${field}`, key);
    if (!isValidMetadataKey(key)) {
      problems.push({ field: path, message: `metadata.${field} key ${quote(key)} is not valid: ${KEY_RULE}` });
    }
    if (typeof value === 'string' && !isValidValue(value)) {
      problems.push({ field: path, message: `${path} value ${quote(value)} is not valid: ${valueRule}` });
    }
  }
}

function checkLinks(links: unknown, problems: EntityProblem[]): void {
  if (!Array.isArray(links)) return;
  links.forEach((link, index) => {
    if (!isPlainObject(link)) return;
    const path = childPath('metadata.links', index);
    if (typeof link.url === 'string' && !isValidUrl(link.url)) {
      problems.push({ field: `${path}.url`, message: `${path}.url ${quote(link.url)} is not a valid absolute URL` });
    }
    for (const key of ['title', 'icon'] as const) {
      // An empty string is the shape check's to report; here only whitespace-only text.
      if (typeof link[key] === 'string' && link[key] !== '' && !isNonBlankString(link[key])) {
        problems.push({ field: `${path}.${key}`, message: `${path}.${key} must not be blank` });
      }
    }
  });
}

export function checkFieldFormats(data: Record<string, unknown>): EntityProblem[] {
  const problems: EntityProblem[] = [];
  if (typeof data.apiVersion === 'string' && !isValidApiVersion(data.apiVersion)) {
    problems.push({
      field: 'apiVersion',
      message: `apiVersion ${quote(data.apiVersion)} is not valid: expected [group/]version, e.g. backstage.io/v1alpha1`,
    });
  }
  if (typeof data.kind === 'string' && !isValidKind(data.kind)) {
    problems.push({
      field: 'kind',
      message: `kind ${quote(data.kind)} is not valid: use 1-63 letters and digits, starting with a letter`,
    });
  }
  if (!isPlainObject(data.metadata)) return problems;
  const { name, namespace, labels, annotations, tags, links } = data.metadata;
  if (typeof name === 'string' && !isValidObjectName(name)) {
    problems.push({ field: 'metadata.name', message: `metadata.name ${quote(name)} is not valid: ${NAME_RULE}` });
  }
  if (typeof namespace === 'string' && !isValidNamespace(namespace)) {
    problems.push({
      field: 'metadata.namespace',
      message: `metadata.namespace ${quote(namespace)} is not valid: ${NAMESPACE_RULE}`,
    });
  }
  checkKeyedStrings(labels, 'labels', isValidLabelValue, LABEL_VALUE_RULE, problems);
  // Any string is a valid annotation value; the shape check already refused non-strings.
  checkKeyedStrings(annotations, 'annotations', () => true, '', problems);
  if (Array.isArray(tags)) {
    tags.forEach((tag, index) => {
      if (typeof tag === 'string' && tag !== '' && !isValidTag(tag)) {
        const path = childPath('metadata.tags', index);
        problems.push({ field: path, message: `${path} ${quote(tag)} is not a valid tag: ${TAG_RULE}` });
      }
    });
  }
  checkLinks(links, problems);
  return problems;
}
