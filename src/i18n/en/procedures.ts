/** English catalogue of "My procedures", typed against the French one. */
import type { procedures as frProcedures } from '../fr/procedures.ts';
import type { Catalogue } from '../types.ts';

export const procedures: Catalogue<typeof frProcedures> = {
  list: {
    title: 'My procedures',
    lead: 'All your online procedures, with their status.',
    empty: 'You have no procedure yet.',
    emptyHint: 'The procedures you start on MonGuichet.mc will appear here.',
    seeCatalogue: 'See all procedures',
    caption: 'Your procedures, most recent first',
    reference: 'Reference',
    procedure: 'Procedure',
    status: 'Status',
    updated: 'Last update',
  },
  detail: {
    referenceLabel: 'Reference',
    statusLabel: 'Status',
    startedLabel: 'Started on',
    timelineHeading: 'History',
    back: 'Back to my procedures',
    helpText: (reference: string) => `For any question, contact us and give the reference ${reference}.`,
  },
  states: {
    brouillon: 'Draft',
    en_cours: 'In progress',
    terminee: 'Completed',
    echouee: 'Failed',
    annulee: 'Cancelled',
  },
  events: {
    created: 'Procedure started',
    status_changed: 'Status changed',
    other: 'Event',
  },
};
