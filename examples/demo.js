// The demo page served by `npm start` at /examples/: claim a demo badge from the reference
// server with <col-badge-claim>, see it as a <col-badge>, verify it — or any badge — with
// <col-badge-verify>, and browse the catalogue with <col-badge-list> (@citiesoflearning/components,
// bundled into vendor/ by `rollup --environment COL_BUNDLE:examples`).
// No personal data goes into a URL or browser storage: the claim element sends the email only
// in its POST body, and the page holds the award in memory only.
import { configure } from './vendor/components/index.js';

const strings = {
  'en-GB': {
    title: 'Cities of Learning SDK — demo', brand: 'Cities of Learning SDK', language: 'Language',
    heading: 'Issue, claim and verify a badge',
    intro: 'This page talks to the reference server running on your machine. Claim one of the demo badges with a code the server printed when it started, then check it in your own browser.',
    claimHeading: '1. Claim a badge',
    claimIntro: 'Choose a badge, then press the button: it asks for the claim code the server printed for that badge, and your email.',
    achievementLabel: 'Badge to claim', claimed: 'The badge is yours:',
    loadFailed: 'The badges could not be loaded from the server.',
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
    claimHeading: '1. Hawlio bathodyn',
    claimIntro: "Dewiswch fathodyn, yna pwyswch y botwm: mae'n gofyn am y cod hawlio a argraffodd y gweinydd ar gyfer y bathodyn hwnnw, a'ch e-bost.",
    achievementLabel: "Bathodyn i'w hawlio", claimed: 'Mae’r bathodyn yn eiddo i chi:',
    loadFailed: "Ni ellid llwytho'r bathodynnau o'r gweinydd.",
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
const t = (key) => strings[lang][key];

document.documentElement.lang = lang;
// Every element on the page follows this: the page's language and its own API. The reference
// server runs on this machine, so verification may reach loopback addresses — local development
// only; a public page never sets allowPrivateNetwork.
configure({ locale: lang, api: location.origin, allowPrivateNetwork: true });
for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
for (const element of document.querySelectorAll('[data-i18n-aria-label]')) element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));

const $ = (id) => document.getElementById(id);
/** Builds an element with text content only: server data never becomes HTML. */
function el(tag, { text, ...attributes } = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

const claimer = $('claimer');
const choice = $('achievement');
// The claim element claims whichever badge is chosen; choosing another starts a new claim.
choice.addEventListener('change', () => (claimer.achievement = choice.value));

async function loadAchievements() {
  try {
    const response = await fetch('/api/v1/achievements?limit=100');
    if (!response.ok) throw new Error(String(response.status));
    const { achievements } = await response.json();
    choice.replaceChildren(...achievements.map((a) => el('option', { value: a.key, text: a.name })));
    claimer.achievement = choice.value;
  } catch {
    // Without a badge to name, the claim button could only fail: say why instead.
    claimer.remove();
    $('claim-result').replaceChildren(el('p', { text: t('loadFailed') }));
  }
}

// The claimed badge stays on the page once the dialog is closed, with its own downloads,
// LinkedIn and copy-link actions, and a way to check it below. It is held in memory only.
claimer.addEventListener('col-claimed', ({ detail: { credential, links } }) => {
  const badge = document.createElement('col-badge');
  badge.credential = credential;
  badge.links = links;
  const verifyButton = el('button', { type: 'button', text: t('verifyThis') });
  verifyButton.addEventListener('click', () => {
    $('verifier').check(credential);
    $('verify-heading').scrollIntoView({ block: 'start' });
  });
  const name = credential.name ?? credential.credentialSubject?.achievement?.name ?? '';
  $('claim-result').replaceChildren(el('p', { text: `${t('claimed')} ${name}` }), badge, verifyButton);
});

loadAchievements();
