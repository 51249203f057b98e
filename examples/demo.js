// The demo page served by `npm start` at /examples/: claim a demo badge from the reference
// server, see it as a <col-badge>, verify it — or any badge — with <col-badge-verify>, and
// browse the catalogue with <col-badge-list> (@citiesoflearning/components, bundled into
// vendor/ by `rollup --environment COL_BUNDLE:examples`).
// No personal data goes into a URL or browser storage: the email travels only in a POST body.
import { configure } from './vendor/components/index.js';

const strings = {
  'en-GB': {
    title: 'Cities of Learning SDK — demo', brand: 'Cities of Learning SDK', language: 'Language',
    heading: 'Issue, claim and verify a badge',
    intro: 'This page talks to the reference server running on your machine. Claim one of the demo badges with a code the server printed when it started, then check it in your own browser.',
    claimHeading: '1. Claim a badge', achievementLabel: 'Badge', codeLabel: 'Claim code',
    codeHint: 'Printed in the terminal, e.g. G7RK-GZS7-RGZA.', emailLabel: 'Your email',
    emailHint: 'Stored only as a salted hash inside the badge; it never appears in a link.',
    claimButton: 'Claim badge', claiming: 'Claiming…', claimed: 'The badge is yours:',
    claimFailed: 'The badge could not be claimed: {reason}', loadFailed: 'The badges could not be loaded from the server.',
    missingFields: 'Choose a badge and enter the claim code and your email.',
    verifyThis: 'Verify this badge',
    verifyHeading: '2. Verify a badge',
    verifyIntro: 'Paste an Open Badge (JSON or JWS) or a link to one, or choose a baked PNG or SVG. Everything is checked here, in your browser.',
    catalogueHeading: '3. Badges you can earn here',
    apiHeading: '4. Explore the API', apiOpenapi: 'OpenAPI 3.1 description', apiPathways: 'Learning pathways',
    apiOpportunities: 'Opportunities', apiDiscovery: 'Open Badges 3.0 API discovery',
  },
  cy: {
    title: 'Pecyn datblygu Dinasoedd Dysgu — arddangosiad', brand: 'Pecyn datblygu Dinasoedd Dysgu', language: 'Iaith',
    heading: 'Dyfarnu, hawlio a gwirio bathodyn',
    intro: "Mae'r dudalen hon yn siarad â'r gweinydd cyfeirio sy'n rhedeg ar eich peiriant. Hawliwch un o'r bathodynnau arddangos gyda chod a argraffodd y gweinydd pan ddechreuodd, yna gwiriwch ef yn eich porwr eich hun.",
    claimHeading: '1. Hawlio bathodyn', achievementLabel: 'Bathodyn', codeLabel: 'Cod hawlio',
    codeHint: "Wedi'i argraffu yn y derfynell, e.e. G7RK-GZS7-RGZA.", emailLabel: 'Eich e-bost',
    emailHint: "Caiff ei gadw fel stwnsh hallt y tu mewn i'r bathodyn yn unig; nid yw byth yn ymddangos mewn dolen.",
    claimButton: 'Hawlio bathodyn', claiming: "Wrthi'n hawlio…", claimed: 'Mae’r bathodyn yn eiddo i chi:',
    claimFailed: "Ni ellid hawlio'r bathodyn: {reason}", loadFailed: "Ni ellid llwytho'r bathodynnau o'r gweinydd.",
    missingFields: 'Dewiswch fathodyn a rhowch y cod hawlio a’ch e-bost.',
    verifyThis: "Gwirio'r bathodyn hwn",
    verifyHeading: '2. Gwirio bathodyn',
    verifyIntro: "Gludwch Fathodyn Agored (JSON neu JWS) neu ddolen iddo, neu dewiswch PNG neu SVG wedi'i bobi. Caiff popeth ei wirio yma, yn eich porwr.",
    catalogueHeading: '3. Bathodynnau y gallwch eu hennill yma',
    apiHeading: "4. Archwilio'r API", apiOpenapi: 'Disgrifiad OpenAPI 3.1', apiPathways: 'Llwybrau dysgu',
    apiOpportunities: 'Cyfleoedd', apiDiscovery: 'Darganfod API Bathodynnau Agored 3.0',
  },
};

const requested = new URLSearchParams(location.search).get('lang') ?? navigator.language;
const lang = requested?.toLowerCase().startsWith('cy') ? 'cy' : 'en-GB';
const t = (key, values = {}) => strings[lang][key].replace(/\{(\w+)\}/g, (_, name) => values[name] ?? '');

document.documentElement.lang = lang;
// Every element on the page follows this: the page's language and its own API. The reference
// server runs on this machine, so verification may reach loopback addresses — local development
// only; a public page never sets allowPrivateNetwork.
configure({ locale: lang, api: location.origin, allowPrivateNetwork: true });
for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
for (const element of document.querySelectorAll('[data-i18n-aria-label]')) element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));

const $ = (id) => document.getElementById(id);
/** Builds an element with text content only: server data never becomes HTML. */
function el(tag, { text, className, ...attributes } = {}, children = []) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

async function loadAchievements() {
  try {
    const response = await fetch('/api/v1/achievements?limit=100');
    if (!response.ok) throw new Error(String(response.status));
    const { achievements } = await response.json();
    $('achievement').replaceChildren(...achievements.map((a) => el('option', { value: a.key, text: a.name })));
  } catch {
    $('claim-result').replaceChildren(el('p', { text: t('loadFailed') }));
  }
}

$('claim-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = $('claim-result');
  const achievement = $('achievement').value;
  const code = $('code').value.trim();
  const email = $('email').value.trim();
  if (!achievement || !code || !email) {
    out.replaceChildren(el('p', { text: t('missingFields') }));
    return;
  }
  out.replaceChildren(el('p', { text: t('claiming') }));
  try {
    const response = await fetch('/api/v1/claims', {
      method: 'POST',
      // One key per logical claim: a retried request never issues a second badge.
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ achievement, code, recipient: { email } }),
    });
    const body = await response.json().catch(() => ({}));
    if (response.status !== 201) throw new Error(body.message ?? String(response.status));
    const { credential, links } = body;
    // The award as a <col-badge>: image, issuer, skills, and its own download (baked PNG,
    // JSON, JWT), LinkedIn and copy-link actions.
    const badge = document.createElement('col-badge');
    badge.credential = credential;
    badge.links = links;
    const verifyButton = el('button', { type: 'button', text: t('verifyThis') });
    verifyButton.addEventListener('click', () => {
      $('verifier').check(credential);
      $('verify-heading').scrollIntoView({ block: 'start' });
    });
    out.replaceChildren(el('p', { text: `${t('claimed')} ${credential.name ?? credential.credentialSubject?.achievement?.name ?? ''}` }), badge, verifyButton);
  } catch (error) {
    out.replaceChildren(el('p', { text: t('claimFailed', { reason: error.message }) }));
  }
});

loadAchievements();
