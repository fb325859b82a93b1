import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Opens a view from the navigation and waits until its heading says it is shown. */
export async function showView(page: Page, view: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toContain(view);
}
