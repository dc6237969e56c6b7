import type { Messages } from './en';

/** Every text the widget shows, in Turkish: formal ("siz"), as Turkish gyms address visitors on their websites. */
export const tr = {
  'field.firstName': 'Ad',
  'field.lastName': 'Soyad',
  'field.email': 'E-posta',
  'field.phone': 'Telefon',
  'field.gender': 'Cinsiyet',
  'field.birthDate': 'Doğum tarihi',
  'field.address.street': 'Cadde/Sokak',
  'field.address.houseNumber': 'Bina no.',
  'field.address.zipCode': 'Posta kodu',
  'field.address.city': 'Şehir',
  'field.address.countryCode': 'Ülke',
  'field.studioId': 'Salon',
  'field.note': 'Mesajınız',
  'field.custom': 'Yanıtınız',
  'field.consent.privacy': 'Gizlilik',
  'field.consent.marketing': 'Evet, haberleri ve fırsatları almak istiyorum. Aboneliğimden istediğim zaman çıkabilirim.',
  'field.consent.channels': 'Sizi hangi yollarla bilgilendirelim?',

  'gender.female': 'Kadın',
  'gender.male': 'Erkek',
  'gender.diverse': 'Non-binary',

  'category.CONTRACT': 'Sözleşme ve üyelik',
  'category.GENERAL': 'Genel haberler',
  'category.APPOINTMENT': 'Randevular',
  'category.NEWSLETTER': 'E-bülten',
  'category.LOYALTY_PROGRAM': 'Sadakat programı',

  'channel.LETTER': 'Mektup',
  'channel.EMAIL': 'E-posta',
  'channel.TEXT_MESSAGE': 'SMS',
  'channel.PHONE': 'Telefon',
  'channel.FAX': 'Faks',
  'channel.CONVERSATION': 'Yüz yüze',
  'channel.CHAT': 'Canlı sohbet',
  'channel.OTHER': 'Diğer',

  'form.required': 'zorunlu',
  'form.optional': 'isteğe bağlı',
  'form.requiredNote': '* ile işaretli alanların doldurulması zorunludur.',
  'form.choose': 'Lütfen seçin',
  'form.yes': 'Evet',
  'form.no': 'Hayır',
  'form.address': 'Adres',
  'form.addressHelp': 'Adresinizi belirtirseniz lütfen tüm alanları doldurun.',
  'form.submit': 'Gönder',
  'form.sending': 'Gönderiliyor…',
  'form.privacy': 'Kişisel verilerimin {link} kapsamında işlenmesini kabul ediyorum.',
  'form.privacyLink': 'gizlilik politikası',
  'form.privacyLinkAlone': 'Gizlilik politikasını okuyun',
  'form.newTab': '(yeni sekmede açılır)',
  'form.channelsHelp': 'Size uygun olanları işaretleyin. Onayınızı istediğiniz zaman geri alabilirsiniz.',
  'form.trap': 'Bu alanı boş bırakın',
  'challenge.failed':
    'Güvenlik kontrolü başlatılamadı. Lütfen sayfayı yenileyin; sorun devam ederse doğrudan salonla iletişime geçin.',
  'form.errorPrefix': 'Hata:',
  'form.or': 'veya',

  'group.contact': 'Size nasıl ulaşabiliriz?',
  'group.contact.help': 'Bir e-posta adresi veya telefon numarası yeterlidir.',
  'group.oneOf.help': 'Bunlardan biri yeterlidir.',

  'summary.title': 'Lütfen bilgilerinizi kontrol edin',

  'result.successTitle': 'Teşekkürler!',
  'result.success': 'Bilgilerinizi aldık, en kısa sürede sizinle iletişime geçeceğiz.',
  'result.duplicateTitle': 'Sizden yeniden haber almak güzel!',
  'result.duplicate': 'Görünüşe göre zaten kayıtlısınız. Ekibimiz sizinle iletişime geçecek.',
  'result.redirecting': 'Teşekkürler! Sonraki sayfaya yönlendiriliyorsunuz…',
  'result.accepted': 'Bilgilerinizi aldık, kısa süre içinde salona ileteceğiz.',

  'profile.title': 'Bize biraz daha bilgi verin (isteğe bağlı)',
  'profile.send': 'Bilgileri ekle',
  'profile.skip': 'Hayır, teşekkürler',
  'profile.updated': 'Teşekkürler, antrenörünüz buna göre hazırlanacak.',
  'profile.declined': 'Sorun değil. Görüşmek üzere!',
  'profile.notSent': 'Bu bilgiler henüz gönderilmedi',
  'profile.notSentText':
    'Talebiniz bize ulaştı, yalnızca bu ek bilgiler eksik. Lütfen birazdan tekrar deneyin. Yanıtlarınız korunuyor.',
  'profile.unavailable': 'Bu bilgileri ekleyemedik ancak ilk talebiniz bize ulaştı.',

  'failure.notSent': 'Bilgileriniz henüz gönderilmedi',
  'failure.failed': 'Bilgileriniz gönderilemedi',
  'failure.network':
    'Sunucumuza ulaşamadık. Lütfen internet bağlantınızı kontrol edip tekrar deneyin. Girdiğiniz tüm bilgiler korunuyor.',
  'failure.retryAfter': 'Lütfen tekrar denemeden önce yaklaşık {seconds} saniye bekleyin.',
  'failure.retry': 'Tekrar dene',

  'outbox.savedTitle': 'Bu cihaza kaydedildi, henüz gönderilmedi',
  'outbox.saved':
    'Bilgilerinizi şu anda gönderemedik, bu yüzden salon henüz bunları almadı. Bilgileriniz bu cihaza kaydedildi ve bağlantı sağlanır sağlanmaz otomatik olarak gönderilecek. Bu sayfayı açık bırakın veya 7 gün içinde bu sayfaya geri dönün.',
  'outbox.sendNow': 'Şimdi gönder',
  'outbox.stillNotSent': 'Hâlâ gönderilemedi. Otomatik olarak denemeye devam edeceğiz.',
  'outbox.earlierSent': 'Önceki talebiniz artık gönderildi.',
  'outbox.earlierWaiting':
    'Önceki bir talebiniz bu cihazda kayıtlı ve henüz gönderilmedi. Otomatik olarak denemeye devam edeceğiz.',
  'outbox.earlierLost': 'Önceki talebiniz gönderilemedi. Lütfen formu doldurup yeniden gönderin.',

  'error.required': 'Lütfen bu alanı doldurun.',
  'error.required.choice': 'Lütfen bir yanıt seçin.',
  'error.too_long': 'Lütfen en fazla {max} karakter kullanın.',
  'error.invalid_type': 'Bu yanıt beklenen biçimde değil.',
  'error.invalid_email': 'Lütfen geçerli bir e-posta adresi girin, örneğin ad@ornek.com.',
  'error.invalid_phone': 'Lütfen en az 5 haneli geçerli bir telefon numarası girin, örneğin +90 212 123 45 67.',
  'error.invalid_date': 'Lütfen geçerli bir tarih girin.',
  'error.invalid_date.past': 'Lütfen geçmiş bir tarih girin.',
  'error.invalid_date.future': 'Lütfen bugünün ya da daha sonraki bir günün tarihini girin.',
  'error.invalid_number': 'Lütfen bir tam sayı girin, örneğin 3.',
  'error.invalid_characters': 'Lütfen kontrol veya biçimlendirme karakterleri gibi özel karakterleri kaldırın.',
  'error.invalid_option': 'Lütfen sunulan seçeneklerden birini seçin.',
  'error.must_accept': 'Devam etmek için lütfen bu kutuyu işaretleyin.',
  'error.one_required': 'Lütfen bu alanlardan en az birini doldurun.',
  'error.one_required.contact': 'Lütfen bir e-posta adresi veya telefon numarası girin.',
  'error.unknown_field': 'Bu form bu bilgiyi kabul etmiyor.',
  'error.invalid': 'Lütfen bu girişi kontrol edin.',

  'code.FORM_NOT_FOUND': 'Bu form artık mevcut değil. Lütfen doğrudan salonla iletişime geçin.',
  'code.NOT_FOUND': 'Form, sunucusuna ulaşamadı. Lütfen doğrudan salonla iletişime geçin.',
  'code.METHOD_NOT_ALLOWED': 'Form, sunucusuyla iletişim kuramadı. Lütfen doğrudan salonla iletişime geçin.',
  'code.INVALID_JSON': 'Form, sunucusunun okuyamadığı bir veri gönderdi. Lütfen tekrar deneyin.',
  'code.INVALID_REQUEST': 'Form, sunucusunun okuyamadığı bir veri gönderdi. Lütfen tekrar deneyin.',
  'code.INVALID_IDEMPOTENCY_KEY': 'Form, sunucusunun okuyamadığı bir veri gönderdi. Lütfen tekrar deneyin.',
  'code.UNSUPPORTED_MEDIA_TYPE': 'Form, sunucusunun okuyamadığı bir veri gönderdi. Lütfen tekrar deneyin.',
  'code.PAYLOAD_TOO_LARGE': 'Girdiğiniz bilgiler gönderilemeyecek kadar uzun. Lütfen kısaltıp tekrar deneyin.',
  'code.SUBMISSION_NOT_FOUND': 'Talebinizi bulamadık, bu yüzden bu bilgiler talebinize eklenemiyor.',
  'code.PROFILE_NOT_AVAILABLE': 'Bu bilgiler şu anda talebinize eklenemiyor.',
  'code.IDEMPOTENCY_KEY_REUSED': 'Talebiniz önceki bir taleple karıştı. Lütfen formu yeniden gönderin.',
  'code.ADMIN_UNAUTHORIZED': 'Bizim tarafımızda bir sorun oluştu. Lütfen doğrudan salonla iletişime geçin.',
  'code.ADMIN_DISABLED': 'Bizim tarafımızda bir sorun oluştu. Lütfen doğrudan salonla iletişime geçin.',
  'code.DELIVERY_NOT_REPLAYABLE': 'Bizim tarafımızda bir sorun oluştu. Lütfen doğrudan salonla iletişime geçin.',
  'code.RATE_LIMITED':
    'Bağlantınızdan kısa sürede çok fazla istek gönderildi. Lütfen biraz bekleyip tekrar deneyin. Girdiğiniz tüm bilgiler korunuyor.',
  'code.BOT_CHECK_FAILED':
    'Talebiniz otomatik gönderilmiş gibi göründüğü için iletilmedi. Lütfen sayfayı yenileyip formu yeniden doldurun.',
  'code.CHALLENGE_FAILED':
    'Güvenlik kontrolü başarısız oldu. Lütfen kontrolü yeniden tamamlayıp formu tekrar gönderin. Girdiğiniz tüm bilgiler korunuyor.',
  'code.CHALLENGE_UNAVAILABLE':
    'Güvenlik kontrolü şu anda doğrulanamıyor. Lütfen birazdan tekrar deneyin. Girdiğiniz tüm bilgiler korunuyor.',
  'code.ORIGIN_NOT_ALLOWED': 'Bu form bu web sitesinde kullanılamaz. Lütfen doğrudan salonla iletişime geçin.',
  'code.VALIDATION_FAILED': 'Bazı bilgiler eksik veya geçersiz. Lütfen işaretli alanları kontrol edin.',
  'code.VENDOR_REJECTED':
    'Salonun sistemi bilgilerinizi kabul etmedi. Lütfen bilgilerinizi kontrol edin veya doğrudan salonla iletişime geçin.',
  'code.VENDOR_UNAVAILABLE':
    'Salonun sistemine şu anda ulaşılamıyor. Lütfen birazdan tekrar deneyin. Girdiğiniz tüm bilgiler korunuyor.',
  'code.FORM_MISCONFIGURED':
    'Bu form henüz doğru şekilde ayarlanmamış. Salon durumdan haberdar edildi; lütfen doğrudan salonla iletişime geçin.',
  'code.INTERNAL_ERROR':
    'Bizim tarafımızda bir sorun oluştu. Lütfen birazdan tekrar deneyin. Girdiğiniz tüm bilgiler korunuyor.',
} as const satisfies Messages;
