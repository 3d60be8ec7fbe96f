// The string form of label selectors (`kubectl get -l`, labels.Parse upstream):
//   app=web, tier==front, env!=prod, tier in (a, b), env notin (x), release, !canary
// parsed into a metav1.LabelSelector so one matcher (src/kube/label-selector.ts) serves both forms,
// and formatted back as metav1.FormatLabelSelector does for kubectl's SELECTOR column.
import type { LabelSelector, LabelSelectorRequirement } from "../../kube/label-selector.js";

export type LabelSelectorParse = { ok: true; selector: LabelSelector } | { ok: false; message: string };

type Token =
  | { type: "word"; text: string }
  | { type: "op"; text: "=" | "==" | "!=" | "!" | "(" | ")" | "," | "<" | ">" };

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function parseLabelSelector(text: string): LabelSelectorParse {
  const fail = (why: string): LabelSelectorParse => ({ ok: false, message: `unable to parse label selector ${JSON.stringify(text)}: ${why}` });
  const tokens = tokenize(text);
  const expressions: LabelSelectorRequirement[] = [];
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isOp = (t: Token | undefined, op: string): boolean => t?.type === "op" && t.text === op;
  while (i < tokens.length) {
    let negated = false;
    if (isOp(peek(), "!")) {
      negated = true;
      i++;
    }
    const keyToken = tokens[i++];
    if (keyToken?.type !== "word") return fail("expected a label key");
    const key = keyToken.text;
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) return fail(keyProblem);
    const next = peek();
    if (negated || next === undefined || isOp(next, ",")) {
      expressions.push({ key, operator: negated ? "DoesNotExist" : "Exists" });
    } else if (next.type === "op" && (next.text === "=" || next.text === "==" || next.text === "!=")) {
      i++;
      let value = "";
      if (peek()?.type === "word") value = (tokens[i++] as { text: string }).text;
      const valueProblem = labelValueProblem(value);
      if (valueProblem) return fail(valueProblem);
      expressions.push({ key, operator: next.text === "!=" ? "NotIn" : "In", values: [value] });
    } else if (next.type === "word" && (next.text === "in" || next.text === "notin")) {
      i++;
      if (!isOp(tokens[i++], "(")) return fail(`expected "(" after "${next.text}"`);
      const values: string[] = [];
      for (;;) {
        const t = tokens[i++];
        if (t === undefined) return fail('expected ")"');
        if (isOp(t, ")")) break;
        if (isOp(t, ",")) continue;
        if (t.type !== "word") return fail(`unexpected "${t.text}" in a value list`);
        const valueProblem = labelValueProblem(t.text);
        if (valueProblem) return fail(valueProblem);
        values.push(t.text);
      }
      if (values.length === 0) return fail(`for "${next.text}", the set of values cannot be empty`);
      expressions.push({ key, operator: next.text === "in" ? "In" : "NotIn", values });
    } else if (next.type === "op" && (next.text === "<" || next.text === ">")) {
      return fail(`the operator "${next.text}" is only supported in node selector terms`);
    } else {
      return fail(`unexpected "${next.text}" after the key ${JSON.stringify(key)}`);
    }
    if (i < tokens.length) {
      if (!isOp(tokens[i], ",")) return fail(`expected "," before "${tokens[i].text}"`);
      i++;
      if (i === tokens.length) return fail("it ends with a comma");
    }
  }
  return { ok: true, selector: expressions.length === 0 ? {} : { matchExpressions: expressions } };
}

/** metav1.FormatLabelSelector: `app=web,tier in (a,b)`, `<none>` when empty. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const parts: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) parts.push({ key, text: `${key}=${value}` });
  for (const req of selector?.matchExpressions ?? []) {
    const values = [...(req.values ?? [])].sort().join(",");
    switch (req.operator) {
      case "In":
        parts.push({ key: req.key, text: `${req.key} in (${values})` });
        break;
      case "NotIn":
        parts.push({ key: req.key, text: `${req.key} notin (${values})` });
        break;
      case "Exists":
        parts.push({ key: req.key, text: req.key });
        break;
      case "DoesNotExist":
        parts.push({ key: req.key, text: `!${req.key}` });
        break;
      default:
        parts.push({ key: req.key, text: `${req.key} ${req.operator} (${values})` });
    }
  }
  if (parts.length === 0) return "<none>";
  return parts
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((p) => p.text)
    .join(",");
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (text.startsWith("==", i) || text.startsWith("!=", i)) {
      tokens.push({ type: "op", text: text.slice(i, i + 2) as "==" | "!=" });
      i += 2;
    } else if ("=!(),<>".includes(ch)) {
      tokens.push({ type: "op", text: ch as "=" | "!" | "(" | ")" | "," | "<" | ">" });
      i++;
    } else {
      let end = i;
      while (end < text.length && !/[\s=!(),<>]/.test(text[end])) end++;
      tokens.push({ type: "word", text: text.slice(i, end) });
      i = end;
    }
  }
  return tokens;
}

function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf("/");
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return `the key prefix ${JSON.stringify(prefix)} must be a DNS subdomain (lower case letters, digits, "-" and ".")`;
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return `the key ${JSON.stringify(key)} is not a valid label key (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit, after an optional "prefix/")`;
  }
  return undefined;
}

function labelValueProblem(value: string): string | undefined {
  if (value === "" || (value.length <= 63 && NAME.test(value))) return undefined;
  return `the value ${JSON.stringify(value)} is not a valid label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)`;
}
