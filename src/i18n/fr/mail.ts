/**
 * The frame every e-mail shares (portal name, help, "do not reply"). What an e-mail says comes from
 * the feature that sends it, through its own catalogue; see features/notifications/mail.templates.tsx.
 */
export const mail = {
  portalName: 'MonGuichet.mc',
  government: 'Gouvernement Princier — Principauté de Monaco',
  helpIntro: 'Besoin d’aide ? Contactez-nous :',
  contactEmail: 'contact@monguichet.mc',
  contactPhone: '(+377) 98 98 95 99',
  contactPhoneHref: '+37798989599',
  doNotReply: 'Ce message est envoyé automatiquement : ne répondez pas à ce message.',
  linkFallback: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
} as const;
