// The demo learner page: the demo learner's badges (from the demo server) and any the learner
// adds (pasted JSON or VC-JWT) go to <col-skills>, which verifies each in the page and builds the
// skills summary. The badges are held in memory only — never in storage, a URL or a request —
// until the learner presses a share button.
import { configure } from './vendor/components/index.js';
import { demoLearnerCredentials } from './demo-learner.js';

const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(location.hostname);
configure({ api: location.origin, allowPrivateNetwork: loopback });

const skills = document.querySelector('col-skills');
const input = document.getElementById('badge-input');
const status = document.getElementById('add-status');
const demoStatus = document.getElementById('demo-status');
const held = [];

function show() {
  skills.credentials = [...held]; // a property, not an attribute: objects stay objects
}

/** A pasted badge: a JSON credential, or a compact JWS (three base64url parts). */
function readBadge(text) {
  const trimmed = text.trim();
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(trimmed)) return trimmed;
  const value = JSON.parse(trimmed);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a credential');
  return value;
}

document.getElementById('add-form').addEventListener('submit', (event) => {
  event.preventDefault();
  let badge;
  try {
    badge = readBadge(input.value);
  } catch {
    status.textContent = 'That is not a badge we can read: paste the JSON or JWT text of your badge.';
    return;
  }
  held.push(badge);
  show();
  input.value = '';
  status.textContent = `Added. ${held.length} badge${held.length === 1 ? '' : 's'} in your skills.`;
});

try {
  const demo = await demoLearnerCredentials();
  if (demo.length) {
    held.unshift(...demo);
    show();
    demoStatus.textContent = `Showing the demo learner's ${demo.length} badges. Add your own below.`;
  }
} catch {
  demoStatus.textContent = "The demo learner's badges could not be loaded. You can still add badges below.";
}
