// Runs inside csp-page.html (strict CSP): registers every element, records any CSP violation,
// and reports to the parent test when asked.
import '@citiesoflearning/components/define.js';

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
(globalThis as { cspViolations?: string[] }).cspViolations = violations;
(globalThis as { cspReady?: boolean }).cspReady = true;
