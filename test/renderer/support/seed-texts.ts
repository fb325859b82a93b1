/// <reference types="vite/client" />
/**
 * The raw seed responses, bundled as text by Vite: the same import works under vitest (jsdom) and
 * in the browser bundle of the look harness.
 */
import accounts from '../../fixtures/seed-accounts.json?raw';
import subaccounts from '../../fixtures/seed-subaccounts.json?raw';
import type { SeedTexts } from './seed.ts';

export const SEED_TEXTS: SeedTexts = { accounts, subaccounts };
