import { defineMessages } from '../i18n/catalogue.js';

/**
 * `<col-badge-list>`'s strings in en-GB and Welsh.
 *
 * @example
 * ```ts
 * listMessages.cy.empty; // 'Dim bathodynnau eto.'
 * ```
 */
export const listMessages = defineMessages(
  {
    loading: 'Loading badges…',
    empty: 'No badges yet.',
    'no-match': 'No badges match this skill.',
    error: "The badges couldn't be loaded. Try again later.",
    'skipped': '{count} could not be shown.',
    filters: 'Filter by skill',
    all: 'All skills',
    summary: 'Showing {from}–{to} of {total} badges',
    pages: 'Pages',
    previous: 'Previous',
    next: 'Next',
    page: 'Page {page} of {pages}',
    list: 'Badges',
  },
  {
    loading: "Wrthi'n llwytho bathodynnau…",
    empty: 'Dim bathodynnau eto.',
    'no-match': "Does dim bathodynnau'n cyfateb i'r sgil hon.",
    error: "Ni ellid llwytho'r bathodynnau. Rhowch gynnig arall arni nes ymlaen.",
    'skipped': 'Ni ellid dangos {count}.',
    filters: 'Hidlo yn ôl sgil',
    all: 'Pob sgil',
    summary: 'Yn dangos {from}–{to} o {total} bathodyn',
    pages: 'Tudalennau',
    previous: 'Blaenorol',
    next: 'Nesaf',
    page: 'Tudalen {page} o {pages}',
    list: 'Bathodynnau',
  },
);
