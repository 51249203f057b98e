// The demo place dashboard: four <col-impact> views of what the demo place publishes
// (`npm start` turns publishing on). No key is in the page: anonymous callers see the place's
// published aggregates only; a provider's own figures come through its backend (see the
// "Place teams and providers" guide).
import { configure } from './vendor/components/index.js';

configure({ api: location.origin });
