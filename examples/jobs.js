// The demo job portal: an employer's page with <col-badge-verify>. Each result (the `col-verified`
// event carries the same report verify() returns) is added to a table kept in memory only —
// never in storage or a URL.
import { configure } from './vendor/components/index.js';

// allowPrivateNetwork only because the demo issuer is this machine (npm start); a real portal
// leaves it off, so a pasted badge cannot make the browser probe the candidate's network.
const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(location.hostname);
configure({ api: location.origin, allowPrivateNetwork: loopback });

const words = { verified: 'Genuine and current', failed: 'Not genuine or not current', inconclusive: 'Could not check (try again later)' };
const rows = document.querySelector('#shortlist tbody');

document.querySelector('col-badge-verify').addEventListener('col-verified', (event) => {
  const report = event.detail;
  const row = document.createElement('tr');
  for (const text of [report.badge?.name ?? 'Unreadable badge', report.badge?.issuer?.name ?? '—', words[report.outcome] ?? report.outcome]) {
    const cell = document.createElement('td');
    cell.textContent = text; // issuer-controlled text: never HTML
    row.append(cell);
  }
  row.dataset.outcome = report.outcome;
  rows.append(row);
  document.getElementById('shortlist').hidden = false;
  document.getElementById('shortlist-empty').hidden = true;
});
