// Every text of the customer page, in Azerbaijani (default), Russian and English, plus the small
// runtime that applies them. Static elements carry data-i18n="key" (textContent),
// data-i18n-placeholder, data-i18n-aria-label or data-i18n-title; dynamic ones are set through
// setText() so that a language switch re-renders them too. Server-provided text never goes
// through here: it is shown as given.

export const LANGUAGES = ['az', 'ru', 'en'];
export const DEFAULT_LANGUAGE = 'az';

/** BCP 47 tags for Intl formatting. */
export const LOCALES = { az: 'az-Latn-AZ', ru: 'ru-RU', en: 'en-GB' };

/** The company's time zone, from config.js (PLAINT_TIME_ZONE); Baku when the page runs without it. */
export const TIME_ZONE = configuredTimeZone();

function configuredTimeZone() {
  const zone = typeof window.PLAINT_TIME_ZONE === 'string' ? window.PLAINT_TIME_ZONE : '';
  if (zone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return zone;
    } catch {
      // an unknown zone in the page config: dates in Baku time are better than none
    }
  }
  return 'Asia/Baku';
}

const az = {
  'page.title': 'Müştəri xidməti — şikayətlər',
  'skip': 'Əsas məzmuna keçin',
  'brand': 'Müştəri xidməti',
  'lang.label': 'Dil',
  'hero.title': 'Bizə nəyin səhv getdiyini bildirin',
  'hero.lead':
    'Hər şikayəti 3 iş günü ərzində qəbul edir və hər addım barədə sizə yazılı məlumat veririk.',
  'hero.ways':
    'Zəng sifariş edin, onlayn çatda yazın və ya artıq göndərdiyiniz şikayətin statusunu yoxlayın.',
  'hero.chat': 'Onlayn çatda yazın',
  'required.note': '* ilə işarələnmiş sahələr məcburidir.',

  'cb.title': 'Mənə zəng edin',
  'cb.intro': 'Məlumatlarınızı qeyd edin və problemi təsvir edin. Sizinlə əlaqə saxlayacağıq.',
  'cb.fullName': 'Tam adınız',
  'cb.fullName.hint': 'Soyad, ad, ata adı',
  'cb.contact.legend': 'Sizinlə necə əlaqə saxlayaq?',
  'cb.contact.hint': 'Telefon nömrəsi, e-poçt ünvanı və ya hər ikisini göstərin.',
  'cb.phone': 'Telefon',
  'cb.phone.hint': 'Məsələn: +994 50 123 45 67',
  'cb.email': 'E-poçt',
  'cb.employeeName': 'Sizə xidmət göstərən əməkdaşın adı',
  'cb.optional': '(istəyə bağlı)',
  'cb.message': 'Nə baş verdi?',
  'cb.message.hint': 'Problemi təsvir edin: nə, harada və nə vaxt baş verdi.',
  'cb.submit': 'Müraciəti göndər',
  'cb.sending': 'Göndərilir…',
  'cb.success.title': 'Təşəkkür edirik! Şikayətinizi aldıq.',
  'cb.success.reference': 'Şikayətinizin istinad nömrəsi:',
  'cb.success.accept': 'Şikayətiniz 3 iş günü ərzində qəbul ediləcək.',
  'cb.success.keep':
    'Bu nömrəni saxlayın: onunla və telefon nömrənizlə və ya e-poçtunuzla statusu istənilən vaxt yoxlaya bilərsiniz.',
  'cb.success.callBy': 'Sizə {phone} nömrəsinə zəng edəcəyik. Ən gec zəng tarixi: {date}.',
  'cb.success.noCall':
    'Telefon nömrəsi göstərmədiyiniz üçün zəng edə bilməyəcəyik: cavabımızı {email} ünvanına yazılı göndərəcəyik.',
  'cb.success.acceptBy': 'Ən gec qəbul tarixi: {date}. Hər addım barədə sizə yazılı məlumat veriləcək.',
  'cb.another': 'Yeni müraciət göndər',

  'copy': 'Kopyala',
  'copy.label': 'İstinad nömrəsini kopyala',
  'copied': 'Kopyalandı',
  'copy.failed': 'Kopyalamaq alınmadı — nömrəni əl ilə seçin',

  'err.fullName.required': 'Zəhmət olmasa, tam adınızı yazın.',
  'err.contact.required': 'Zəhmət olmasa, telefon nömrəsi və ya e-poçt ünvanı göstərin.',
  'err.email.invalid': 'Bu, e-poçt ünvanına oxşamır.',
  'err.phone.invalid': 'Telefon nömrəsini yoxlayın, məsələn: +994 50 123 45 67.',
  'err.message.required': 'Zəhmət olmasa, problemi təsvir edin.',
  'err.maxLength': 'Çox uzundur: ən çoxu {max} simvol.',
  'err.tooLong': 'Mətn çox uzundur. Zəhmət olmasa, qısaldıb yenidən cəhd edin.',
  'err.rateLimited':
    'Hazırda sorğular həddindən çoxdur. Zəhmət olmasa, bir neçə dəqiqədən sonra yenidən cəhd edin.',
  'err.generic': 'Bizim tərəfdə xəta baş verdi. Yazdıqlarınız yerindədir — yenidən cəhd edin.',
  'err.network':
    'Serverlə əlaqə yoxdur. İnternet bağlantınızı yoxlayıb yenidən göndərin — müraciətiniz təkrarlanmayacaq.',
  'err.fixFields': 'Zəhmət olmasa, qeyd olunmuş sahələri düzəldin.',

  'st.title': 'Şikayətin statusu',
  'st.intro': 'İstinad nömrəsini və bizə verdiyiniz telefon nömrəsini və ya e-poçt ünvanını daxil edin.',
  'st.reference': 'İstinad nömrəsi',
  'st.reference.hint': 'Məsələn: AB12-CD34-EF56',
  'st.contact': 'Telefon və ya e-poçt',
  'st.submit': 'Statusu yoxla',
  'st.loading': 'Yoxlanılır…',
  'st.notFound': 'Bu istinad nömrəsi və əlaqə məlumatı üzrə şikayət tapılmadı.',
  'st.status': 'Status',
  'st.channel': 'Müraciət kanalı',
  'st.receivedAt': 'Daxil olub',
  'st.next.accept': 'Ən gec qəbul tarixi',
  'st.next.review': 'Ən gec baxılma tarixi',
  'st.next.resolve': 'Ən gec həll tarixi',
  'st.waitingFor': 'Sizdən gözləyirik',
  'st.mergedInto': 'Şikayət bu nömrə ilə davam edir',
  'st.history': 'Tarixçə',
  'step.complaint.received': 'Şikayət daxil olub',
  'step.complaint.accepted': 'Şikayət qəbul edilib',
  'step.complaint.details-requested': 'Sizdən əlavə məlumat istədik',
  'step.complaint.review-started': 'Şikayətə baxılmağa başlanılıb',
  'step.complaint.reviewed': 'Şikayətə baxılıb',
  'step.complaint.extended': 'Həll müddəti uzadılıb',
  'step.complaint.resolved': 'Şikayət həll edilib',
  'step.complaint.closed': 'Şikayət bağlanıb',
  'step.complaint.rejected': 'Şikayət rədd edilib',
  'step.complaint.merged': 'Şikayət başqa şikayətlə birləşdirilib',
  'step.complaint.reply': 'Sizə yazılı cavab göndərdik',
  'step.acceptBy': 'Ən gec qəbul tarixi: {date}.',
  'step.reviewBy': 'Ən gec baxılma tarixi: {date}.',
  'step.newDate': 'Yeni həll tarixi: {date}.',
  'step.newDate.previous': 'Yeni həll tarixi: {date} (əvvəl: {previous}).',
  'step.reason': 'Səbəb:',
  'step.reviewResult': 'Baxışın nəticəsi:',
  'step.resolveBy': 'Həll tarixi: {date}.',
  'step.outcome': 'Nəticə:',
  'step.requested': 'İstənilən:',
  'step.survivingReference': 'Şikayət bu nömrə ilə davam edir:',
  'detail.fullName': 'tam adınız',
  'detail.contact': 'əlaqə məlumatlarınız',
  'detail.essence': 'şikayətin mahiyyəti',
  'err.reference.required': 'Zəhmət olmasa, istinad nömrəsini daxil edin.',
  'err.lookupContact.required': 'Zəhmət olmasa, telefon nömrəsini və ya e-poçt ünvanını daxil edin.',

  'status.received': 'Daxil olub',
  'status.accepted': 'Qəbul edilib',
  'status.in_review': 'Baxılır',
  'status.waiting_for_customer': 'Cavabınız gözlənilir',
  'status.resolved': 'Həll edilib',
  'status.closed': 'Bağlanıb',
  'status.rejected': 'Rədd edilib',
  'status.withdrawn': 'Geri götürülüb',
  'status.merged': 'Başqa şikayətlə birləşdirilib',

  'channel.email': 'E-poçt',
  'channel.chat': 'Onlayn çat',
  'channel.telegram': 'Telegram',
  'channel.whatsapp': 'WhatsApp',
  'channel.messenger': 'Facebook Messenger',
  'channel.instagram': 'Instagram',
  'channel.web_form': 'Saytdakı forma',
  'channel.phone': 'Telefon zəngi',
  'channel.complaint_book': 'Şikayət və təkliflər kitabı',
  'channel.consultation': 'Video və ya mobil konsultasiya',

  'chat.open': 'Onlayn çat',
  'chat.title': 'Onlayn çat',
  'chat.close': 'Çatı bağla',
  'chat.unread': 'Yeni mesajlar: {count}',
  'chat.intro': 'Sizə yazılı cavab verə bilməyimiz üçün özünüzü təqdim edin.',
  'chat.start': 'Çata başla',
  'chat.starting': 'Başlayır…',
  'chat.empty': 'Şikayətinizi aşağıda yazın. Cavabı burada verəcəyik.',
  'chat.input': 'Mesajınız',
  'chat.input.placeholder': 'Problemi təsvir edin…',
  'chat.send': 'Göndər',
  'chat.from.customer': 'Siz',
  'chat.from.plaint': 'Müştəri xidməti',
  'chat.from.agent': 'Əməkdaş',
  'chat.pending': 'Göndərilir…',
  'chat.queued': 'Bağlantı gözlənilir — avtomatik göndəriləcək',
  'chat.reference': 'İstinad nömrəsi',
  'chat.status.connecting': 'Qoşulur…',
  'chat.status.online': 'Qoşuldu',
  'chat.status.offline': 'Bağlantı yoxdur. Mesajlarınız bağlantı bərpa olunanda göndəriləcək.',
  'chat.status.unavailable':
    'Çat hazırda əlçatan deyil. Zəhmət olmasa, formadan istifadə edin və ya bir az sonra yenidən cəhd edin.',
  'chat.retry': 'Yenidən qoşul',
  'chat.end': 'Bu cihazda çatı bitir',
  'chat.end.confirm':
    'Bu cihazda çat bitirilsin? Yazışma bizdə saxlanılır, lakin bu səhifədə artıq görünməyəcək.',
  'chat.notSent': 'Göndərilmədi: {reason}',
  'chat.noConnection': 'Bağlantı yoxdur. Bir az sonra yenidən cəhd edin.',

  'footer.privacy': 'Şəxsi məlumatlarınızı məxfi saxlayırıq.',

  'privacy.note':
    'Məlumatlarınızdan yalnız şikayətinizə baxmaq üçün istifadə edirik və onları üçüncü şəxslərə vermirik.',
  'privacy.note.kept':
    'Məlumatlarınızdan yalnız şikayətinizə baxmaq üçün istifadə edirik, onları üçüncü şəxslərə vermirik və şikayət bağlandıqdan {period} sonra silirik.',
  'privacy.link': 'Məxfilik siyasəti',
  'period.days.one': '{n} gün',
  'period.days.other': '{n} gün',
  // "My complaints" (my-complaints.html)
  'my.page.title': 'Şikayətlərim — müştəri xidməti',
  'my.skip': 'Əsas məzmuna keçin',
  'my.brand': 'Müştəri xidməti',
  'my.lang': 'Dil',
  'my.title': 'Şikayətlərim',
  'my.footer': 'Şəxsi məlumatlarınızı məxfi saxlayırıq.',
  'my.signIn.title': 'Daxil olmaq üçün keçid alın',
  'my.signIn.intro':
    'Bizə yazarkən və ya zəng edərkən verdiyiniz e-poçt ünvanını və ya telefon nömrəsini daxil edin. Keçidi həmin ünvana göndərəcəyik.',
  'my.signIn.contact': 'E-poçt və ya telefon',
  'my.signIn.contact.hint': 'Məsələn: aysel@example.az və ya +994 50 123 45 67',
  'my.signIn.submit': 'Keçidi göndər',
  'my.signIn.sending': 'Göndərilir…',
  'my.signIn.sent': 'Bu əlaqə məlumatı bizdə varsa, keçid artıq yoldadır.',
  'my.signIn.sent.hint':
    'Keçid bir dəfə və qısa müddət ərzində işləyir. Mesajı görmürsünüzsə, spam qovluğunu yoxlayın və ya bir dəqiqədən sonra yenidən istəyin.',
  'my.signIn.again': 'Başqa ünvan daxil edin',
  'my.signIn.other':
    'Bizə Telegram-da yazmısınız? Botumuza /signin göndərin — keçidi həmin söhbətə göndərəcəyik. Yalnız onlayn çatda yazmısınızsa, çatda "status" yazın.',
  'my.opening': 'Səhifəniz açılır…',
  'my.session': '{contact} ilə daxil olmusunuz, {until} qədər',
  'my.signOut': 'Çıxış',
  'my.signedOut': 'Çıxış etdiniz. Yenidən baxmaq üçün yeni keçid istəyin.',
  'my.list.title': 'Şikayətləriniz',
  'my.empty': 'Bu əlaqə məlumatı üzrə şikayət tapmadıq.',
  'my.channel': 'Müraciət kanalı',
  'my.receivedAt': 'Daxil olub',
  'my.next.accept': 'Ən gec qəbul tarixi',
  'my.next.review': 'Ən gec baxılma tarixi',
  'my.next.resolve': 'Ən gec həll tarixi',
  'my.mergedInto': 'Şikayət bu nömrə ilə davam edir',
  'my.waitingFor': 'Sizdən cavab gözləyirik:',
  'my.history': 'Addımlar',
  'my.finished': 'Bu şikayət üzrə iş başa çatıb. Yeni problem barədə yeni şikayət yazın.',
  'my.message.yours': 'Siz yazdınız',
  'my.message.sending': 'Siz yazdınız — çatdırılır',
  'my.write.answer': 'İstədiyimiz məlumatı göndərin',
  'my.write.ask': 'Sual verin və ya əlavə edin',
  'my.write.hint': 'Mesajınız bu şikayətə əlavə olunacaq; cavabı yazılı verəcəyik.',
  'my.write.submit': 'Göndər',
  'my.write.sending': 'Göndərilir…',
  'my.write.sent': '{reference} şikayətinə mesajınızı aldıq.',
  'my.status.received': 'Daxil olub',
  'my.status.accepted': 'Qəbul edilib',
  'my.status.in_review': 'Baxılır',
  'my.status.waiting_for_customer': 'Sizin cavabınızı gözləyir',
  'my.status.resolved': 'Həll edilib',
  'my.status.closed': 'Bağlanıb',
  'my.status.rejected': 'Rədd edilib',
  'my.status.withdrawn': 'Geri götürülüb',
  'my.status.merged': 'Başqa şikayətlə birləşdirilib',
  'my.channel.email': 'E-poçt',
  'my.channel.chat': 'Onlayn çat',
  'my.channel.telegram': 'Telegram',
  'my.channel.whatsapp': 'WhatsApp',
  'my.channel.messenger': 'Facebook Messenger',
  'my.channel.instagram': 'Instagram',
  'my.channel.web_form': 'Saytdakı "Mənə zəng edin" forması',
  'my.channel.phone': 'Telefon zəngi',
  'my.channel.complaint_book': 'Şikayət və təkliflər kitabı',
  'my.channel.consultation': 'Video və ya mobil konsultasiya',
  'my.channel.customer_page': 'Bu səhifə',
  'my.step.complaint.received': 'Şikayət daxil olub',
  'my.step.complaint.accepted': 'Şikayət qəbul edilib',
  'my.step.complaint.details-requested': 'Sizdən əlavə məlumat istədik',
  'my.step.complaint.review-started': 'Şikayətə baxılmağa başlanılıb',
  'my.step.complaint.reviewed': 'Şikayətə baxılıb',
  'my.step.complaint.extended': 'Həll müddəti uzadılıb',
  'my.step.complaint.resolved': 'Şikayət həll edilib',
  'my.step.complaint.closed': 'Şikayət bağlanıb',
  'my.step.complaint.rejected': 'Şikayət rədd edilib',
  'my.step.complaint.merged': 'Şikayət başqa şikayətlə birləşdirilib',
  'my.step.complaint.reply': 'Sizə yazdıq',
  'my.note.acceptBy': 'Ən gec qəbul tarixi: {date}.',
  'my.note.reviewBy': 'Ən gec baxılma tarixi: {date}.',
  'my.note.newDate': 'Yeni həll tarixi: {date}.',
  'my.note.reason': 'Səbəb:',
  'my.note.reviewResult': 'Baxışın nəticəsi:',
  'my.note.resolveBy': 'Ən gec həll tarixi: {date}.',
  'my.note.outcome': 'Nəticə:',
  'my.note.requested': 'İstənilən:',
  'my.note.survivingReference': 'Şikayət bu nömrə ilə davam edir:',
  'my.detail.fullName': 'tam adınız',
  'my.detail.contact': 'əlaqə məlumatlarınız',
  'my.detail.essence': 'şikayətin mahiyyəti',
  'my.err.contact.required': 'Zəhmət olmasa, e-poçt ünvanını və ya telefon nömrəsini daxil edin.',
  'my.err.contact.invalid': 'Bu, e-poçt ünvanına və ya telefon nömrəsinə oxşamır.',
  'my.err.link': 'Bu keçid artıq işləmir: o, yalnız bir dəfə və qısa müddət ərzində açılır. Yeni keçid istəyin.',
  'my.err.sessionEnded': 'Sessiyanız başa çatıb. Yenidən baxmaq üçün yeni keçid istəyin.',
  'my.err.notFound': 'Bu şikayət artıq sizin səhifənizdə göstərilmir.',
  'my.err.finished': 'Bu şikayət üzrə iş artıq başa çatıb; mesaj göndərilmədi.',
  'my.err.text.required': 'Zəhmət olmasa, mesajınızı yazın.',
  'my.err.text.invalid': 'Mesaj çox uzundur və ya boşdur.',
  'my.err.unavailable': 'Daxil olma keçidləri hələ işləmir. Statusu ana səhifədə yoxlayın.',
  'my.err.rateLimited': 'Çox sayda sorğu. Zəhmət olmasa, bir az sonra yenidən cəhd edin.',
  'my.err.network': 'Əlaqə yoxdur. İnternet bağlantınızı yoxlayıb yenidən cəhd edin.',
  'my.err.generic': 'Bizim tərəfdə xəta baş verdi. Zəhmət olmasa, yenidən cəhd edin.',
};

const ru = {
  'page.title': 'Служба поддержки — жалобы',
  'skip': 'Перейти к основному содержанию',
  'brand': 'Служба поддержки',
  'lang.label': 'Язык',
  'hero.title': 'Расскажите нам, что пошло не так',
  'hero.lead':
    'Мы принимаем каждую жалобу в течение 3 рабочих дней и письменно сообщаем вам о каждом шаге.',
  'hero.ways':
    'Закажите обратный звонок, напишите в онлайн-чат или проверьте статус уже отправленной жалобы.',
  'hero.chat': 'Написать в онлайн-чат',
  'required.note': 'Поля, отмеченные *, обязательны.',

  'cb.title': 'Перезвоните мне',
  'cb.intro': 'Оставьте свои данные и опишите проблему. Мы свяжемся с вами.',
  'cb.fullName': 'ФИО',
  'cb.fullName.hint': 'Фамилия, имя, отчество',
  'cb.contact.legend': 'Как с вами связаться?',
  'cb.contact.hint': 'Укажите номер телефона, адрес электронной почты или и то, и другое.',
  'cb.phone': 'Телефон',
  'cb.phone.hint': 'Например: +994 50 123 45 67',
  'cb.email': 'Электронная почта',
  'cb.employeeName': 'Имя сотрудника, который вас обслуживал',
  'cb.optional': '(необязательно)',
  'cb.message': 'Что случилось?',
  'cb.message.hint': 'Опишите проблему: что, где и когда произошло.',
  'cb.submit': 'Отправить заявку',
  'cb.sending': 'Отправляется…',
  'cb.success.title': 'Спасибо! Мы получили вашу жалобу.',
  'cb.success.reference': 'Номер вашей жалобы:',
  'cb.success.accept': 'Жалоба будет принята в течение 3 рабочих дней.',
  'cb.success.keep':
    'Сохраните этот номер: по нему и вашему телефону или e-mail можно в любое время узнать статус.',
  'cb.success.callBy': 'Мы позвоним вам по номеру {phone}. Последний срок звонка: {date}.',
  'cb.success.noCall':
    'Вы не указали телефон, поэтому позвонить мы не сможем: ответ придёт письменно на {email}.',
  'cb.success.acceptBy': 'Жалоба будет принята не позднее: {date}. О каждом шаге мы сообщим вам письменно.',
  'cb.another': 'Отправить ещё одну заявку',

  'copy': 'Копировать',
  'copy.label': 'Скопировать номер жалобы',
  'copied': 'Скопировано',
  'copy.failed': 'Не удалось скопировать — выделите номер вручную',

  'err.fullName.required': 'Пожалуйста, укажите ФИО.',
  'err.contact.required': 'Пожалуйста, укажите номер телефона или адрес электронной почты.',
  'err.email.invalid': 'Это не похоже на адрес электронной почты.',
  'err.phone.invalid': 'Проверьте номер телефона, например: +994 50 123 45 67.',
  'err.message.required': 'Пожалуйста, опишите проблему.',
  'err.maxLength': 'Слишком длинно: не более {max} символов.',
  'err.tooLong': 'Текст слишком длинный. Пожалуйста, сократите его и попробуйте снова.',
  'err.rateLimited': 'Сейчас слишком много запросов. Пожалуйста, попробуйте через несколько минут.',
  'err.generic': 'На нашей стороне произошла ошибка. Введённые данные сохранены — попробуйте ещё раз.',
  'err.network':
    'Нет связи с сервером. Проверьте подключение к интернету и отправьте снова — заявка не будет продублирована.',
  'err.fixFields': 'Пожалуйста, исправьте отмеченные поля.',

  'st.title': 'Статус жалобы',
  'st.intro': 'Введите номер жалобы и телефон или e-mail, которые вы нам указали.',
  'st.reference': 'Номер жалобы',
  'st.reference.hint': 'Например: AB12-CD34-EF56',
  'st.contact': 'Телефон или e-mail',
  'st.submit': 'Проверить статус',
  'st.loading': 'Проверяем…',
  'st.notFound': 'Жалоба с таким номером и контактными данными не найдена.',
  'st.status': 'Статус',
  'st.channel': 'Канал обращения',
  'st.receivedAt': 'Поступила',
  'st.next.accept': 'Будет принята не позднее',
  'st.next.review': 'Будет рассмотрена не позднее',
  'st.next.resolve': 'Будет решена не позднее',
  'st.waitingFor': 'Ждём от вас',
  'st.mergedInto': 'Рассматривается под номером',
  'st.history': 'История',
  'step.complaint.received': 'Жалоба поступила',
  'step.complaint.accepted': 'Жалоба принята',
  'step.complaint.details-requested': 'Мы запросили у вас сведения',
  'step.complaint.review-started': 'Начато рассмотрение',
  'step.complaint.reviewed': 'Рассмотрение завершено',
  'step.complaint.extended': 'Срок решения продлён',
  'step.complaint.resolved': 'Жалоба решена',
  'step.complaint.closed': 'Жалоба закрыта',
  'step.complaint.rejected': 'Жалоба отклонена',
  'step.complaint.merged': 'Жалоба объединена с другой',
  'step.complaint.reply': 'Мы ответили вам письменно',
  'step.acceptBy': 'Будет принята не позднее: {date}.',
  'step.reviewBy': 'Будет рассмотрена не позднее: {date}.',
  'step.newDate': 'Новый срок решения: {date}.',
  'step.newDate.previous': 'Новый срок решения: {date} (прежний: {previous}).',
  'step.reason': 'Причина:',
  'step.reviewResult': 'Результат рассмотрения:',
  'step.resolveBy': 'Срок решения: {date}.',
  'step.outcome': 'Результат:',
  'step.requested': 'Запрошено:',
  'step.survivingReference': 'Рассматривается под номером',
  'detail.fullName': 'ФИО',
  'detail.contact': 'контактные данные',
  'detail.essence': 'суть жалобы',
  'err.reference.required': 'Пожалуйста, введите номер жалобы.',
  'err.lookupContact.required': 'Пожалуйста, введите телефон или e-mail.',

  'status.received': 'Поступила',
  'status.accepted': 'Принята',
  'status.in_review': 'На рассмотрении',
  'status.waiting_for_customer': 'Ожидаем вашего ответа',
  'status.resolved': 'Решена',
  'status.closed': 'Закрыта',
  'status.rejected': 'Отклонена',
  'status.withdrawn': 'Отозвана',
  'status.merged': 'Объединена с другой жалобой',

  'channel.email': 'Электронная почта',
  'channel.chat': 'Онлайн-чат',
  'channel.telegram': 'Telegram',
  'channel.whatsapp': 'WhatsApp',
  'channel.messenger': 'Facebook Messenger',
  'channel.instagram': 'Instagram',
  'channel.web_form': 'Форма на сайте',
  'channel.phone': 'Телефонный звонок',
  'channel.complaint_book': 'Книга жалоб и предложений',
  'channel.consultation': 'Видео- или мобильная консультация',

  'chat.open': 'Онлайн-чат',
  'chat.title': 'Онлайн-чат',
  'chat.close': 'Закрыть чат',
  'chat.unread': 'Новых сообщений: {count}',
  'chat.intro': 'Представьтесь, чтобы мы могли ответить вам письменно.',
  'chat.start': 'Начать чат',
  'chat.starting': 'Начинаем…',
  'chat.empty': 'Напишите жалобу ниже. Мы ответим здесь.',
  'chat.input': 'Ваше сообщение',
  'chat.input.placeholder': 'Опишите проблему…',
  'chat.send': 'Отправить',
  'chat.from.customer': 'Вы',
  'chat.from.plaint': 'Служба поддержки',
  'chat.from.agent': 'Сотрудник',
  'chat.pending': 'Отправляется…',
  'chat.queued': 'Ожидание связи — сообщение отправится автоматически',
  'chat.reference': 'Номер жалобы',
  'chat.status.connecting': 'Подключение…',
  'chat.status.online': 'Подключено',
  'chat.status.offline': 'Нет связи. Сообщения будут отправлены, когда связь восстановится.',
  'chat.status.unavailable':
    'Чат сейчас недоступен. Пожалуйста, воспользуйтесь формой или попробуйте немного позже.',
  'chat.retry': 'Подключиться снова',
  'chat.end': 'Завершить чат на этом устройстве',
  'chat.end.confirm':
    'Завершить чат на этом устройстве? Переписка сохранится у нас, но на этой странице больше не будет видна.',
  'chat.notSent': 'Не отправлено: {reason}',
  'chat.noConnection': 'Нет связи. Попробуйте немного позже.',

  'footer.privacy': 'Мы храним ваши персональные данные конфиденциально.',

  'privacy.note': 'Мы используем ваши данные только для рассмотрения жалобы и не передаём их третьим лицам.',
  'privacy.note.kept':
    'Мы используем ваши данные только для рассмотрения жалобы, не передаём их третьим лицам и удаляем через {period} после закрытия жалобы.',
  'privacy.link': 'Политика конфиденциальности',
  'period.days.one': '{n} день',
  'period.days.few': '{n} дня',
  'period.days.many': '{n} дней',
  'period.days.other': '{n} дня',
  // "My complaints" (my-complaints.html)
  'my.page.title': 'Мои жалобы — служба поддержки',
  'my.skip': 'Перейти к содержимому',
  'my.brand': 'Служба поддержки',
  'my.lang': 'Язык',
  'my.title': 'Мои жалобы',
  'my.footer': 'Мы сохраняем конфиденциальность ваших персональных данных.',
  'my.signIn.title': 'Получите ссылку для входа',
  'my.signIn.intro':
    'Укажите e-mail или номер телефона, который вы давали нам, когда писали или звонили. Мы пришлём ссылку на него.',
  'my.signIn.contact': 'E-mail или телефон',
  'my.signIn.contact.hint': 'Например: aysel@example.az или +994 50 123 45 67',
  'my.signIn.submit': 'Прислать ссылку',
  'my.signIn.sending': 'Отправляем…',
  'my.signIn.sent': 'Если этот контакт нам известен, ссылка уже в пути.',
  'my.signIn.sent.hint':
    'Ссылка действует один раз и недолго. Если сообщения нет, проверьте папку «Спам» или запросите ссылку снова через минуту.',
  'my.signIn.again': 'Указать другой контакт',
  'my.signIn.other':
    'Писали нам в Telegram? Отправьте нашему боту /signin — ссылка придёт в этот же чат. Если писали только в онлайн-чат, напишите там «статус».',
  'my.opening': 'Открываем вашу страницу…',
  'my.session': 'Вы вошли как {contact} до {until}',
  'my.signOut': 'Выйти',
  'my.signedOut': 'Вы вышли. Чтобы снова открыть страницу, запросите новую ссылку.',
  'my.list.title': 'Ваши жалобы',
  'my.empty': 'По этому контакту мы не нашли жалоб.',
  'my.channel': 'Канал обращения',
  'my.receivedAt': 'Поступила',
  'my.next.accept': 'Примем не позднее',
  'my.next.review': 'Рассмотрим не позднее',
  'my.next.resolve': 'Решим не позднее',
  'my.mergedInto': 'Жалоба продолжается под номером',
  'my.waitingFor': 'Ждём от вас ответа:',
  'my.history': 'Шаги',
  'my.finished': 'Работа по этой жалобе завершена. О новой проблеме напишите новую жалобу.',
  'my.message.yours': 'Вы написали',
  'my.message.sending': 'Вы написали — доставляется',
  'my.write.answer': 'Пришлите то, что мы просили',
  'my.write.ask': 'Задать вопрос или дополнить',
  'my.write.hint': 'Сообщение будет добавлено к этой жалобе; мы ответим письменно.',
  'my.write.submit': 'Отправить',
  'my.write.sending': 'Отправляем…',
  'my.write.sent': 'Мы получили ваше сообщение к жалобе {reference}.',
  'my.status.received': 'Поступила',
  'my.status.accepted': 'Принята',
  'my.status.in_review': 'На рассмотрении',
  'my.status.waiting_for_customer': 'Ждём вашего ответа',
  'my.status.resolved': 'Решена',
  'my.status.closed': 'Закрыта',
  'my.status.rejected': 'Отклонена',
  'my.status.withdrawn': 'Отозвана',
  'my.status.merged': 'Объединена с другой жалобой',
  'my.channel.email': 'E-mail',
  'my.channel.chat': 'Онлайн-чат',
  'my.channel.telegram': 'Telegram',
  'my.channel.whatsapp': 'WhatsApp',
  'my.channel.messenger': 'Facebook Messenger',
  'my.channel.instagram': 'Instagram',
  'my.channel.web_form': 'Форма «Перезвоните мне» на сайте',
  'my.channel.phone': 'Звонок',
  'my.channel.complaint_book': 'Книга жалоб и предложений',
  'my.channel.consultation': 'Видео- или мобильная консультация',
  'my.channel.customer_page': 'Эта страница',
  'my.step.complaint.received': 'Жалоба поступила',
  'my.step.complaint.accepted': 'Жалоба принята',
  'my.step.complaint.details-requested': 'Мы запросили у вас сведения',
  'my.step.complaint.review-started': 'Начато рассмотрение',
  'my.step.complaint.reviewed': 'Рассмотрение завершено',
  'my.step.complaint.extended': 'Срок решения продлён',
  'my.step.complaint.resolved': 'Жалоба решена',
  'my.step.complaint.closed': 'Жалоба закрыта',
  'my.step.complaint.rejected': 'Жалоба отклонена',
  'my.step.complaint.merged': 'Жалоба объединена с другой',
  'my.step.complaint.reply': 'Мы вам написали',
  'my.note.acceptBy': 'Примем не позднее {date}.',
  'my.note.reviewBy': 'Рассмотрим не позднее {date}.',
  'my.note.newDate': 'Новый срок решения: {date}.',
  'my.note.reason': 'Причина:',
  'my.note.reviewResult': 'Результат рассмотрения:',
  'my.note.resolveBy': 'Решим не позднее {date}.',
  'my.note.outcome': 'Результат:',
  'my.note.requested': 'Запрошено:',
  'my.note.survivingReference': 'Жалоба продолжается под номером:',
  'my.detail.fullName': 'ваши ФИО',
  'my.detail.contact': 'ваши контактные данные',
  'my.detail.essence': 'суть жалобы',
  'my.err.contact.required': 'Пожалуйста, укажите e-mail или номер телефона.',
  'my.err.contact.invalid': 'Это не похоже на e-mail или номер телефона.',
  'my.err.link': 'Эта ссылка больше не действует: она открывается один раз и недолго. Запросите новую.',
  'my.err.sessionEnded': 'Сеанс завершён. Чтобы снова открыть страницу, запросите новую ссылку.',
  'my.err.notFound': 'Эта жалоба больше не показывается на вашей странице.',
  'my.err.finished': 'Работа по этой жалобе уже завершена; сообщение не отправлено.',
  'my.err.text.required': 'Пожалуйста, напишите сообщение.',
  'my.err.text.invalid': 'Сообщение слишком длинное или пустое.',
  'my.err.unavailable': 'Вход по ссылке пока не работает. Статус можно узнать на главной странице.',
  'my.err.rateLimited': 'Слишком много запросов. Пожалуйста, попробуйте чуть позже.',
  'my.err.network': 'Нет связи. Проверьте подключение к интернету и попробуйте снова.',
  'my.err.generic': 'На нашей стороне произошла ошибка. Пожалуйста, попробуйте снова.',
};

const en = {
  'page.title': 'Customer care — complaints',
  'skip': 'Skip to main content',
  'brand': 'Customer care',
  'lang.label': 'Language',
  'hero.title': 'Tell us what went wrong',
  'hero.lead':
    'We accept every complaint within 3 business days and keep you informed in writing at every step.',
  'hero.ways':
    'Ask us to call you back, write to us in the live chat, or check the status of a complaint you already sent.',
  'hero.chat': 'Write in the live chat',
  'required.note': 'Fields marked * are required.',

  'cb.title': 'Call me back',
  'cb.intro': 'Leave your details and describe the problem. We will get in touch with you.',
  'cb.fullName': 'Full name',
  'cb.fullName.hint': 'Surname, given name, patronymic',
  'cb.contact.legend': 'How can we reach you?',
  'cb.contact.hint': 'Give a phone number, an e-mail address, or both.',
  'cb.phone': 'Phone',
  'cb.phone.hint': 'For example: +994 50 123 45 67',
  'cb.email': 'E-mail',
  'cb.employeeName': 'Name of the employee who served you',
  'cb.optional': '(optional)',
  'cb.message': 'What happened?',
  'cb.message.hint': 'Describe the problem: what happened, where and when.',
  'cb.submit': 'Send request',
  'cb.sending': 'Sending…',
  'cb.success.title': 'Thank you! We have received your complaint.',
  'cb.success.reference': 'Your complaint reference:',
  'cb.success.accept': 'It will be accepted within 3 business days.',
  'cb.success.keep':
    'Keep this reference: with it and your phone number or e-mail you can check the status at any time.',
  'cb.success.callBy': 'We will call you on {phone} by {date} at the latest.',
  'cb.success.noCall': 'You gave no phone number, so we cannot call you: we will answer you in writing at {email}.',
  'cb.success.acceptBy': 'It will be accepted by {date}, and we will inform you in writing of every step.',
  'cb.another': 'Send another request',

  'copy': 'Copy',
  'copy.label': 'Copy the complaint reference',
  'copied': 'Copied',
  'copy.failed': 'Could not copy — please select the reference by hand',

  'err.fullName.required': 'Please enter your full name.',
  'err.contact.required': 'Please give a phone number or an e-mail address.',
  'err.email.invalid': 'This does not look like an e-mail address.',
  'err.phone.invalid': 'Please check the phone number, for example: +994 50 123 45 67.',
  'err.message.required': 'Please describe the problem.',
  'err.maxLength': 'Too long: at most {max} characters.',
  'err.tooLong': 'The text is too long. Please shorten it and try again.',
  'err.rateLimited': 'There are too many requests right now. Please try again in a few minutes.',
  'err.generic': 'Something went wrong on our side. What you typed is still here — please try again.',
  'err.network':
    'No connection to the server. Check your internet connection and send again — your request will not be duplicated.',
  'err.fixFields': 'Please correct the marked fields.',

  'st.title': 'Complaint status',
  'st.intro': 'Enter the reference and the phone number or e-mail address you gave us.',
  'st.reference': 'Reference',
  'st.reference.hint': 'For example: AB12-CD34-EF56',
  'st.contact': 'Phone or e-mail',
  'st.submit': 'Check status',
  'st.loading': 'Checking…',
  'st.notFound': 'No complaint found for this reference and contact.',
  'st.status': 'Status',
  'st.channel': 'Received via',
  'st.receivedAt': 'Received',
  'st.next.accept': 'To be accepted by',
  'st.next.review': 'To be reviewed by',
  'st.next.resolve': 'To be resolved by',
  'st.waitingFor': 'We are waiting for',
  'st.mergedInto': 'Now handled under reference',
  'st.history': 'History',
  'step.complaint.received': 'Complaint received',
  'step.complaint.accepted': 'Complaint accepted',
  'step.complaint.details-requested': 'We asked you for details',
  'step.complaint.review-started': 'Review started',
  'step.complaint.reviewed': 'Review finished',
  'step.complaint.extended': 'Resolution date extended',
  'step.complaint.resolved': 'Complaint resolved',
  'step.complaint.closed': 'Complaint closed',
  'step.complaint.rejected': 'Complaint rejected',
  'step.complaint.merged': 'Merged with another complaint',
  'step.complaint.reply': 'We answered you in writing',
  'step.acceptBy': 'To be accepted by {date}.',
  'step.reviewBy': 'To be reviewed by {date}.',
  'step.newDate': 'New resolution date: {date}.',
  'step.newDate.previous': 'New resolution date: {date} (was {previous}).',
  'step.reason': 'Reason:',
  'step.reviewResult': 'Result of the review:',
  'step.resolveBy': 'Resolution date: {date}.',
  'step.outcome': 'Outcome:',
  'step.requested': 'Requested:',
  'step.survivingReference': 'Now handled under reference',
  'detail.fullName': 'your full name',
  'detail.contact': 'your contact details',
  'detail.essence': 'what the complaint is about',
  'err.reference.required': 'Please enter the reference.',
  'err.lookupContact.required': 'Please enter the phone number or e-mail address.',

  'status.received': 'Received',
  'status.accepted': 'Accepted',
  'status.in_review': 'Under review',
  'status.waiting_for_customer': 'Waiting for your reply',
  'status.resolved': 'Resolved',
  'status.closed': 'Closed',
  'status.rejected': 'Rejected',
  'status.withdrawn': 'Withdrawn',
  'status.merged': 'Merged with another complaint',

  'channel.email': 'E-mail',
  'channel.chat': 'Live chat',
  'channel.telegram': 'Telegram',
  'channel.whatsapp': 'WhatsApp',
  'channel.messenger': 'Facebook Messenger',
  'channel.instagram': 'Instagram',
  'channel.web_form': 'Website form',
  'channel.phone': 'Phone call',
  'channel.complaint_book': 'Book of complaints and suggestions',
  'channel.consultation': 'Video or mobile consultation',

  'chat.open': 'Live chat',
  'chat.title': 'Live chat',
  'chat.close': 'Close the chat',
  'chat.unread': 'New messages: {count}',
  'chat.intro': 'Tell us who you are so that we can answer you in writing.',
  'chat.start': 'Start chat',
  'chat.starting': 'Starting…',
  'chat.empty': 'Write your complaint below. We will answer here.',
  'chat.input': 'Your message',
  'chat.input.placeholder': 'Describe the problem…',
  'chat.send': 'Send',
  'chat.from.customer': 'You',
  'chat.from.plaint': 'Customer care',
  'chat.from.agent': 'Agent',
  'chat.pending': 'Sending…',
  'chat.queued': 'Waiting for the connection — will be sent automatically',
  'chat.reference': 'Reference',
  'chat.status.connecting': 'Connecting…',
  'chat.status.online': 'Connected',
  'chat.status.offline': 'No connection. Your messages will be sent when it is back.',
  'chat.status.unavailable':
    'The chat is not available right now. Please use the form or try again a little later.',
  'chat.retry': 'Reconnect',
  'chat.end': 'End the chat on this device',
  'chat.end.confirm':
    'End the chat on this device? We keep the conversation, but this page will no longer show it.',
  'chat.notSent': 'Not sent: {reason}',
  'chat.noConnection': 'No connection. Please try again a little later.',

  'footer.privacy': 'We keep your personal data confidential.',

  'privacy.note': 'We use your data only to handle your complaint and do not give it to third parties.',
  'privacy.note.kept':
    'We use your data only to handle your complaint, do not give it to third parties, and erase it {period} after the complaint is closed.',
  'privacy.link': 'Privacy notice',
  'period.days.one': '{n} day',
  'period.days.other': '{n} days',
  // "My complaints" (my-complaints.html)
  'my.page.title': 'My complaints — customer care',
  'my.skip': 'Skip to the main content',
  'my.brand': 'Customer care',
  'my.lang': 'Language',
  'my.title': 'My complaints',
  'my.footer': 'We keep your personal data confidential.',
  'my.signIn.title': 'Get a sign-in link',
  'my.signIn.intro':
    'Give the e-mail address or phone number you gave us when you wrote or called. We will send the link there.',
  'my.signIn.contact': 'E-mail or phone',
  'my.signIn.contact.hint': 'For example: aysel@example.az or +994 50 123 45 67',
  'my.signIn.submit': 'Send me a link',
  'my.signIn.sending': 'Sending…',
  'my.signIn.sent': 'If we know this contact, a sign-in link is on its way to it.',
  'my.signIn.sent.hint':
    'The link works once, for a short while. If it does not arrive, look in your spam folder or ask again in a minute.',
  'my.signIn.again': 'Use another contact',
  'my.signIn.other':
    'Wrote to us on Telegram? Send /signin to our bot and the link comes to that chat. If you wrote only in the live chat, write "status" there.',
  'my.opening': 'Opening your page…',
  'my.session': 'Signed in as {contact} until {until}',
  'my.signOut': 'Sign out',
  'my.signedOut': 'You have signed out. Ask for a new link to open the page again.',
  'my.list.title': 'Your complaints',
  'my.empty': 'We found no complaints for this contact.',
  'my.channel': 'Came in by',
  'my.receivedAt': 'Received',
  'my.next.accept': 'Accepted by',
  'my.next.review': 'Reviewed by',
  'my.next.resolve': 'Resolved by',
  'my.mergedInto': 'Goes on as',
  'my.waitingFor': 'We are waiting for your answer:',
  'my.history': 'Steps',
  'my.finished': 'We have finished with this complaint. If something else is wrong, write a new one.',
  'my.message.yours': 'You wrote',
  'my.message.sending': 'You wrote — on its way',
  'my.write.answer': 'Send us what we asked for',
  'my.write.ask': 'Ask a question or add something',
  'my.write.hint': 'Your message goes to this complaint; we will answer in writing.',
  'my.write.submit': 'Send',
  'my.write.sending': 'Sending…',
  'my.write.sent': 'We have your message on complaint {reference}.',
  'my.status.received': 'Received',
  'my.status.accepted': 'Accepted',
  'my.status.in_review': 'Under review',
  'my.status.waiting_for_customer': 'Waiting for your answer',
  'my.status.resolved': 'Resolved',
  'my.status.closed': 'Closed',
  'my.status.rejected': 'Rejected',
  'my.status.withdrawn': 'Withdrawn',
  'my.status.merged': 'Merged into another complaint',
  'my.channel.email': 'E-mail',
  'my.channel.chat': 'Live chat',
  'my.channel.telegram': 'Telegram',
  'my.channel.whatsapp': 'WhatsApp',
  'my.channel.messenger': 'Facebook Messenger',
  'my.channel.instagram': 'Instagram',
  'my.channel.web_form': 'The "Call me back" form on our website',
  'my.channel.phone': 'Phone call',
  'my.channel.complaint_book': 'Book of complaints and suggestions',
  'my.channel.consultation': 'Video or mobile consultation',
  'my.channel.customer_page': 'This page',
  'my.step.complaint.received': 'Complaint received',
  'my.step.complaint.accepted': 'Complaint accepted',
  'my.step.complaint.details-requested': 'We asked you for details',
  'my.step.complaint.review-started': 'Review started',
  'my.step.complaint.reviewed': 'Review finished',
  'my.step.complaint.extended': 'Resolution date extended',
  'my.step.complaint.resolved': 'Complaint resolved',
  'my.step.complaint.closed': 'Complaint closed',
  'my.step.complaint.rejected': 'Complaint rejected',
  'my.step.complaint.merged': 'Merged into another complaint',
  'my.step.complaint.reply': 'We wrote to you',
  'my.note.acceptBy': 'To be accepted by {date}.',
  'my.note.reviewBy': 'To be reviewed by {date}.',
  'my.note.newDate': 'New resolution date: {date}.',
  'my.note.reason': 'Reason:',
  'my.note.reviewResult': 'Result of the review:',
  'my.note.resolveBy': 'To be resolved by {date}.',
  'my.note.outcome': 'Outcome:',
  'my.note.requested': 'Asked for:',
  'my.note.survivingReference': 'Goes on as:',
  'my.detail.fullName': 'your full name',
  'my.detail.contact': 'your contact details',
  'my.detail.essence': 'what the complaint is about',
  'my.err.contact.required': 'Please give an e-mail address or a phone number.',
  'my.err.contact.invalid': 'That does not look like an e-mail address or a phone number.',
  'my.err.link': 'This link does not work any more: it opens the page once, for a short while. Ask for a new one.',
  'my.err.sessionEnded': 'Your session has ended. Ask for a new link to open the page again.',
  'my.err.notFound': 'This complaint is no longer shown on your page.',
  'my.err.finished': 'We have already finished with this complaint; the message was not sent.',
  'my.err.text.required': 'Please write your message.',
  'my.err.text.invalid': 'The message is too long or empty.',
  'my.err.unavailable': 'Sign-in links are not available yet. You can check the status on the home page.',
  'my.err.rateLimited': 'Too many requests. Please try again in a little while.',
  'my.err.network': 'No connection. Check your internet connection and try again.',
  'my.err.generic': 'Something went wrong on our side. Please try again.',
};

export const MESSAGES = { az, ru, en };

/**
 * Azerbaijani month and weekday names. Browsers that claim to support "az" in Intl sometimes
 * carry no data for it (Chromium prints "2026 M11 25"), so ui.js formats az dates itself.
 */
export const AZ_MONTHS = [
  'yanvar', 'fevral', 'mart', 'aprel', 'may', 'iyun',
  'iyul', 'avqust', 'sentyabr', 'oktyabr', 'noyabr', 'dekabr',
];
export const AZ_WEEKDAYS = [
  'bazar', 'bazar ertəsi', 'çərşənbə axşamı', 'çərşənbə', 'cümə axşamı', 'cümə', 'şənbə',
];

const STORAGE_KEY = 'plaint.lang';
const listeners = new Set();
let current = initialLanguage();

/** A link's ?lang=, then the customer's own choice on this device, then the browser's languages. */
function initialLanguage() {
  const fromQuery = new URLSearchParams(location.search).get('lang');
  if (LANGUAGES.includes(fromQuery)) return fromQuery;
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (LANGUAGES.includes(saved)) return saved;
  } catch {
    // storage unavailable (private mode, blocked cookies): fall through to the browser's
  }
  return browserLanguage() ?? DEFAULT_LANGUAGE;
}

/** The first of the browser's preferred languages that the page speaks ("ru-RU" → ru). */
function browserLanguage() {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const primary = String(tag ?? '').split(/[-_]/)[0].toLowerCase();
    if (LANGUAGES.includes(primary)) return primary;
  }
  return undefined;
}

export function getLanguage() {
  return current;
}

export function getLocale() {
  return LOCALES[current];
}

/**
 * Translate key in the current (or given) language; {name} placeholders are filled from params.
 * A value that already ends with a full stop ends the sentence itself: a Russian date ends in
 * "г.", so "…не позднее: {date}." would read "…2026 г.." with the sentence's own.
 */
export function t(key, params, lang = current) {
  const text = MESSAGES[lang]?.[key] ?? MESSAGES.en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}(\.?)/g, (m, name, stop) => {
    if (!(name in params)) return m;
    const value = String(params[name]);
    return stop && value.endsWith('.') ? value : value + stop;
  });
}

/** True when a translation exists for key (used for server enum values such as statuses). */
export function has(key) {
  return key in MESSAGES.en;
}

/** Set a translated text on el and remember the key so a language switch re-renders it. */
export function setText(el, key, params) {
  el.dataset.i18n = key;
  if (params) el.dataset.i18nParams = JSON.stringify(params);
  else delete el.dataset.i18nParams;
  el.textContent = t(key, params);
}

/** Set a literal text (e.g. from the server) on el: never translated, never parsed as HTML. */
export function setLiteral(el, text) {
  delete el.dataset.i18n;
  delete el.dataset.i18nParams;
  el.textContent = text;
}

export function translatePage(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const params = el.dataset.i18nParams ? JSON.parse(el.dataset.i18nParams) : undefined;
    el.textContent = t(el.dataset.i18n, params);
  }
  for (const [attr, selector, data] of [
    ['placeholder', '[data-i18n-placeholder]', 'i18nPlaceholder'],
    ['aria-label', '[data-i18n-aria-label]', 'i18nAriaLabel'],
    ['title', '[data-i18n-title]', 'i18nTitle'],
  ]) {
    for (const el of root.querySelectorAll(selector)) el.setAttribute(attr, t(el.dataset[data]));
  }
}

export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang)) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not persisted; the switch still applies to this page view
  }
  applyLanguage();
}

export function applyLanguage() {
  document.documentElement.lang = current;
  document.title = t('page.title');
  translatePage();
  for (const fn of listeners) fn(current);
}

export function onLanguageChange(fn) {
  listeners.add(fn);
}
