// The string formats Backstage enforces on entity fields (its KubernetesValidatorFunctions,
// CommonValidatorFunctions and makeValidator defaults), as plain predicates.

const OBJECT_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_LABEL = /^[a-z0-9]+(?:-+[a-z0-9]+)*$/;
const KIND = /^[a-zA-Z][a-z0-9A-Z]*$/;
const API_VERSION_SUFFIX = /^[a-z0-9A-Z]+$/;
// Backstage's catalog accepts ':' in tags on top of the older [a-z0-9+#] alphabet.
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

const MAX_NAME = 63;
const MAX_DNS_SUBDOMAIN = 253;

function withinLength(value: string, max: number): boolean {
  return value.length >= 1 && value.length <= max;
}

/** A name such as metadata.name or a label key's name part: 1-63 chars, alphanumeric at both ends. */
export function isValidObjectName(value: unknown): value is string {
  return typeof value === 'string' && withinLength(value, MAX_NAME) && OBJECT_NAME.test(value);
}

/** An RFC 1123 DNS label: lower-case letters and digits separated by dashes, at most 63 chars. */
function isValidDnsLabel(value: unknown): value is string {
  return typeof value === 'string' && withinLength(value, MAX_NAME) && DNS_LABEL.test(value);
}

/** An RFC 1123 DNS subdomain: dot-separated DNS labels, at most 253 chars. */
function isValidDnsSubdomain(value: unknown): value is string {
  return typeof value === 'string' && withinLength(value, MAX_DNS_SUBDOMAIN) && value.split('.').every(isValidDnsLabel);
}

export const isValidNamespace = isValidDnsLabel;

export function isValidKind(value: unknown): value is string {
  return typeof value === 'string' && withinLength(value, MAX_NAME) && KIND.test(value);
}

/**
 * `<suffix>` or `<prefix>/<suffix>`, each part checked on its own; more than one slash is invalid.
 */
function isValidPrefixAndOrSuffix(
  value: unknown,
  isValidPrefix: (prefix: string) => boolean,
  isValidSuffix: (suffix: string) => boolean,
): boolean {
  if (typeof value !== 'string') return false;
  const parts = value.split('/');
  if (parts.length === 1) return isValidSuffix(parts[0]);
  if (parts.length === 2) return isValidPrefix(parts[0]) && isValidSuffix(parts[1]);
  return false;
}

/** e.g. `backstage.io/v1alpha1`: an optional DNS-subdomain group, then an alphanumeric version. */
export function isValidApiVersion(value: unknown): value is string {
  return isValidPrefixAndOrSuffix(
    value,
    isValidDnsSubdomain,
    (suffix) => withinLength(suffix, MAX_NAME) && API_VERSION_SUFFIX.test(suffix),
  );
}

/** Label and annotation keys: `[dns-subdomain/]name`, e.g. `backstage.io/techdocs-ref`. */
export function isValidMetadataKey(value: unknown): value is string {
  return isValidPrefixAndOrSuffix(value, isValidDnsSubdomain, isValidObjectName);
}

/** Label values are names, or empty. */
export function isValidLabelValue(value: unknown): value is string {
  return value === '' || isValidObjectName(value);
}

export function isValidTag(value: unknown): value is string {
  return typeof value === 'string' && withinLength(value, MAX_NAME) && TAG.test(value);
}

/** Anything the WHATWG URL parser accepts as an absolute URL. */
export function isValidUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** A string with something other than whitespace in it. */
export function isNonBlankString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length >= 1;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
