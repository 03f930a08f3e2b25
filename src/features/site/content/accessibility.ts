/** "Accessibilité": the accessibility statement of the portal. */
import type { LocalizedDocument } from './document.types.ts';

export const accessibilityStatement: LocalizedDocument = {
  fr: {
    title: 'Accessibilité',
    lead: 'La déclaration d’accessibilité du portail MonGuichet.mc : le niveau atteint, les limites connues et la manière de nous signaler une difficulté.',
    sections: [
      {
        heading: 'Notre engagement',
        paragraphs: [
          'Le Gouvernement Princier s’engage à rendre MonGuichet.mc accessible à tous, y compris aux personnes en situation de handicap, quel que soit l’appareil utilisé : ordinateur, téléphone ou tablette.',
          'Les pages du portail sont conçues pour fonctionner sans JavaScript, pour être utilisables entièrement au clavier et pour s’adapter à la taille de l’écran et au zoom du navigateur.',
        ],
      },
      {
        heading: 'Référentiel',
        paragraphs: [
          'Le portail vise le niveau AA des Règles pour l’accessibilité des contenus Web (WCAG) 2.2, publiées par le World Wide Web Consortium (W3C).',
        ],
      },
      {
        heading: 'État de conformité',
        paragraphs: [
          'MonGuichet.mc est partiellement conforme aux WCAG 2.2 niveau AA, en raison de la non-conformité et de l’absence d’audit complet mentionnées ci-dessous.',
        ],
      },
      {
        heading: 'Méthode d’évaluation',
        paragraphs: ['L’accessibilité du portail est vérifiée à chaque évolution du logiciel :'],
        items: [
          'contrôles automatisés avec l’outil axe sur chaque page, à la largeur d’un téléphone et à celle d’un ordinateur ;',
          'vérification des parcours principaux au clavier seul, sans souris ;',
          'vérification du fonctionnement des pages avec JavaScript désactivé.',
        ],
      },
      {
        heading: 'Limites de l’évaluation',
        paragraphs: [
          'Un audit manuel complet, critère par critère, par un auditeur indépendant n’a pas encore été réalisé. Les contrôles automatisés ne détectent qu’une partie des obstacles possibles ; c’est pourquoi le portail est déclaré partiellement conforme.',
        ],
      },
      {
        heading: 'Contenus non accessibles',
        paragraphs: [
          'Le guide d’accès à la démarche de paiement de la cantine, proposé au format PDF, n’est pas un PDF balisé accessible. Les mêmes informations sont disponibles sous forme de page web accessible dans la rubrique « Aide / Contact » du portail.',
        ],
      },
      {
        heading: 'Signaler un obstacle',
        paragraphs: [
          'Si vous ne parvenez pas à accéder à un contenu ou à un service, contactez-nous : nous vous indiquerons une autre manière d’obtenir l’information ou d’effectuer votre démarche, et nous corrigerons l’obstacle signalé.',
        ],
        items: [
          'Courriel : contact@monguichet.mc',
          'Téléphone : (+377) 98 98 95 99',
          'Courrier : Délégation Interministérielle chargée de la Transition Numérique, 2 rue du Gabian, Bâtiment les Industries, 5e étage, MC 98000 Monaco',
        ],
      },
      {
        heading: 'Voies de recours',
        paragraphs: [
          'Si vous nous avez signalé un obstacle et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Haut Commissariat à la Protection des Droits, des Libertés et à la Médiation, qui peut être saisi gratuitement par toute personne s’estimant lésée par le fonctionnement d’un service administratif de la Principauté.',
        ],
      },
      {
        heading: 'Date de la déclaration',
        paragraphs: ['Cette déclaration a été établie le 27 novembre 2026.'],
      },
    ],
  },
  en: {
    title: 'Accessibility',
    lead: 'The accessibility statement of the MonGuichet.mc portal: the level reached, the known limits and how to tell us about a problem.',
    sections: [
      {
        heading: 'Our commitment',
        paragraphs: [
          'The Prince’s Government is committed to making MonGuichet.mc accessible to everyone, including people with disabilities, whatever device they use: computer, phone or tablet.',
          'The portal’s pages are designed to work without JavaScript, to be usable entirely with a keyboard and to adapt to the screen size and to browser zoom.',
        ],
      },
      {
        heading: 'Standard',
        paragraphs: [
          'The portal aims at level AA of the Web Content Accessibility Guidelines (WCAG) 2.2, published by the World Wide Web Consortium (W3C).',
        ],
      },
      {
        heading: 'Compliance status',
        paragraphs: [
          'MonGuichet.mc is partially compliant with WCAG 2.2 level AA, because of the non-compliance and the lack of a full audit described below.',
        ],
      },
      {
        heading: 'How it was assessed',
        paragraphs: ['The portal’s accessibility is checked at every change to the software:'],
        items: [
          'automated checks with the axe tool on every page, at phone width and at desktop width;',
          'checks of the main journeys with the keyboard only, without a mouse;',
          'checks that the pages work with JavaScript turned off.',
        ],
      },
      {
        heading: 'Limits of the assessment',
        paragraphs: [
          'A full manual audit, criterion by criterion, by an independent auditor has not been carried out yet. Automated checks find only part of the possible barriers; that is why the portal is declared partially compliant.',
        ],
      },
      {
        heading: 'Content that is not accessible',
        paragraphs: [
          'The guide to the canteen payment procedure, offered as a PDF, is not a tagged accessible PDF. The same information is available as an accessible web page in the portal’s “Help / Contact” section.',
        ],
      },
      {
        heading: 'Report a barrier',
        paragraphs: [
          'If you cannot access some content or a service, contact us: we will tell you another way to get the information or carry out your procedure, and we will fix the barrier you reported.',
        ],
        items: [
          'E-mail: contact@monguichet.mc',
          'Telephone: (+377) 98 98 95 99',
          'Post: Délégation Interministérielle chargée de la Transition Numérique, 2 rue du Gabian, Bâtiment les Industries, 5th floor, MC 98000 Monaco',
        ],
      },
      {
        heading: 'Recourse',
        paragraphs: [
          'If you have reported a barrier and have not received a satisfactory answer, you may refer the matter to the High Commission for the Protection of Rights and Freedoms and for Mediation, to which anyone who feels wronged by the working of an administrative service of the Principality can turn free of charge.',
        ],
      },
      {
        heading: 'Date of this statement',
        paragraphs: ['This statement was drawn up on 27 November 2026.'],
      },
    ],
  },
};
