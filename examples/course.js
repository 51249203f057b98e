// The demo course page: a provider's page with a claim button, the learner's pathway and
// what to learn next — three elements, one configuration call. The API may be on another
// origin (`?api=http://127.0.0.1:8080`); by default it is the origin that served this page.
// What the learner claims is kept in memory only (never in storage or a URL) and handed to the
// pathway, which works out progress in the page.
import { configure } from './vendor/components/index.js';

const params = new URLSearchParams(location.search);
const isLoopback = (url) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
// Only a server on this machine may be named in the link: a page that let any link choose its
// API would send the learner's email wherever an attacker's link pointed. A real course page
// writes its API address into the page (or <meta name="col:api">) and reads nothing from the URL.
let api = location.origin;
try {
  const requested = new URL(params.get('api') ?? '');
  if (/^https?:$/.test(requested.protocol) && isLoopback(requested)) api = requested.origin;
} catch {
  // absent or not a URL: stay on this origin
}
const lang = params.get('lang') === 'cy' ? 'cy' : 'en-GB';
document.documentElement.lang = lang;
const loopback = isLoopback(new URL(api));
// allowPrivateNetwork lets the shown badge be verified against a server on this machine; it
// exists for local development only.
configure({ api, locale: lang, allowPrivateNetwork: loopback });

const welsh = {
  'course-intro': "Pedair wythnos yn eich llyfrgell: troi dyfais ymlaen, defnyddio llygoden, bysellfwrdd a sgrin gyffwrdd, cysylltu â Wi-Fi a chadw eich cyfrineiriau'n ddiogel.",
  'claim-heading': "Wedi gorffen y cwrs? Hawliwch eich bathodyn",
  'claim-intro': "Mae eich tiwtor yn rhoi cod hawlio i chi ar y diwrnod olaf. (Yn yr arddangosiad hwn, defnyddiwch y cod a argraffodd colearn serve --demo ar gyfer digital-foundations.)",
  'pathway-heading': "I ble mae'n arwain",
  'pathway-intro': "Digital Foundations yw cam cyntaf llwybr Digital Ready Brightwater. Caiff eich cynnydd ei gyfrifo yma, yn eich porwr.",
  'opportunities-heading': "Beth nesaf? Dysgu yn agos atoch",
};
if (lang === 'cy') for (const [id, text] of Object.entries(welsh)) document.getElementById(id).textContent = text;

const held = [];
const pathway = document.querySelector('col-pathway');
document.addEventListener('col-claimed', (event) => {
  held.push(event.detail.credential);
  pathway.credentials = [...held];
});
