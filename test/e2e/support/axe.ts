/**
 * axe-core over the page as it is, under the app's own CSP: axe's source is evaluated in an isolated
 * world created over the DevTools protocol (its own JavaScript context on the same DOM), so the page
 * needs no 'unsafe-eval' and no script tag, and nothing axe defines is visible to the app.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CDPSession, Page } from 'playwright-core';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_22_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[]; readonly failureSummary: string }[];
}

async function isolatedWorld(session: CDPSession): Promise<number> {
  const { frameTree } = await session.send('Page.getFrameTree');
  const { executionContextId } = await session.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'axe-core' });
  return executionContextId;
}

async function evaluate<T>(session: CDPSession, contextId: number, expression: string): Promise<T> {
  const { result, exceptionDetails } = await session.send('Runtime.evaluate', { expression, contextId, awaitPromise: true, returnByValue: true });
  if (exceptionDetails) throw new Error(`axe-core: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value as T;
}

/** The WCAG 2.2 AA violations axe finds in the page right now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const session = await page.context().newCDPSession(page);
  try {
    const contextId = await isolatedWorld(session);
    await evaluate(session, contextId, `${AXE_SOURCE};void 0`);
    const options = JSON.stringify({ runOnly: { type: 'tag', values: WCAG_22_AA_TAGS }, resultTypes: ['violations'] });
    return await evaluate<AxeViolation[]>(
      session,
      contextId,
      `axe.run(document, ${options}).then((results) => results.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })) })))`,
    );
  } finally {
    await session.detach();
  }
}

/** One line per failing element, for a test failure that says what to fix. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')}: ${node.failureSummary.replace(/\s+/g, ' ')}`))
    .join('\n');
}
