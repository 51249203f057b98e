// The demo pathway page for a place team: <col-pathway> shows the pathway; the learner adds the
// badges they hold (pasted JSON or VC-JWT) and the element works out progress in the page. The
// badges are held in memory only — never in storage, a URL or a request.
import { configure } from './vendor/components/index.js';

const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(location.hostname);
configure({ api: location.origin, allowPrivateNetwork: loopback });

const pathway = document.querySelector('col-pathway');
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
  pathway.credentials = [...held]; // a property, not an attribute: objects stay objects
  input.value = '';
  status.textContent = `Added. ${held.length} badge${held.length === 1 ? '' : 's'} counted.`;
});

pathway.addEventListener('col-progress', (event) => {
  document.title = `${Math.round(event.detail.progress * 100)}% — Digital Ready Brightwater (demo)`;
});
