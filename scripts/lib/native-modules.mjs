// @ts-check
/**
 * The app's native modules, and how to load each one far enough that its compiled binding is
 * really opened (better-sqlite3 only opens it when the first Database is made). Used by
 * scripts/ensure-native.mjs (for Node), scripts/start.mjs (for Electron) and the packaging config.
 */

/** @typedef {{ name: string; load: string }} NativeModule */

/** @type {readonly NativeModule[]} */
export const NATIVE_MODULES = [
  { name: 'keytar', load: "require('keytar')" },
  { name: 'better-sqlite3', load: "new (require('better-sqlite3'))(':memory:').close()" },
];
