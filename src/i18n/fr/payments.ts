/** Paying online: the basket of bills, the page the bank sends the parent back to. */
export const payments = {
  basket: {
    title: 'Payer mes factures',
    lead: 'Cochez les factures à payer par carte bancaire. Une facture se paie en entier. Aucun frais n’est ajouté.',
    none: 'Vous n’avez aucune facture à payer en ce moment.',
    caption: 'Factures à payer',
    pay: 'Payer',
    total: 'Total si toutes les factures cochées sont payées :',
    resume: 'Reprendre ce paiement',
    select: (label: string) => `Payer ${label}`,
    held: (time: string) => `Paiement en cours : cette facture sera de nouveau disponible à ${time}.`,
    heldByMe: (time: string) =>
      `Un de vos paiements est en cours pour cette facture (jusqu’à ${time}) : terminez-le sur la page de paiement ou attendez sa fin.`,
    severalMerchants: (count: number) =>
      `Ces factures sont dues à ${count} organismes différents : vous ferez ${count} paiements par carte, l’un après l’autre, sans rien ressaisir.`,
    nothingSelected: 'Cochez au moins une facture à payer.',
    notPayable:
      'Une des factures choisies ne peut plus être payée (déjà payée ou annulée). Vérifiez la liste ci-dessous.',
    busy: (time: string) =>
      `Un paiement est déjà en cours pour une des factures choisies. Elle sera de nouveau disponible à ${time}.`,
    startFailed: 'Le service de paiement a refusé de commencer le paiement. Aucun montant n’a été débité. Réessayez.',
    unknown:
      'Le service de paiement ne répond pas. Aucun montant n’a été débité. Réessayez dans quelques minutes : vous ne paierez pas deux fois.',
    payLink: 'Payer mes factures en ligne',
  },
  result: {
    paidTitle: 'Paiement accepté',
    receipt: 'Télécharger le reçu (PDF)',
    paid: (amount: string, reference: string) =>
      `Votre paiement de ${amount} est confirmé. Référence du paiement : ${reference}.`,
    paidLate: (amount: string, reference: string) =>
      `Votre paiement de ${amount} est arrivé après l’expiration de la session ; il est bien enregistré. Référence : ${reference}.`,
    declinedTitle: 'Paiement refusé',
    declined: (reason: string) => `Votre banque a refusé le paiement (${reason}). Aucun montant n’a été débité.`,
    cancelledTitle: 'Paiement annulé',
    cancelled: 'Vous avez annulé le paiement. Aucun montant n’a été débité.',
    expiredTitle: 'Paiement expiré',
    expired: 'Le délai pour payer est dépassé. Aucun montant n’a été débité.',
    errorTitle: 'Paiement impossible',
    error: 'Une erreur technique a empêché le paiement. Aucun montant n’a été débité.',
    pendingTitle: 'Nous confirmons votre paiement',
    pending:
      'Le service de paiement ne nous a pas encore confirmé le résultat. Cette page se met à jour toute seule ; vous pouvez aussi l’actualiser.',
    refresh: 'Actualiser',
    reviewTitle: 'Paiement en vérification',
    review:
      'Le montant confirmé par le service de paiement ne correspond pas à celui attendu. Nous vérifions ; aucune facture n’est marquée payée en attendant. Vous serez remboursé si nécessaire.',
    retry: 'Réessayer',
    back: 'Retour à mes factures',
    nextTitle: 'Paiement suivant',
    next: (position: number, count: number, amount: string) =>
      `Paiement ${position} sur ${count} : ${amount}, à un autre organisme.`,
    continue: 'Continuer vers le paiement suivant',
    reasons: {
      card_declined: 'carte refusée',
      insufficient_funds: 'provision insuffisante',
      expired_card: 'carte expirée',
      incorrect_cvc: 'cryptogramme erroné',
      '3ds_failed': 'authentification 3-D Secure échouée',
      other: 'refus de la banque',
    },
  },
  redirect: {
    title: 'Paiement par carte',
    lead: 'Vous allez être dirigé vers la page de paiement sécurisée.',
    go: 'Aller à la page de paiement',
  },
};
