import { defineMessages } from '../i18n/catalogue.js';

/**
 * `<col-skills>`'s own strings in en-GB and Welsh (the summary's are `skillsSummaryMessages`).
 *
 * @example
 * ```ts
 * skillsMessages.cy['download']; // 'Lawrlwytho ffeil sgiliau'
 * ```
 */
export const skillsMessages = defineMessages(
  {
    empty: 'No badges to summarise yet.',
    checking: 'Checking your badges…',
    done: 'Checked {count} badges.',
    error: 'Something went wrong while checking your badges. Try again.',
    'share-heading': 'Share your skills',
    'share-privacy': 'Nothing leaves this page until you press a share button.',
    'include-unverified': 'Also include the badges that are not counted',
    download: 'Download skills file',
    'create-link': 'Create link',
    'creating-link': 'Creating the link…',
    'link-label': 'Link to your skills',
    'link-expires': 'Anyone with this link can see these badges until {date}.',
    copy: 'Copy link',
    copied: 'Link copied.',
    'copy-failed': 'Select the link and copy it yourself.',
    'delete-link': 'Delete link',
    deleted: 'The link is deleted: it no longer works.',
    'link-error': "We couldn't create a link. Try again later, or download the skills file instead.",
    'delete-error': "We couldn't delete the link. Try again.",
    'nothing-to-share': 'There are no badges to put in the file.',
    'file-saved': 'Skills file downloaded.',
  },
  {
    empty: "Dim bathodynnau i'w crynhoi eto.",
    checking: "Wrthi'n gwirio eich bathodynnau…",
    done: 'Wedi gwirio {count} bathodyn.',
    error: "Aeth rhywbeth o'i le wrth wirio eich bathodynnau. Rhowch gynnig arall arni.",
    'share-heading': "Rhannu eich sgiliau",
    'share-privacy': "Does dim byd yn gadael y dudalen hon nes i chi bwyso botwm rhannu.",
    'include-unverified': "Cynnwys hefyd y bathodynnau nad ydynt yn cael eu cyfrif",
    download: 'Lawrlwytho ffeil sgiliau',
    'create-link': 'Creu dolen',
    'creating-link': "Wrthi'n creu'r ddolen…",
    'link-label': "Dolen i'ch sgiliau",
    'link-expires': "Gall unrhyw un sydd â'r ddolen hon weld y bathodynnau hyn tan {date}.",
    copy: 'Copïo dolen',
    copied: "Wedi copïo'r ddolen.",
    'copy-failed': "Dewiswch y ddolen a'i chopïo eich hun.",
    'delete-link': 'Dileu dolen',
    deleted: "Mae'r ddolen wedi'i dileu: nid yw'n gweithio mwyach.",
    'link-error': "Methwyd creu dolen. Rhowch gynnig arall arni nes ymlaen, neu lawrlwythwch y ffeil sgiliau yn lle hynny.",
    'delete-error': "Methwyd dileu'r ddolen. Rhowch gynnig arall arni.",
    'nothing-to-share': "Does dim bathodynnau i'w rhoi yn y ffeil.",
    'file-saved': "Wedi lawrlwytho'r ffeil sgiliau.",
  },
);
