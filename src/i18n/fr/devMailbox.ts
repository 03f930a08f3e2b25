/**
 * The development mailbox (/dev/mailbox): the e-mails the portal would have sent, kept in the
 * database when no SMTP relay is configured. Never in production.
 */
export const devMailbox = {
  title: 'Boîte aux lettres de développement',
  lead: 'Les e-mails que le portail aurait envoyés. Cette page n’existe qu’en développement, quand aucun serveur SMTP n’est configuré.',
  tableCaption: 'Messages, du plus récent au plus ancien',
  columns: {
    date: 'Date',
    to: 'Destinataire',
    subject: 'Objet',
  },
  empty: 'Aucun message pour le moment. Les e-mails envoyés par le portail apparaîtront ici.',
  noSubject: '(sans objet)',
  headersHeading: 'En-têtes',
  textHeading: 'Version texte',
  htmlHeading: 'Version HTML',
  htmlLink: 'Ouvrir la version HTML du message',
  htmlNote: 'Elle s’ouvre seule, sans script ni ressource extérieure.',
  backToList: 'Retour à la boîte aux lettres',
} as const;
