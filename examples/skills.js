// The demo learner page: the learner adds the badges they hold (pasted JSON or VC-JWT) and
// <col-skills> verifies each in the page and builds the skills summary. The badges are held in
// memory only — never in storage, a URL or a request — until the learner presses a share button.
import { configure } from './vendor/components/index.js';

const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(location.hostname);
configure({ api: location.origin, allowPrivateNetwork: loopback });

const skills = document.querySelector('col-skills');
const input = document.getElementById('badge-input');
const status = document.getElementById('add-status');
const held = [];

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
  skills.credentials = [...held]; // a property, not an attribute: objects stay objects
  input.value = '';
  status.textContent = `Added. ${held.length} badge${held.length === 1 ? '' : 's'} added.`;
});
