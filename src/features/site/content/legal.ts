/** "Mentions légales": publisher, director of publication, host, intellectual property, licence, links. */
import type { LocalizedDocument } from './document.types.ts';

export const legalNotice: LocalizedDocument = {
  fr: {
    title: 'Mentions légales',
    lead: 'Les informations légales relatives au portail MonGuichet.mc, son éditeur, son hébergement et les conditions de réutilisation de ses contenus.',
    sections: [
      {
        heading: 'Éditeur',
        paragraphs: [
          'Le portail MonGuichet.mc est édité par le Gouvernement Princier de la Principauté de Monaco, représenté par la Délégation Interministérielle chargée de la Transition Numérique.',
        ],
        items: [
          'Délégation Interministérielle chargée de la Transition Numérique',
          '2 rue du Gabian, Bâtiment les Industries, 5e étage, MC 98000 Monaco',
          'Courriel : contact@monguichet.mc',
          'Téléphone : (+377) 98 98 95 99',
        ],
      },
      {
        heading: 'Directeur de la publication',
        paragraphs: [
          'Le directeur de la publication est le Délégué Interministériel chargé de la Transition Numérique.',
          'Les contenus propres à chaque démarche sont rédigés sous la responsabilité du service administratif qui la propose.',
        ],
      },
      {
        heading: 'Hébergement',
        paragraphs: [
          'Le portail est hébergé par un opérateur de cloud souverain monégasque, dans des centres de données situés en Principauté de Monaco (hébergement souverain en Principauté de Monaco).',
        ],
      },
      {
        heading: 'Propriété intellectuelle',
        paragraphs: [
          'Les textes, informations pratiques et illustrations publiés sur ce portail sont la propriété du Gouvernement Princier, sauf mention contraire.',
          'Les textes informatifs peuvent être reproduits librement à des fins non commerciales, à condition de ne pas en altérer le sens et de mentionner leur source, « MonGuichet.mc », ainsi que la date de leur consultation.',
          'Les armoiries, emblèmes, logos et marques du Gouvernement Princier, de la Mairie de Monaco et de MConnect ne peuvent être reproduits sans autorisation écrite préalable.',
        ],
      },
      {
        heading: 'Logiciel libre',
        paragraphs: [
          'Le logiciel qui fait fonctionner ce portail est un logiciel libre, publié sous la Licence publique de l’Union européenne, version 1.2 (EUPL-1.2).',
          'Son code source peut être consulté, réutilisé, modifié et redistribué dans les conditions de cette licence. La licence porte sur le logiciel ; elle ne s’étend ni aux contenus éditoriaux ni aux signes distinctifs mentionnés ci-dessus.',
        ],
      },
      {
        heading: 'Liens hypertextes',
        paragraphs: [
          'Tout site public ou privé peut créer un lien vers une page de MonGuichet.mc sans autorisation préalable, à condition que la page s’ouvre dans une fenêtre entière du navigateur et que le lien ne laisse pas croire à un partenariat ou à une approbation du Gouvernement Princier.',
          'MonGuichet.mc propose des liens vers les sites d’autres services de l’Administration et de partenaires. Le Gouvernement Princier ne peut être tenu responsable du contenu des sites extérieurs à l’Administration.',
        ],
      },
    ],
  },
  en: {
    title: 'Legal notice',
    lead: 'Legal information about the MonGuichet.mc portal, its publisher, its hosting and the terms for reusing its content.',
    sections: [
      {
        heading: 'Publisher',
        paragraphs: [
          'The MonGuichet.mc portal is published by the Prince’s Government of the Principality of Monaco, represented by the Interministerial Delegation for Digital Transition.',
        ],
        items: [
          'Délégation Interministérielle chargée de la Transition Numérique (Interministerial Delegation for Digital Transition)',
          '2 rue du Gabian, Bâtiment les Industries, 5th floor, MC 98000 Monaco',
          'E-mail: contact@monguichet.mc',
          'Telephone: (+377) 98 98 95 99',
        ],
      },
      {
        heading: 'Director of publication',
        paragraphs: [
          'The director of publication is the Interministerial Delegate for Digital Transition.',
          'The content specific to each procedure is written under the responsibility of the administrative department that offers it.',
        ],
      },
      {
        heading: 'Hosting',
        paragraphs: [
          'The portal is hosted by a Monegasque sovereign cloud operator, in data centres located in the Principality of Monaco (sovereign hosting in the Principality of Monaco).',
        ],
      },
      {
        heading: 'Intellectual property',
        paragraphs: [
          'The texts, practical information and illustrations published on this portal belong to the Prince’s Government unless stated otherwise.',
          'Informative texts may be reproduced freely for non-commercial purposes, provided their meaning is not altered and their source, “MonGuichet.mc”, and the date they were consulted are stated.',
          'The coats of arms, emblems, logos and trademarks of the Prince’s Government, the Mairie de Monaco and MConnect may not be reproduced without prior written permission.',
        ],
      },
      {
        heading: 'Open-source software',
        paragraphs: [
          'The software that runs this portal is free and open-source software, published under the European Union Public Licence, version 1.2 (EUPL-1.2).',
          'Its source code may be read, reused, modified and redistributed under the terms of that licence. The licence covers the software; it does not extend to the editorial content or to the distinctive signs mentioned above.',
        ],
      },
      {
        heading: 'Links',
        paragraphs: [
          'Any public or private website may link to a page of MonGuichet.mc without prior permission, provided the page opens in a full browser window and the link does not suggest a partnership with or endorsement by the Prince’s Government.',
          'MonGuichet.mc links to the websites of other government departments and partners. The Prince’s Government cannot be held responsible for the content of websites outside the Administration.',
        ],
      },
    ],
  },
};
