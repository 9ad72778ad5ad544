import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { settle } from './browser';

/** WCAG 2.0–2.2 A and AA, plus axe's best-practice rules (landmarks, heading order). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe-core's findings on the page as it stands, one line per rule and element; empty when clean.
 * `allow` names rules whose findings are known and reported: they are not run until fixed.
 */
export async function accessibilityProblems(page: Page, allow: readonly string[] = []): Promise<string[]> {
  // Half-way through a transition, text is faded and contrast is measured wrongly.
  await settle(page);
  const results = await new AxeBuilder({ page }).withTags(TAGS).disableRules([...allow]).analyze();
  return results.violations.flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} at ${node.target.join(' ')}: ${node.html}`,
      ),
    );
}
