// One difference between the desired and the live state of an object, as plans show it: the JSON
// pointer (RFC 6901) of the field in the desired object's shape, its live value (absent when the
// field is added) and its desired value (absent when it is removed). Secret values never travel in
// a FieldChange: `masked` marks a change whose values were replaced by mask strings.
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
  masked?: true;
}
