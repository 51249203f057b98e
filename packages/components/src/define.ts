/**
 * Registers every element of the package under its `col-` tag. Side effect only.
 *
 * @example
 * ```html
 * <script type="module" src="https://cdn.example/npm/@citiesoflearning/components/cdn/components/index.js"></script>
 * ```
 */
import './col-badge-claim/define.js';
import './col-pathway/define.js';
import './col-opportunities/define.js';
import './col-badge/define.js';
import './col-badge-list/define.js';
import './col-badge-verify/define.js';
import './col-skills/define.js';
import './col-impact/define.js';
