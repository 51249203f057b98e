import { defineMessages } from '../i18n/catalogue.js';

/**
 * The skills summary's strings in en-GB and Welsh, shared by `<col-skills>` and
 * `<col-badge-verify>` (which shows the same summary for a skills file).
 *
 * @example
 * ```ts
 * skillsSummaryMessages.cy['set-apart-heading']; // 'Heb eu cyfrif'
 * ```
 */
export const skillsSummaryMessages = defineMessages(
  {
    'holder': 'Skills of {name}',
    'counts': '{badges} verified badges show {skills} skills.',
    'counts-none': 'No verified badges yet, so no skills to show.',
    'other-skills': 'Other skills',
    'shown-by': 'Shown by',
    level: 'Level: {level}',
    'framework-link': 'About this skill',
    'verified-heading': 'Verified badges',
    'set-apart-heading': 'Not counted',
    'set-apart-intro': "These badges don't count towards the skills above:",
    'issued-by-on': '{issuer}, {date}',
    'unnamed-badge': 'Unreadable badge {n}',
    'reason-revoked': 'withdrawn by the issuer',
    'reason-suspended': 'suspended by the issuer',
    'reason-expired': 'expired',
    'reason-not-yet-valid': 'not valid yet',
    'reason-tampered': 'changed since it was issued',
    'reason-unreadable': "can't be read as a badge",
    'reason-unlisted': 'the issuer is not on the list of known issuers',
    'reason-inconclusive': 'could not be fully checked',
    'reason-failed': 'did not pass the checks',
    'reason-not-checked': 'not checked',
  },
  {
    'holder': 'Sgiliau {name}',
    'counts': "Mae {badges} bathodyn wedi'u gwirio yn dangos {skills} sgil.",
    'counts-none': "Dim bathodynnau wedi'u gwirio eto, felly dim sgiliau i'w dangos.",
    'other-skills': 'Sgiliau eraill',
    'shown-by': 'Wedi’i ddangos gan',
    level: 'Lefel: {level}',
    'framework-link': "Am y sgil hwn",
    'verified-heading': "Bathodynnau wedi'u gwirio",
    'set-apart-heading': 'Heb eu cyfrif',
    'set-apart-intro': "Nid yw'r bathodynnau hyn yn cyfrif tuag at y sgiliau uchod:",
    'issued-by-on': '{issuer}, {date}',
    'unnamed-badge': 'Bathodyn annarllenadwy {n}',
    'reason-revoked': "wedi'i dynnu'n ôl gan y cyhoeddwr",
    'reason-suspended': "wedi'i atal gan y cyhoeddwr",
    'reason-expired': 'wedi dod i ben',
    'reason-not-yet-valid': 'ddim yn ddilys eto',
    'reason-tampered': "wedi'i newid ers ei gyhoeddi",
    'reason-unreadable': 'methu ei ddarllen fel bathodyn',
    'reason-unlisted': "nid yw'r cyhoeddwr ar y rhestr o gyhoeddwyr hysbys",
    'reason-inconclusive': "methu ei wirio'n llawn",
    'reason-failed': "heb basio'r gwiriadau",
    'reason-not-checked': 'heb ei wirio',
  },
);
