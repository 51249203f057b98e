import { defineMessages } from '../i18n/catalogue.js';

/**
 * `<col-badge>`'s strings in en-GB and Welsh.
 *
 * @example
 * ```ts
 * badgeMessages.cy.loading; // "Wrthi'n llwytho'r bathodyn…"
 * ```
 */
export const badgeMessages = defineMessages(
  {
    loading: 'Loading badge…',
    checking: 'Checking…',
    empty: 'No badge to show.',
    'error-generic': 'This badge could not be shown.',
    'error-unreachable': "We couldn't reach the address of this badge. Check the link, or try again later.",
    'error-not-found': 'There is no badge at this address.',
    'error-too-large': 'This is too large to be a badge.',
    'error-unreadable': "This isn't a badge we can read.",
    'error-insecure': 'Only http and https links to badges can be shown.',
    'issued-by': 'Issued by {issuer}',
    'issued-on': 'Issued {date}',
    'expires-on': 'Expires {date}',
    'expired-on': 'Expired {date}',
    expired: 'Expired',
    skills: 'Skills',
    criteria: 'How it was earned',
    'criteria-link': 'Criteria',
    actions: 'Badge actions',
    'download-image': 'Download badge image',
    'download-json': 'Download JSON',
    'download-jws': 'Download signed file (JWT)',
    linkedin: 'Add to LinkedIn profile',
    'new-tab': '(opens in a new tab)',
    'copy-link': 'Copy link',
    copied: 'Link copied.',
    'copy-failed': "Couldn't copy. The link is {url}",
  },
  {
    loading: "Wrthi'n llwytho'r bathodyn…",
    checking: "Wrthi'n gwirio…",
    empty: "Dim bathodyn i'w ddangos.",
    'error-generic': "Ni ellid dangos y bathodyn hwn.",
    'error-unreachable': "Doedd dim modd cyrraedd cyfeiriad y bathodyn hwn. Gwiriwch y ddolen, neu rhowch gynnig arall arni nes ymlaen.",
    'error-not-found': 'Does dim bathodyn yn y cyfeiriad hwn.',
    'error-too-large': "Mae hwn yn rhy fawr i fod yn fathodyn.",
    'error-unreadable': "Nid yw hwn yn fathodyn y gallwn ei ddarllen.",
    'error-insecure': "Dim ond dolenni http a https i fathodynnau y gellir eu dangos.",
    'issued-by': 'Cyhoeddwyd gan {issuer}',
    'issued-on': 'Cyhoeddwyd {date}',
    'expires-on': 'Yn dod i ben {date}',
    'expired-on': 'Daeth i ben {date}',
    expired: 'Wedi dod i ben',
    skills: 'Sgiliau',
    criteria: "Sut y'i enillwyd",
    'criteria-link': 'Meini prawf',
    actions: "Camau'r bathodyn",
    'download-image': "Lawrlwytho delwedd y bathodyn",
    'download-json': 'Lawrlwytho JSON',
    'download-jws': "Lawrlwytho ffeil wedi'i llofnodi (JWT)",
    linkedin: 'Ychwanegu at eich proffil LinkedIn',
    'new-tab': '(yn agor mewn tab newydd)',
    'copy-link': "Copïo'r ddolen",
    copied: "Dolen wedi'i chopïo.",
    'copy-failed': "Methu copïo. Y ddolen yw {url}",
  },
);
