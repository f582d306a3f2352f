import type { Page } from 'playwright-core';

/**
 * Sets form fields in the order given, as a user would: a `<select>` by choosing the option with that
 * value, any other field by filling in the text. Keys are the fields' selectors.
 */
export async function setFields(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [selector, value] of Object.entries(fields)) {
    const field = page.locator(selector);
    const tag = await field.evaluate((el) => (el as unknown as { tagName: string }).tagName);
    if (tag === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
}
