// Name syntaxes the API server enforces (k8s.io/apimachinery/pkg/util/validation). Each check returns
// undefined when the value is valid, or the reason it is not, worded like the server's messages.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const IANA_SVC_NAME = /^[-a-z0-9]+$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export type NameCheck = (value: string) => string | undefined;

const MEMO_LIMIT = 50_000;

/**
 * A check that remembers its verdicts. Label keys, namespaces, container, port and env names recur
 * across thousands of objects; object names do not, so those are checked directly.
 */
export function memoized(check: NameCheck): NameCheck {
  const verdicts = new Map<string, string | undefined>();
  return (value) => {
    if (verdicts.has(value)) return verdicts.get(value);
    const verdict = check(value);
    if (verdicts.size < MEMO_LIMIT) verdicts.set(value, verdict);
    return verdict;
  };
}

export const dns1123Label: NameCheck = (value) => {
  if (value.length > 63) return `must be no more than 63 characters (it has ${value.length})`;
  if (!DNS1123_LABEL.test(value)) {
    return "must be a lowercase RFC 1123 label: lower case alphanumeric characters or '-', starting and ending with an alphanumeric character (e.g. 'my-name' or '123-abc')";
  }
  return undefined;
};

export const dns1123Subdomain: NameCheck = (value) => {
  if (value.length > 253) return `must be no more than 253 characters (it has ${value.length})`;
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return "must be a lowercase RFC 1123 subdomain: lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character (e.g. 'example.com')";
  }
  return undefined;
};

export const dns1035Label: NameCheck = (value) => {
  if (value.length > 63) return `must be no more than 63 characters (it has ${value.length})`;
  if (!DNS1035_LABEL.test(value)) {
    return "must be an RFC 1035 label: lower case alphanumeric characters or '-', starting with a letter and ending with an alphanumeric character (e.g. 'my-name' or 'abc-123')";
  }
  return undefined;
};

/** RBAC objects only forbid what would break a URL path. */
export const pathSegmentName: NameCheck = (value) => {
  if (value === "." || value === "..") return `may not be '${value}'`;
  if (value.includes("/")) return "may not contain '/'";
  if (value.includes("%")) return "may not contain '%'";
  return undefined;
};

/** Label and annotation keys: an optional DNS subdomain prefix and a name of up to 63 characters. */
export const qualifiedName: NameCheck = (value) => {
  const parts = value.split("/");
  if (parts.length > 2) return "must be a name with an optional DNS subdomain prefix and '/' (e.g. 'example.com/my-name')";
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix === "") return "prefix part must be non-empty";
    const problem = dns1123Subdomain(prefix);
    if (problem) return `prefix part ${problem}`;
  }
  if (name === "") return "name part must be non-empty";
  if (name.length > 63) return `name part must be no more than 63 characters (it has ${name.length})`;
  if (!QUALIFIED_NAME_PART.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', 'my.name' or '123-abc')";
  }
  return undefined;
};

export const labelValue: NameCheck = (value) => {
  if (value.length > 63) return `must be no more than 63 characters (it has ${value.length})`;
  if (value !== "" && !QUALIFIED_NAME_PART.test(value)) {
    return "must be empty or consist of alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character (e.g. 'MyValue' or 'my_value')";
  }
  return undefined;
};

/** Port names: IANA service names. */
export const ianaServiceName: NameCheck = (value) => {
  if (value.length > 15) return `must be no more than 15 characters (it has ${value.length})`;
  if (!IANA_SVC_NAME.test(value)) return "must contain only lower case alphanumeric characters and '-'";
  if (value.includes("--")) return "must not contain consecutive hyphens";
  if (!/[a-z]/.test(value)) return "must contain at least one letter";
  if (value.startsWith("-") || value.endsWith("-")) return "must not begin or end with a hyphen";
  return undefined;
};

/** Environment variable names as validated in Kubernetes 1.30. */
export const envVarName: NameCheck = (value) => {
  if (!ENV_VAR_NAME.test(value)) {
    return "must consist of alphabetic characters, digits, '_', '-' or '.', and must not start with a digit";
  }
  return undefined;
};
