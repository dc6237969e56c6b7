import type { Messages } from './en';

/** Every text the widget shows, in Spanish (Spain): informal ("tú"), as Spanish gyms speak to members. */
export const es = {
  'field.firstName': 'Nombre',
  'field.lastName': 'Apellidos',
  'field.email': 'Correo electrónico',
  'field.phone': 'Teléfono',
  'field.gender': 'Género',
  'field.birthDate': 'Fecha de nacimiento',
  'field.address.street': 'Calle',
  'field.address.houseNumber': 'Número',
  'field.address.zipCode': 'Código postal',
  'field.address.city': 'Localidad',
  'field.address.countryCode': 'País',
  'field.studioId': 'Centro',
  'field.note': 'Mensaje',
  'field.custom': 'Tu respuesta',
  'field.consent.privacy': 'Privacidad',
  'field.consent.marketing': 'Sí, quiero recibir novedades y ofertas. Puedo darme de baja en cualquier momento.',
  'field.consent.channels': '¿Cómo prefieres que te mantengamos al día?',

  'gender.female': 'Mujer',
  'gender.male': 'Hombre',
  'gender.diverse': 'No binario',

  'category.CONTRACT': 'Contrato y membresía',
  'category.GENERAL': 'Novedades generales',
  'category.APPOINTMENT': 'Citas',
  'category.NEWSLETTER': 'Newsletter',
  'category.LOYALTY_PROGRAM': 'Programa de fidelización',

  'channel.LETTER': 'Correo postal',
  'channel.EMAIL': 'Correo electrónico',
  'channel.TEXT_MESSAGE': 'SMS',
  'channel.PHONE': 'Teléfono',
  'channel.FAX': 'Fax',
  'channel.CONVERSATION': 'En persona',
  'channel.CHAT': 'Chat',
  'channel.OTHER': 'Otro',

  'form.required': 'obligatorio',
  'form.optional': 'opcional',
  'form.requiredNote': 'Los campos marcados con * son obligatorios.',
  'form.choose': 'Selecciona una opción',
  'form.yes': 'Sí',
  'form.no': 'No',
  'form.address': 'Dirección',
  'form.addressHelp': 'Si indicas tu dirección, rellena todos sus campos.',
  'form.submit': 'Enviar',
  'form.sending': 'Enviando…',
  'form.privacy': 'Acepto el tratamiento de mis datos de acuerdo con la {link}.',
  'form.privacyLink': 'política de privacidad',
  'form.privacyLinkAlone': 'Consulta la política de privacidad',
  'form.newTab': '(se abre en una pestaña nueva)',
  'form.channelsHelp': 'Marca lo que mejor te venga. Puedes retirar tu consentimiento en cualquier momento.',
  'form.trap': 'Deja este campo vacío',
  'challenge.failed':
    'No se ha podido iniciar la comprobación de seguridad. Recarga la página y, si vuelve a ocurrir, ponte en contacto directamente con el centro.',
  'form.errorPrefix': 'Error:',
  'form.or': 'o',

  'group.contact': '¿Cómo podemos contactarte?',
  'group.contact.help': 'Basta con un correo electrónico o un número de teléfono.',
  'group.oneOf.help': 'Basta con uno de estos datos.',

  'summary.title': 'Revisa tus datos',

  'result.successTitle': '¡Gracias!',
  'result.success': 'Hemos recibido tus datos y nos pondremos en contacto contigo muy pronto.',
  'result.duplicateTitle': '¡Qué bien volver a saber de ti!',
  'result.duplicate': 'Parece que ya tenemos tus datos. Nuestro equipo se pondrá en contacto contigo.',
  'result.redirecting': '¡Gracias! Te llevamos a la siguiente página…',
  'result.accepted': 'Hemos recibido tus datos y en breve se los haremos llegar al centro.',

  'profile.title': 'Cuéntanos un poco más (opcional)',
  'profile.send': 'Añadir estos datos',
  'profile.skip': 'No, gracias',
  'profile.updated': 'Gracias, así tu entrenador podrá prepararse bien.',
  'profile.declined': 'Sin problema. ¡Hasta pronto!',
  'profile.notSent': 'Estos datos aún no se han enviado',
  'profile.notSentText':
    'Tu solicitud nos ha llegado; solo faltan estos datos adicionales. Vuelve a intentarlo en un momento. Tus respuestas siguen aquí.',
  'profile.unavailable': 'No hemos podido añadir estos datos, pero tu primera solicitud sí nos ha llegado.',

  'failure.notSent': 'Tus datos aún no se han enviado',
  'failure.failed': 'No se han podido enviar tus datos',
  'failure.network':
    'No hemos podido conectar con nuestro servidor. Comprueba tu conexión y vuelve a intentarlo. Todo lo que has escrito sigue aquí.',
  'failure.retryAfter': 'Espera unos {seconds} segundos antes de volver a intentarlo.',
  'failure.retry': 'Volver a intentarlo',

  'outbox.savedTitle': 'Guardado en este dispositivo, aún sin enviar',
  'outbox.saved':
    'No hemos podido enviar tus datos ahora mismo, así que el centro todavía no los tiene. Están guardados en este dispositivo y se enviarán automáticamente en cuanto la conexión funcione. Deja esta página abierta o vuelve a ella en un plazo de 7 días.',
  'outbox.sendNow': 'Enviar ahora',
  'outbox.stillNotSent': 'Todavía no se ha enviado. Seguiremos intentándolo automáticamente.',
  'outbox.earlierSent': 'Tu solicitud anterior ya se ha enviado.',
  'outbox.earlierWaiting':
    'Una solicitud que hiciste antes está guardada en este dispositivo y aún no se ha enviado. Seguiremos intentándolo automáticamente.',
  'outbox.earlierLost': 'No se ha podido enviar tu solicitud anterior. Rellena el formulario y vuelve a enviarlo.',

  'error.required': 'Rellena este campo.',
  'error.required.choice': 'Elige una respuesta.',
  'error.too_long': 'Usa como máximo {max} caracteres.',
  'error.invalid_type': 'Esta respuesta no tiene el formato esperado.',
  'error.invalid_email': 'Introduce un correo electrónico válido, por ejemplo nombre@ejemplo.es.',
  'error.invalid_phone': 'Introduce un número de teléfono válido de al menos 5 cifras, por ejemplo +34 912 345 678.',
  'error.invalid_date': 'Introduce una fecha válida.',
  'error.invalid_date.past': 'Introduce una fecha pasada.',
  'error.invalid_date.future': 'Introduce la fecha de hoy o una posterior.',
  'error.invalid_number': 'Introduce un número entero, por ejemplo 3.',
  'error.invalid_characters': 'Elimina los caracteres especiales, como los de control o de formato.',
  'error.invalid_option': 'Elige una de las opciones disponibles.',
  'error.must_accept': 'Marca esta casilla para continuar.',
  'error.one_required': 'Rellena al menos uno de estos campos.',
  'error.one_required.contact': 'Indica un correo electrónico o un número de teléfono.',
  'error.unknown_field': 'Este formulario no admite este dato.',
  'error.invalid': 'Revisa este dato.',

  'code.FORM_NOT_FOUND': 'Este formulario ya no existe. Ponte en contacto directamente con el centro.',
  'code.NOT_FOUND': 'El formulario no ha podido conectar con su servidor. Ponte en contacto directamente con el centro.',
  'code.METHOD_NOT_ALLOWED': 'El formulario no ha podido comunicarse con su servidor. Ponte en contacto directamente con el centro.',
  'code.INVALID_JSON': 'El formulario ha enviado algo que su servidor no ha podido leer. Vuelve a intentarlo.',
  'code.INVALID_REQUEST': 'El formulario ha enviado algo que su servidor no ha podido leer. Vuelve a intentarlo.',
  'code.INVALID_IDEMPOTENCY_KEY': 'El formulario ha enviado algo que su servidor no ha podido leer. Vuelve a intentarlo.',
  'code.UNSUPPORTED_MEDIA_TYPE': 'El formulario ha enviado algo que su servidor no ha podido leer. Vuelve a intentarlo.',
  'code.PAYLOAD_TOO_LARGE': 'Lo que has escrito es demasiado largo para enviarlo. Acórtalo y vuelve a intentarlo.',
  'code.SUBMISSION_NOT_FOUND': 'No hemos encontrado tu solicitud, así que no podemos añadirle estos datos.',
  'code.PROFILE_NOT_AVAILABLE': 'Ahora mismo no se pueden añadir estos datos a tu solicitud.',
  'code.IDEMPOTENCY_KEY_REUSED': 'Tu solicitud se ha confundido con una anterior. Vuelve a enviar el formulario.',
  'code.ADMIN_UNAUTHORIZED': 'Algo ha fallado por nuestra parte. Ponte en contacto directamente con el centro.',
  'code.ADMIN_DISABLED': 'Algo ha fallado por nuestra parte. Ponte en contacto directamente con el centro.',
  'code.DELIVERY_NOT_REPLAYABLE': 'Algo ha fallado por nuestra parte. Ponte en contacto directamente con el centro.',
  'code.RATE_LIMITED':
    'Se han enviado demasiadas solicitudes desde tu conexión en muy poco tiempo. Espera un momento y vuelve a intentarlo. Todo lo que has escrito sigue aquí.',
  'code.BOT_CHECK_FAILED':
    'Tu solicitud parecía automatizada, así que no se ha enviado. Recarga la página y vuelve a rellenar el formulario.',
  'code.CHALLENGE_FAILED':
    'La comprobación de seguridad no ha salido bien. Complétala de nuevo y vuelve a enviar el formulario. Todo lo que has escrito sigue aquí.',
  'code.CHALLENGE_UNAVAILABLE':
    'Ahora mismo no se puede confirmar la comprobación de seguridad. Vuelve a intentarlo en un momento. Todo lo que has escrito sigue aquí.',
  'code.ORIGIN_NOT_ALLOWED': 'Este formulario no se puede usar en esta web. Ponte en contacto directamente con el centro.',
  'code.VALIDATION_FAILED': 'Faltan algunos datos o no son válidos. Revisa los campos marcados.',
  'code.VENDOR_REJECTED':
    'El sistema del centro no ha aceptado tus datos. Revísalos o ponte en contacto directamente con el centro.',
  'code.VENDOR_UNAVAILABLE':
    'El sistema del centro no está disponible ahora mismo. Vuelve a intentarlo en un momento. Todo lo que has escrito sigue aquí.',
  'code.FORM_MISCONFIGURED':
    'Este formulario aún no está bien configurado. Ya hemos avisado al centro; ponte en contacto directamente con él.',
  'code.INTERNAL_ERROR':
    'Algo ha fallado por nuestra parte. Vuelve a intentarlo en un momento. Todo lo que has escrito sigue aquí.',
} as const satisfies Messages;
