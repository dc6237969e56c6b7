import type { Messages } from './en';

/** Every text the widget shows, in French (France): formal ("vous"), as French fitness clubs address visitors on their websites. */
export const fr = {
  'field.firstName': 'Prénom',
  'field.lastName': 'Nom',
  'field.email': 'E-mail',
  'field.phone': 'Téléphone',
  'field.gender': 'Genre',
  'field.birthDate': 'Date de naissance',
  'field.address.street': 'Rue',
  'field.address.houseNumber': 'Numéro',
  'field.address.zipCode': 'Code postal',
  'field.address.city': 'Ville',
  'field.address.countryCode': 'Pays',
  'field.studioId': 'Club',
  'field.note': 'Message',
  'field.custom': 'Votre réponse',
  'field.consent.privacy': 'Protection des données',
  'field.consent.marketing': 'Oui, je souhaite recevoir les actualités et les offres. Je peux me désabonner à tout moment.',
  'field.consent.channels': 'Comment souhaitez-vous recevoir nos informations ?',

  'gender.female': 'Femme',
  'gender.male': 'Homme',
  'gender.diverse': 'Non binaire',

  'category.CONTRACT': 'Contrat et abonnement',
  'category.GENERAL': 'Actualités générales',
  'category.APPOINTMENT': 'Rendez-vous',
  'category.NEWSLETTER': 'Newsletter',
  'category.LOYALTY_PROGRAM': 'Programme de fidélité',

  'channel.LETTER': 'Courrier',
  'channel.EMAIL': 'E-mail',
  'channel.TEXT_MESSAGE': 'SMS',
  'channel.PHONE': 'Téléphone',
  'channel.FAX': 'Fax',
  'channel.CONVERSATION': 'En personne',
  'channel.CHAT': 'Chat',
  'channel.OTHER': 'Autre',

  'form.required': 'obligatoire',
  'form.optional': 'facultatif',
  'form.requiredNote': "Les champs marqués d'un * sont obligatoires.",
  'form.choose': 'Veuillez choisir',
  'form.yes': 'Oui',
  'form.no': 'Non',
  'form.address': 'Adresse',
  'form.addressHelp': "Si vous indiquez votre adresse, merci d'en remplir tous les champs.",
  'form.submit': 'Envoyer',
  'form.sending': 'Envoi en cours…',
  'form.privacy': "J'accepte le traitement de mes données conformément à la {link}.",
  'form.privacyLink': 'politique de confidentialité',
  'form.privacyLinkAlone': 'Lire la politique de confidentialité',
  'form.newTab': "(s'ouvre dans un nouvel onglet)",
  'form.channelsHelp': 'Cochez ce qui vous convient. Vous pouvez retirer votre consentement à tout moment.',
  'form.trap': 'Laissez ce champ vide',
  'challenge.failed':
    "La vérification de sécurité n'a pas pu démarrer. Veuillez recharger la page. Si le problème persiste, contactez directement le club.",
  'form.errorPrefix': 'Erreur :',
  'form.or': 'ou',

  'group.contact': 'Comment pouvons-nous vous joindre ?',
  'group.contact.help': 'Une adresse e-mail ou un numéro de téléphone suffit.',
  'group.oneOf.help': 'Une seule de ces informations suffit.',

  'summary.title': 'Veuillez vérifier vos informations',

  'result.successTitle': 'Merci !',
  'result.success': 'Nous avons bien reçu vos informations et reviendrons vers vous très vite.',
  'result.duplicateTitle': 'Ravis de vous retrouver !',
  'result.duplicate': 'Il semble que nous ayons déjà vos coordonnées. Notre équipe va vous recontacter.',
  'result.redirecting': 'Merci ! Redirection vers la page suivante…',
  'result.accepted': 'Nous avons bien reçu vos informations et les transmettrons très prochainement au club.',

  'profile.title': 'Dites-nous-en un peu plus (facultatif)',
  'profile.send': 'Ajouter ces informations',
  'profile.skip': 'Non merci',
  'profile.updated': 'Merci, votre coach pourra ainsi bien se préparer.',
  'profile.declined': 'Pas de souci. À bientôt !',
  'profile.notSent': "Ces informations n'ont pas encore été envoyées",
  'profile.notSentText':
    'Votre demande nous est bien parvenue, il ne manque que ces informations complémentaires. Veuillez réessayer dans un instant. Vos réponses sont conservées.',
  'profile.unavailable': "Nous n'avons pas pu ajouter ces informations, mais votre première demande nous est bien parvenue.",

  'failure.notSent': "Vos informations n'ont pas encore été envoyées",
  'failure.failed': "Vos informations n'ont pas pu être envoyées",
  'failure.network':
    'Impossible de joindre notre serveur. Veuillez vérifier votre connexion et réessayer. Tout ce que vous avez saisi est conservé.',
  'failure.retryAfter': 'Veuillez patienter environ {seconds} secondes avant de réessayer.',
  'failure.retry': 'Réessayer',

  'outbox.savedTitle': 'Enregistré sur cet appareil, pas encore envoyé',
  'outbox.saved':
    "Nous n'avons pas pu envoyer vos informations pour le moment, le club ne les a donc pas encore. Elles sont enregistrées sur cet appareil et seront envoyées automatiquement dès que la connexion fonctionnera. Laissez cette page ouverte ou revenez-y dans les 7 jours.",
  'outbox.sendNow': 'Envoyer maintenant',
  'outbox.stillNotSent': "Toujours pas envoyé. Nous continuons d'essayer automatiquement.",
  'outbox.earlierSent': 'Votre demande précédente a bien été envoyée.',
  'outbox.earlierWaiting':
    "Une demande que vous avez faite précédemment est enregistrée sur cet appareil et n'a pas encore été envoyée. Nous continuons d'essayer automatiquement.",
  'outbox.earlierLost': "Votre demande précédente n'a pas pu être envoyée. Veuillez remplir le formulaire et l'envoyer à nouveau.",

  'error.required': 'Veuillez renseigner ce champ.',
  'error.required.choice': 'Veuillez choisir une réponse.',
  'error.too_long': 'Veuillez saisir {max} caractères au maximum.',
  'error.invalid_type': "Cette réponse n'est pas au format attendu.",
  'error.invalid_email': 'Veuillez saisir une adresse e-mail valide, par exemple nom@exemple.fr.',
  'error.invalid_phone': "Veuillez saisir un numéro de téléphone valide d'au moins 5 chiffres, par exemple +33 1 23 45 67 89.",
  'error.invalid_date': 'Veuillez saisir une date valide.',
  'error.invalid_date.past': 'Veuillez saisir une date passée.',
  'error.invalid_date.future': "Veuillez saisir la date d'aujourd'hui ou une date ultérieure.",
  'error.invalid_number': 'Veuillez saisir un nombre entier, par exemple 3.',
  'error.invalid_characters': 'Veuillez supprimer les caractères spéciaux, comme les caractères de contrôle ou de mise en forme.',
  'error.invalid_option': "Veuillez choisir l'une des options proposées.",
  'error.must_accept': 'Veuillez cocher cette case pour continuer.',
  'error.one_required': "Veuillez remplir au moins l'un de ces champs.",
  'error.one_required.contact': 'Veuillez indiquer une adresse e-mail ou un numéro de téléphone.',
  'error.unknown_field': "Ce formulaire n'accepte pas cette information.",
  'error.invalid': 'Veuillez vérifier cette saisie.',

  'code.FORM_NOT_FOUND': "Ce formulaire n'existe plus. Veuillez contacter directement le club.",
  'code.NOT_FOUND': "Le formulaire n'a pas pu joindre son serveur. Veuillez contacter directement le club.",
  'code.METHOD_NOT_ALLOWED': "Le formulaire n'a pas pu communiquer avec son serveur. Veuillez contacter directement le club.",
  'code.INVALID_JSON': "Le formulaire a envoyé des données que son serveur n'a pas pu lire. Veuillez réessayer.",
  'code.INVALID_REQUEST': "Le formulaire a envoyé des données que son serveur n'a pas pu lire. Veuillez réessayer.",
  'code.INVALID_IDEMPOTENCY_KEY': "Le formulaire a envoyé des données que son serveur n'a pas pu lire. Veuillez réessayer.",
  'code.UNSUPPORTED_MEDIA_TYPE': "Le formulaire a envoyé des données que son serveur n'a pas pu lire. Veuillez réessayer.",
  'code.PAYLOAD_TOO_LARGE': 'Vos saisies sont trop longues pour être envoyées. Veuillez les raccourcir et réessayer.',
  'code.SUBMISSION_NOT_FOUND': "Nous n'avons pas trouvé votre demande, ces informations ne peuvent donc pas y être ajoutées.",
  'code.PROFILE_NOT_AVAILABLE': 'Ces informations ne peuvent pas être ajoutées à votre demande pour le moment.',
  'code.IDEMPOTENCY_KEY_REUSED': 'Votre demande a été confondue avec une demande précédente. Veuillez renvoyer le formulaire.',
  'code.ADMIN_UNAUTHORIZED': "Une erreur s'est produite de notre côté. Veuillez contacter directement le club.",
  'code.ADMIN_DISABLED': "Une erreur s'est produite de notre côté. Veuillez contacter directement le club.",
  'code.DELIVERY_NOT_REPLAYABLE': "Une erreur s'est produite de notre côté. Veuillez contacter directement le club.",
  'code.RATE_LIMITED':
    'Trop de demandes ont été envoyées depuis votre connexion en peu de temps. Veuillez patienter un instant et réessayer. Tout ce que vous avez saisi est conservé.',
  'code.BOT_CHECK_FAILED':
    "Votre demande semblait automatisée, elle n'a donc pas été envoyée. Veuillez recharger la page et remplir à nouveau le formulaire.",
  'code.CHALLENGE_FAILED':
    "La vérification de sécurité n'a pas abouti. Veuillez la refaire, puis renvoyer le formulaire. Tout ce que vous avez saisi est conservé.",
  'code.CHALLENGE_UNAVAILABLE':
    'La vérification de sécurité ne peut pas être confirmée pour le moment. Veuillez réessayer dans un instant. Tout ce que vous avez saisi est conservé.',
  'code.ORIGIN_NOT_ALLOWED': 'Ce formulaire ne peut pas être utilisé sur ce site. Veuillez contacter directement le club.',
  'code.VALIDATION_FAILED': 'Certaines informations sont manquantes ou invalides. Veuillez vérifier les champs signalés.',
  'code.VENDOR_REJECTED':
    "Le système du club n'a pas accepté vos informations. Veuillez les vérifier ou contacter directement le club.",
  'code.VENDOR_UNAVAILABLE':
    'Le système du club est momentanément indisponible. Veuillez réessayer dans un instant. Tout ce que vous avez saisi est conservé.',
  'code.FORM_MISCONFIGURED':
    "Ce formulaire n'est pas encore correctement configuré. Le club a été prévenu. Veuillez le contacter directement.",
  'code.INTERNAL_ERROR':
    "Une erreur s'est produite de notre côté. Veuillez réessayer dans un instant. Tout ce que vous avez saisi est conservé.",
} as const satisfies Messages;
