// @ts-check
/**
 * What `npm start` / `npm run dev` must do, decided from facts about the machine, with no I/O:
 * scripts/start.mjs gathers the facts and carries the plan out. Plain ES2020 so even a Node too old
 * to run the app can load it and print what to do.
 */

export const MIN_NODE = { major: 22, minor: 12 };

/**
 * @param {string} version  process.versions.node, e.g. "20.20.2"
 * @returns {string | null}  what to tell the user, or null when this Node is recent enough
 */
export function nodeVersionProblem(version) {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > MIN_NODE.major || (major === MIN_NODE.major && minor >= MIN_NODE.minor)) return null;
  return [
    `Margin Desk needs Node.js ${MIN_NODE.major}.${MIN_NODE.minor} or newer (Electron 45 embeds Node 24); this is Node ${version}.`,
    'Either:',
    '  - on Linux, load the project toolchain (Node 24 from the npm registry) and retry:  . scripts/toolchain.sh && npm start',
    '  - or install Node 24 (nodejs.org, or your version manager: nvm install 24 / fnm install 24 / volta install node@24) and retry.',
  ].join('\n');
}

/**
 * @typedef {object} StartFacts
 * @property {string} nodeVersion
 * @property {readonly string[]} args  the script's arguments; `--dev` picks the dev server
 * @property {boolean} electronInstalled  node_modules/electron has the binary for this OS
 * @property {boolean} nativeReadyForElectron  the stamp says keytar/better-sqlite3 load in this Electron
 */
/**
 * @typedef {{ step: 'fetch-electron' }
 *   | { step: 'prepare-native' }
 *   | { step: 'launch'; mode: 'preview' | 'dev'; args: string[] }} StartStep
 */
/** @typedef {{ kind: 'refuse'; message: string } | { kind: 'run'; steps: StartStep[] }} StartPlan */

/**
 * @param {StartFacts} facts
 * @returns {StartPlan}
 */
export function planStart({ nodeVersion, args, electronInstalled, nativeReadyForElectron }) {
  const problem = nodeVersionProblem(nodeVersion);
  if (problem) return { kind: 'refuse', message: problem };
  /** @type {StartStep[]} */
  const steps = [];
  if (!electronInstalled) steps.push({ step: 'fetch-electron' });
  if (!nativeReadyForElectron) steps.push({ step: 'prepare-native' });
  const dev = args.includes('--dev');
  steps.push({ step: 'launch', mode: dev ? 'dev' : 'preview', args: args.filter((arg) => arg !== '--dev') });
  return { kind: 'run', steps };
}
