/** Questions of the "Aide / Contact" page, following the official flyer "Payez la cantine de vos enfants sur MonGuichet.mc". */
import type { Lang } from '../../../i18n/types.ts';
import type { FaqEntry } from './document.types.ts';

export const helpFaq: Record<Lang, readonly FaqEntry[]> = {
  fr: [
    {
      question: 'Comment me connecter à MonGuichet.mc ?',
      answer: [
        'Si vous possédez une identité numérique activée (carte d’identité monégasque ou carte de séjour), cliquez sur « S’identifier avec MConnect » et suivez les instructions à l’écran. Lors de votre première connexion avec MConnect, si vous possédez déjà un compte MonGuichet.mc, associez ce compte à votre identité numérique pour retrouver l’historique de vos démarches.',
        'Si vous possédez un compte MonGuichet.mc, par exemple pour l’inscription scolaire, le SPME, les bulletins de paie ou la visite technique de votre véhicule, saisissez votre identifiant et votre mot de passe, puis cliquez sur « Me connecter ».',
      ],
    },
    {
      question: 'J’ai oublié mon identifiant. Que faire ?',
      answer: [
        'Cliquez sur « Identifiant oublié » et entrez votre adresse e-mail. Vous recevrez par e-mail le ou les identifiants rattachés à cette adresse : une même adresse peut en effet être utilisée pour plusieurs comptes.',
        'Si vous ne recevez aucun e-mail, après avoir vérifié votre dossier de courriers indésirables, c’est que vous n’avez pas encore de compte pour cette adresse e-mail.',
      ],
    },
    {
      question: 'J’ai oublié mon mot de passe. Que faire ?',
      answer: [
        'Cliquez sur « Mot de passe oublié », entrez votre identifiant et suivez la procédure reçue par e-mail pour choisir un nouveau mot de passe.',
        'Si vous avez aussi oublié votre identifiant, utilisez d’abord « Identifiant oublié ».',
      ],
    },
    {
      question: 'Je n’ai pas encore de compte. Comment en créer un ?',
      answer: [
        'Cliquez sur « Créer mon compte », choisissez « Je suis un particulier », puis suivez les instructions à l’écran.',
        'Une fois votre compte créé, connectez-vous et accédez à vos démarches. Vous pouvez aussi, si vous avez une identité numérique activée, vous connecter directement avec MConnect.',
      ],
    },
    {
      question: 'Comment payer la cantine de mes enfants en ligne ?',
      answer: [
        'Connectez-vous, puis cliquez sur la démarche « Payer la cantine en ligne pour (votre établissement) » : vous accédez au service en ligne de paiement de la cantine.',
        'Avec un seul compte, vous payez la cantine de tous vos enfants en une seule fois, même s’ils sont dans des établissements différents, depuis votre ordinateur, votre téléphone ou votre tablette.',
        'Vous retrouvez ensuite vos paiements et vos justificatifs dans la section « Mes démarches ».',
      ],
    },
    {
      question: 'Le paiement en ligne de la cantine est-il payant ?',
      answer: [
        'Non. L’utilisation de MonGuichet.mc est gratuite et aucun frais n’est ajouté au montant de vos factures de cantine lorsque vous les payez en ligne.',
        'Le paiement se fait sur la page sécurisée d’un prestataire de paiement : le portail ne voit jamais les données de votre carte bancaire.',
      ],
    },
    {
      question: 'Qui contacter au sujet du montant d’une facture de cantine ?',
      answer: [
        'Le montant d’une facture dépend des repas pris par votre enfant et, le cas échéant, de l’allocation de cantine. Pour toute question sur un montant, un repas facturé ou une absence à déduire, adressez-vous au secrétariat de l’établissement scolaire de votre enfant.',
        'Pour une difficulté de connexion ou d’utilisation du portail, contactez l’assistance de MonGuichet.mc.',
      ],
    },
    {
      question: 'Quels appareils et quels navigateurs puis-je utiliser ?',
      answer: [
        'MonGuichet.mc fonctionne sur ordinateur, téléphone et tablette, avec les versions récentes des navigateurs courants : Firefox, Chrome, Edge et Safari.',
        'Les pages fonctionnent même si JavaScript est désactivé. Pensez à maintenir votre navigateur à jour : c’est aussi une question de sécurité.',
      ],
    },
    {
      question: 'J’ai besoin d’aide. Comment contacter l’assistance ?',
      answer: [
        'Pour tout renseignement : contact@monguichet.mc ou (+377) 98 98 95 99.',
        'Délégation Interministérielle chargée de la Transition Numérique, 2 rue du Gabian, Bâtiment les Industries, 5e étage, MC 98000 Monaco.',
        'Ne communiquez jamais votre mot de passe, ni par e-mail ni par téléphone : l’assistance ne vous le demandera jamais.',
      ],
    },
  ],
  en: [
    {
      question: 'How do I log in to MonGuichet.mc?',
      answer: [
        'If you have an activated digital identity (Monegasque identity card or residence permit), click “Sign in with MConnect” and follow the instructions on screen. The first time you log in with MConnect, if you already have a MonGuichet.mc account, link that account to your digital identity to keep the history of your procedures.',
        'If you have a MonGuichet.mc account, for example for school enrolment, the SPME, payslips or your vehicle’s technical inspection, enter your identifier and password, then click “Log in”.',
      ],
    },
    {
      question: 'I have forgotten my identifier. What should I do?',
      answer: [
        'Click “Forgotten identifier” and enter your e-mail address. You will receive by e-mail the identifier or identifiers attached to that address: the same address can be used for several accounts.',
        'If you receive no e-mail, after checking your spam folder, you do not have an account for that e-mail address yet.',
      ],
    },
    {
      question: 'I have forgotten my password. What should I do?',
      answer: [
        'Click “Forgotten password”, enter your identifier and follow the instructions you receive by e-mail to choose a new password.',
        'If you have also forgotten your identifier, use “Forgotten identifier” first.',
      ],
    },
    {
      question: 'I do not have an account yet. How do I create one?',
      answer: [
        'Click “Create my account”, choose “I am an individual”, then follow the instructions on screen.',
        'Once your account is created, log in and go to your procedures. If you have an activated digital identity, you can also log in directly with MConnect.',
      ],
    },
    {
      question: 'How do I pay for my children’s school canteen online?',
      answer: [
        'Log in, then click the procedure “Pay the canteen online for (your school)”: you reach the online canteen payment service.',
        'With a single account, you pay the canteen for all your children in one go, even if they attend different schools, from your computer, phone or tablet.',
        'You will then find your payments and receipts in the “My procedures” section.',
      ],
    },
    {
      question: 'Is there a fee for paying the canteen online?',
      answer: [
        'No. Using MonGuichet.mc is free and no fee is added to your canteen bills when you pay them online.',
        'Payment is made on a payment provider’s secure page: the portal never sees your card details.',
      ],
    },
    {
      question: 'Who should I contact about the amount of a canteen bill?',
      answer: [
        'The amount of a bill depends on the meals your child ate and, where applicable, on the canteen allowance. For any question about an amount, a meal billed or an absence to be deducted, contact the office of your child’s school.',
        'For a problem logging in or using the portal, contact the MonGuichet.mc help desk.',
      ],
    },
    {
      question: 'Which devices and browsers can I use?',
      answer: [
        'MonGuichet.mc works on computers, phones and tablets, with recent versions of the common browsers: Firefox, Chrome, Edge and Safari.',
        'The pages work even with JavaScript turned off. Keep your browser up to date: it also matters for your security.',
      ],
    },
    {
      question: 'I need help. How do I contact the help desk?',
      answer: [
        'For any information: contact@monguichet.mc or (+377) 98 98 95 99.',
        'Délégation Interministérielle chargée de la Transition Numérique, 2 rue du Gabian, Bâtiment les Industries, 5th floor, MC 98000 Monaco.',
        'Never give your password to anyone, by e-mail or by telephone: the help desk will never ask you for it.',
      ],
    },
  ],
};
