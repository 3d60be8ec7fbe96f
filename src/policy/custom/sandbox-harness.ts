// The code that runs inside a policy's vm context, before the policy's own. It keeps everything the
// policy touches inside the context: inputs arrive as JSON strings and are parsed here, `require` and
// `ctx` are functions of the context, and results leave as JSON strings. The host only ever runs
// `__drydock.<entry>(numbers)` and reads back strings or numbers, so no host object (and no path back
// to the host's Function constructor) is ever within the policy's reach.
//
// It is plain JavaScript in a string on purpose: transpilers and coverage tools rewrite functions
// (helpers, counters) with references that do not exist inside the context.

/** Global the harness installs (non-writable) in the context. */
export const HARNESS_GLOBAL = "__drydock";

/** Inputs set as primitive strings on the context object before any policy code runs; the harness deletes them. */
export const INPUT_GLOBALS = {
  all: "__drydockAll",
  extra: "__drydockExtra",
  refs: "__drydockRefs",
  options: "__drydockOptions",
} as const;

/** The file name stack traces give the policy module: the host maps those positions back to the .ts file. */
export const MODULE_FILENAME = "drydock-policy-module.js";

export const HARNESS_SOURCE = String.raw`"use strict";
(function () {
  const global = globalThis;
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const freeze = Object.freeze;
  const isFrozen = Object.isFrozen;
  const keys = Object.keys;
  const defineProperty = Object.defineProperty;
  const apply = Reflect.apply;
  const objectToString = Object.prototype.toString;
  const promiseThen = Promise.prototype.then;
  const ErrorClass = Error;
  const StringOf = String;
  const isArray = Array.isArray;
  const denied = new WeakSet();
  const weakSetAdd = WeakSet.prototype.add;
  const weakSetHas = WeakSet.prototype.has;
  const stackLine = /${MODULE_FILENAME.replaceAll(".", "\\.")}:(\d+):(\d+)/;
  const regExpExec = RegExp.prototype.exec;

  // Node creates its timeout error in this context and sets its "code" with an ordinary assignment,
  // after the time limit has fired: a setter a policy put on Error.prototype would run in the host with
  // no limit. A fixed data property leaves assignments nothing to intercept.
  defineProperty(Error.prototype, "code", { value: undefined, writable: true, enumerable: false, configurable: false });
  // Callbacks these could schedule or block in would run outside any time limit.
  delete global.FinalizationRegistry;
  delete global.Atomics;
  delete global.SharedArrayBuffer;

  const api = freeze({ definePolicy: freeze(function definePolicy(policy) { return policy; }) });
  const typesOnly = freeze({});

  let badImport = null;
  let moduleObject = null;
  let loadError = null;
  let definition = null;
  let validate = null;
  let all = [];
  let targets = [];
  let options = freeze({});
  let next = 0;
  let current = 0;
  let calls = 0;
  let asyncAt = -1;
  const reports = [];
  const errors = [];

  // Recursion is the fast way; a subtree nested deeper than any manifest goes through an explicit stack.
  function deepFreeze(value, depth) {
    if (typeof value !== "object" || value === null) return value;
    freeze(value);
    if (depth > 64) return freezeDeepSubtree(value);
    for (const key in value) {
      const child = value[key];
      if (typeof child === "object" && child !== null) deepFreeze(child, depth + 1);
    }
    return value;
  }

  function freezeDeepSubtree(root) {
    const stack = [root];
    while (stack.length > 0) {
      const value = stack.pop();
      freeze(value);
      const names = keys(value);
      for (let i = 0; i < names.length; i++) {
        const child = value[names[i]];
        if (typeof child === "object" && child !== null && !isFrozen(child)) stack.push(child);
      }
    }
    return root;
  }

  function describe(error) {
    try {
      if (typeof error === "object" && error !== null && error instanceof ErrorClass) {
        const name = StringOf(error.name);
        const message = StringOf(error.message);
        return name === "Error" ? message : name + ": " + message;
      }
      return StringOf(error);
    } catch (_) {
      return "a value that cannot be printed";
    }
  }

  // Where in the compiled module the error was thrown, as [line, column] of the script, or null.
  function locate(error) {
    try {
      const stack = typeof error === "object" && error !== null ? error.stack : undefined;
      if (typeof stack !== "string") return null;
      const match = apply(regExpExec, stackLine, [stack]);
      return match ? [+match[1], +match[2]] : null;
    } catch (_) {
      return null;
    }
  }

  function isDenied(error) {
    try {
      return typeof error === "object" && error !== null && apply(weakSetHas, denied, [error]);
    } catch (_) {
      return false;
    }
  }

  function requireShim(name) {
    if (name === "drydock/policy") return api;
    if (typeof name === "string" && (name === "kubernetes-types" || name.slice(0, 17) === "kubernetes-types/")) return typesOnly;
    const shown = typeof name === "string" ? name : describe(name);
    if (badImport === null) badImport = shown;
    const error = new ErrorClass("policies cannot import " + shown + "; they run isolated");
    apply(weakSetAdd, denied, [error]);
    throw error;
  }

  function functionKind(fn) {
    const tag = apply(objectToString, fn, []);
    if (tag === "[object AsyncFunction]" || tag === "[object AsyncGeneratorFunction]") return "async";
    if (tag === "[object GeneratorFunction]") return "generator";
    return "function";
  }

  function typeName(value) {
    return value === null ? "null" : isArray(value) ? "array" : typeof value;
  }

  function text(value) {
    return typeof value === "string" ? value : { type: typeName(value) };
  }

  function load(factory) {
    const exportsObject = {};
    moduleObject = { exports: exportsObject };
    try {
      apply(factory, undefined, [exportsObject, requireShim, moduleObject]);
    } catch (error) {
      if (!isDenied(error)) loadError = [describe(error), locate(error)];
    }
  }

  function loadStatus() {
    if (badImport !== null) return stringify({ status: "bad-import", module: badImport });
    if (loadError !== null) return stringify({ status: "threw", message: loadError[0], at: loadError[1] });
    try {
      const exported = moduleObject === null ? undefined : moduleObject.exports;
      const candidate = typeof exported === "object" && exported !== null ? exported.default : undefined;
      if (candidate === undefined) return stringify({ status: "no-default" });
      if (typeof candidate !== "object" || candidate === null) return stringify({ status: "not-object", type: typeName(candidate) });
      definition = candidate;
      const fn = candidate.validate;
      validate = typeof fn === "function" ? fn : null;
      let match;
      try {
        match = candidate.match === undefined ? null : parse(stringify(candidate.match));
      } catch (error) {
        return stringify({ status: "bad-match", message: describe(error) });
      }
      return stringify({
        status: "ok",
        id: text(candidate.id),
        description: text(candidate.description),
        severity: text(candidate.severity),
        match: match === undefined ? null : match,
        hasMatch: candidate.match !== undefined,
        validate: typeof fn === "function" ? functionKind(fn) : typeName(fn),
      });
    } catch (error) {
      return stringify({ status: "threw", message: describe(error), at: locate(error) });
    }
  }

  function begin() {
    all = deepFreeze(parse(global.${INPUT_GLOBALS.all}), 0);
    const extra = deepFreeze(parse(global.${INPUT_GLOBALS.extra}), 0);
    const refs = parse(global.${INPUT_GLOBALS.refs});
    options = deepFreeze(parse(global.${INPUT_GLOBALS.options}), 0);
    targets = [];
    for (let i = 0; i < refs.length; i++) targets.push(refs[i] >= 0 ? all[refs[i]] : extra[-1 - refs[i]]);
    delete global.${INPUT_GLOBALS.all};
    delete global.${INPUT_GLOBALS.extra};
    delete global.${INPUT_GLOBALS.refs};
    delete global.${INPUT_GLOBALS.options};
    return targets.length;
  }

  function reporter(call, own) {
    return function report(message, reportOptions) {
      if (current !== call) throw new ErrorClass("ctx.report was called after validate returned");
      let path = "";
      if (reportOptions !== undefined && reportOptions !== null) {
        const given = reportOptions.path;
        if (given !== undefined) {
          if (typeof given !== "string" || (given !== "" && given[0] !== "/")) {
            throw new TypeError("ctx.report: path must be a JSON pointer such as \"/spec/replicas\", got " + describe(given));
          }
          path = given;
        }
      }
      own.push([typeof message === "string" ? message : describe(message), path]);
    };
  }

  function isThenable(value) {
    try {
      return (typeof value === "object" || typeof value === "function") && value !== null && typeof value.then === "function";
    } catch (_) {
      return true;
    }
  }

  function runOne(i) {
    const call = ++calls;
    const own = [];
    const ctx = freeze({ report: reporter(call, own), resources: all, options: options });
    current = call;
    let result;
    try {
      result = apply(validate, definition, [targets[i], ctx]);
    } catch (error) {
      current = 0;
      if (!isDenied(error)) errors.push([i, describe(error), locate(error)]);
      for (let k = 0; k < own.length; k++) reports.push([i, own[k][0], own[k][1]]);
      return true;
    }
    current = 0;
    if (isThenable(result)) {
      // Its rejection would otherwise surface as the host process's unhandled rejection.
      try { apply(promiseThen, result, [undefined, function () {}]); } catch (_) {}
      asyncAt = i;
      return false;
    }
    for (let k = 0; k < own.length; k++) reports.push([i, own[k][0], own[k][1]]);
    return true;
  }

  function runBatch(start, end) {
    for (let i = start; i < end; i++) {
      if (!runOne(i)) break;
      next = i + 1;
    }
    return next;
  }

  function drain() {
    return stringify({ reports: reports, errors: errors, badImport: badImport, asyncAt: asyncAt, next: next });
  }

  defineProperty(global, "${HARNESS_GLOBAL}", {
    value: freeze({
      load: load,
      loadStatus: loadStatus,
      begin: begin,
      runBatch: runBatch,
      next: function () { return next; },
      drain: drain,
    }),
    writable: false,
    enumerable: false,
    configurable: false,
  });
})();
`;
