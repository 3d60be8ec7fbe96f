// String formats, checked the way the API server checks them. Built-in schemas use `quantity` and
// `date-time`; CRD schemas may use any format the apiextensions server knows (listed in
// JSONSchemaProps.format). Where Go's parsers accept more than a strict reading of an RFC, these accept
// it too: a false error costs the user more than a missed one.
import { fullFormats } from "ajv-formats/dist/formats.js";
import type { Format } from "ajv";
import { isQuantity } from "../kube/quantity.js";

// Go's time.ParseDuration, ISO 8601 durations, and the "22 ns" form strfmt also accepts.
const GO_DURATION = /^[-+]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const ISO_DURATION = /^P(?!$)(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?W)?(?:\d+(?:[.,]\d+)?D)?(?:T(?=\d)(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?$/;
const SPELLED_DURATION = /^[0-9]+\s*[a-zA-Z]+$/;

function isDuration(text: string): boolean {
  return text === "0" || GO_DURATION.test(text) || ISO_DURATION.test(text) || SPELLED_DURATION.test(text);
}

function isCidr(text: string): boolean {
  const slash = text.lastIndexOf("/");
  if (slash < 0) return false;
  const address = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  const isV4 = (fullFormats.ipv4 as RegExp).test(address);
  const isV6 = (fullFormats.ipv6 as RegExp).test(address);
  return (isV4 && Number(bits) <= 32) || (isV6 && Number(bits) <= 128);
}

// net/url.ParseRequestURI: an absolute URI, or an absolute path.
function isRequestUri(text: string): boolean {
  if (text.startsWith("/")) return !/\s/.test(text);
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\S*$/.test(text);
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export const KUBERNETES_FORMATS: Record<string, Format> = {
  quantity: isQuantity,
  "date-time": fullFormats["date-time"],
  datetime: fullFormats["date-time"],
  date: fullFormats.date,
  duration: isDuration,
  byte: fullFormats.byte,
  hostname: fullFormats.hostname,
  ipv4: fullFormats.ipv4,
  ipv6: fullFormats.ipv6,
  cidr: isCidr,
  uri: isRequestUri,
  email: (text: string) => /^[^@\s]+@[^@\s]+$/.test(text) || /<[^@\s<>]+@[^@\s<>]+>\s*$/.test(text),
  mac: /^(?:[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5,19}|[0-9a-f]{4}(?:\.[0-9a-f]{4}){2,9})$/i,
  uuid: UUID,
  uuid3: /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
  uuid4: /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i,
  uuid5: /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i,
  bsonobjectid: /^[0-9a-f]{24}$/i,
  hexcolor: /^#?(?:[0-9a-f]{3}|[0-9a-f]{6})$/i,
  password: () => true,
  int32: { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
  int64: { type: "number", validate: (n: number) => Number.isInteger(n) },
  float: { type: "number", validate: () => true },
  double: { type: "number", validate: () => true },
};
