/**
 * The look harness's stand-in for the preload: installs a FakeBridge as `window.marginDesk` before
 * the built renderer runs. The scenario comes from the page URL (`?scenario=many`).
 */
import { BRIDGE_GLOBAL } from '../../../src-preload/contract.ts';
import { FakeBridge } from '../support/fake-bridge.ts';
import { SCENARIOS, type ScenarioName } from './scenario-names.ts';
import { scenario } from './scenarios.ts';

const requested = new URLSearchParams(location.search).get('scenario') ?? 'seed';
const name: ScenarioName = (SCENARIOS as readonly string[]).includes(requested) ? (requested as ScenarioName) : 'seed';
const setupStart = performance.now();
const fake = new FakeBridge(scenario(name, Date.now()));
// Building the scenario (parsing the seed, 1,000 synthetic subaccounts) is the stand-in's cost, not
// the renderer's: the measurements subtract it.
Object.defineProperty(window, '__bridgeSetupMs', { value: performance.now() - setupStart });
Object.defineProperty(window, BRIDGE_GLOBAL, { value: fake.bridge });
Object.defineProperty(window, '__fakeBridge', { value: fake });
