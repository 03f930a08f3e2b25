/** French catalogue of "Mes démarches": the list of the user's dossiers and a dossier's timeline. */
export const procedures = {
  list: {
    title: 'Mes démarches',
    lead: 'Toutes vos démarches en ligne, avec leur état.',
    empty: 'Vous n’avez pas encore de démarche.',
    emptyHint: 'Les démarches que vous commencerez sur MonGuichet.mc apparaîtront ici.',
    seeCatalogue: 'Voir toutes les démarches',
    caption: 'Vos démarches, de la plus récente à la plus ancienne',
    reference: 'Référence',
    procedure: 'Démarche',
    status: 'État',
    updated: 'Dernière mise à jour',
  },
  detail: {
    referenceLabel: 'Référence',
    statusLabel: 'État',
    startedLabel: 'Commencée le',
    timelineHeading: 'Historique',
    back: 'Retour à mes démarches',
    helpText: (reference: string) => `Pour toute question, contactez-nous en indiquant la référence ${reference}.`,
  },
  states: {
    brouillon: 'Brouillon',
    en_cours: 'En cours',
    terminee: 'Terminée',
    echouee: 'Échouée',
    annulee: 'Annulée',
  },
  events: {
    created: 'Démarche commencée',
    status_changed: 'Changement d’état',
    other: 'Événement',
  },
} as const;
