// axe-core on an element in the real page, shadow roots included: the list of violations
// (rule id and node count), so a failing test names what is wrong.
import axe from 'axe-core';

export async function axeViolations(context: Element | Document = document): Promise<string[]> {
  const result = await axe.run(context, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
