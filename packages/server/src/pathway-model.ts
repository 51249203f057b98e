// Pathway validation at the API boundary: the server stores only pathways the core evaluator
// accepts, in the clean form core returns (unknown fields dropped).
import { isColError, validatePathway, type Pathway } from '@citiesoflearning/core';
import { HttpError } from './errors.js';

/**
 * The validated pathway, or a 400 `pathway-invalid` whose message names the node at fault.
 *
 * @example
 * ```ts
 * const clean = checkPathway({ id, version: '1', name: 'Digital Ready', root: { id: 'root', type: 'group', children: [] } });
 * ```
 */
export function checkPathway(pathway: Record<string, unknown>): Pathway {
  try {
    return validatePathway(pathway);
  } catch (error) {
    if (isColError(error)) throw new HttpError(400, 'pathway-invalid', error.message);
    throw error;
  }
}
