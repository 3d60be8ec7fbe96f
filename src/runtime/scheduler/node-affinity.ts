// Node selection terms (core/v1 NodeSelector): nodeSelector labels, required node affinity
// (terms ORed; within a term every expression and field requirement ANDed; an empty term matches
// nothing) and preferred terms, which add their weight to a node's score.

export interface NodeSelectorRequirement {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt";
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export interface PreferredTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

function integer(text: string | undefined): number | undefined {
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return undefined;
  return Number(text);
}

function matchesRequirement(requirement: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case "In":
      return value !== undefined && values.includes(value);
    case "NotIn":
      return value === undefined || !values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    case "Gt":
    case "Lt": {
      const have = integer(value);
      const bound = integer(values[0]);
      if (have === undefined || bound === undefined || values.length !== 1) return false;
      return requirement.operator === "Gt" ? have > bound : have < bound;
    }
    default:
      return false;
  }
}

export function matchesTerm(term: NodeSelectorTerm, nodeName: string, labels: Readonly<Record<string, string>>): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  for (const requirement of expressions) {
    const value = Object.prototype.hasOwnProperty.call(labels, requirement.key) ? labels[requirement.key] : undefined;
    if (!matchesRequirement(requirement, value)) return false;
  }
  for (const requirement of fields) {
    // metadata.name is the only node field a selector may name.
    if (requirement.key !== "metadata.name") return false;
    if (requirement.operator !== "In" && requirement.operator !== "NotIn") return false;
    if (!matchesRequirement(requirement, nodeName)) return false;
  }
  return true;
}

export function matchesAnyTerm(terms: readonly NodeSelectorTerm[], nodeName: string, labels: Readonly<Record<string, string>>): boolean {
  for (const term of terms) if (matchesTerm(term, nodeName, labels)) return true;
  return false;
}
