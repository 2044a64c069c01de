skip-to-content = Перейти к содержанию
org-campaigns = Кампании: { $org }
no-live-campaigns = Сейчас нет активных кампаний. Загляните позже.
open-campaign = Открыть кампанию
campaign-ended = Эта кампания завершена. Спасибо всем, кто принял участие; вот её результаты.
kind-awareness = Информационная кампания
kind-fundraising = Кампания по сбору средств
kind-emergency_appeal = Экстренный призыв
progress-heading = Продвижение к цели
raised-of-goal = Собрано { $raised } из { $goal }
actions-of-goal = { $count } из { $goal } действий
dates-range = { $start } – { $end }
dates-from = С { $start }
with-ambassadors = При участии
events-heading = Мероприятия
event-at = { $venue }, { $city }
languages-heading = Читать эту страницу на
story-heading = История
footer-privacy = Эта страница не использует файлы cookie и ничего не загружает с других сайтов.
page-not-found = Страница не найдена
page-not-found-text = По этому адресу нет страницы. Возможно, она перемещена или кампания завершена.
act-pledge = Подписать обязательство
act-subscribe = Получать новости
pledges-count = { $form ->
    [one] подтверждённая подпись
    [few] подтверждённые подписи
   *[many] подтверждённых подписей
}
pledge-heading = Подписать обязательство
subscribe-heading = Новости от { $org }
field-name = Ваше имя
field-email = Электронная почта
field-country = Страна
field-message = Сообщение (необязательно, до 280 символов)
field-show-name = Показывать моё имя и сообщение публично
field-also-subscribe = Также присылать мне новости этой кампании
consent-pledge = Я подписываю это обязательство. { $org } хранит моё имя, адрес и страну, чтобы учесть подпись, и один раз напишет мне для подтверждения. Я могу в любой момент попросить удалить мои данные.
consent-subscription = Присылайте мне новости этой кампании по электронной почте. { $org } хранит мой адрес только для этого, и в каждом письме есть ссылка, чтобы отписаться.
button-pledge = Подписать
button-subscribe = Подписаться
form-fix = Пожалуйста, исправьте:
error-name = Укажите имя (до 100 символов).
error-email = Укажите действительный адрес, например name@example.org.
error-country = Укажите страну (до 60 символов).
error-message = Сообщение может быть до 280 символов, без управляющих символов.
error-consent = Отметьте поле, чтобы дать согласие.
error-too-old = Срок действия формы истёк. Вот новая: отправьте её ещё раз.
error-ended = Кампания завершена и больше не принимает подписи.
error-busy = Сейчас подписывается очень много людей. Отправьте форму ещё раз через минуту: ваши ответы сохранены ниже.
thanks-heading = Спасибо!
thanks-text = Проверьте почту: мы отправили ссылку для подтверждения. Вас учтут, как только вы её откроете.
thanks-text-unmailed = Мы получили вашу форму. Она будет учтена после подтверждения.
confirmed-heading = Подтверждено. Спасибо!
confirmed-text = Ваша поддержка учтена.
confirm-invalid = Ссылка для подтверждения недействительна или устарела.
back-to-campaign = Вернуться к кампании
offline-saved = Сейчас нет связи. Форма сохранена на этом телефоне и будет отправлена, как только связь появится.
offline-sent = Сохранённая форма отправлена. Спасибо!
offline-sending = Отправляем…
offline-busy = Сейчас кампания очень загружена. Форма сохранена на этом телефоне и скоро будет отправлена.
offline-refused = Сохранённую форму не удалось отправить. Пожалуйста, заполните форму ещё раз.
mail-confirm-subject-pledge = Подтвердите, пожалуйста, вашу подпись: { $campaign }
mail-confirm-subject-subscription = Подтвердите, пожалуйста, подписку на новости: { $campaign }
mail-confirm-subject-both = Подтвердите, пожалуйста, подпись и подписку на новости: { $campaign }
mail-confirm-body = Здравствуйте{ $name }!
    Спасибо за участие в «{ $campaign }» вместе с { $org }.
    { $links }
    Если это были не вы, просто проигнорируйте письмо: ничего не будет учтено.
mail-confirm-link-pledge = Чтобы подтвердить подпись, откройте эту ссылку (действует 7 дней):
mail-confirm-link-subscription = Чтобы подтвердить подписку на новости, откройте эту ссылку (действует 7 дней):
error-proof-of-work = Этой форме нужен JavaScript, чтобы убедиться, что вы человек. Включите его и отправьте форму ещё раз.
act-donate = Пожертвовать
donors-count = { $form ->
    [one] жертвователь (возвращённые пожертвования не считаются)
    [few] жертвователя (возвращённые пожертвования не считаются)
   *[many] жертвователей (возвращённые пожертвования не считаются)
}
donate-heading = Сделать пожертвование
field-currency = Валюта
field-amount = Сумма
field-other-amount = Другая сумма
field-frequency = Как часто
frequency-once = Один раз
frequency-monthly = Каждый месяц
field-cover-fee = Добавить { $percent } %, чтобы пожертвование дошло целиком после комиссии за карту
donate-secure = Вы платите на защищённой странице нашего платёжного провайдера: данные вашей карты к нам не попадают.
button-donate = Перейти к оплате
error-gift-currency = Выберите одну из указанных валют.
error-gift-amount = Введите сумму, например 25 или 25.50.
error-gift-minimum = Минимальное пожертвование — { $amount }.
error-gift-maximum = Максимальное пожертвование онлайн — { $amount }.
error-gift-unavailable = Здесь пока нельзя пожертвовать онлайн.
error-gift-provider = Платёжный сервис не ответил. Деньги не списаны; попробуйте ещё раз через минуту.
error-gift-busy = Сейчас начинается очень много пожертвований. Попробуйте ещё раз через минуту.
gift-thanks-heading = Спасибо за пожертвование!
gift-thanks-text = Ваш платёж подтверждается. Квитанцию пришлёт по электронной почте наш платёжный провайдер.
# Отчёты о результатах
report-title = Отчёт о результатах
report-period = с { $from } по { $to }
report-generated = Данные на { $date }
report-reach-note = Охват показан по частям и никогда не складывается в одно число: один и тот же человек мог прийти на концерт, увидеть публикацию и зайти на страницу.
report-about = около { $value }
report-key-figures = Основные показатели
report-figure = Показатель
report-this-period = Этот период
report-previous-period = Предыдущий период
report-change = Изменение
report-method = Как считается
fig-attendance = Очные зрители
fig-impressions = Показы в соцсетях
fig-social-reach = Охват в соцсетях
fig-visits = Посещения
fig-unique-visitors = Уникальные посетители онлайн
fig-scans = Сканирования QR-кодов
fig-links = Переходы по ссылкам
fig-pledges = Подписи
fig-pledges-confirmed = Подтверждённые подписи
fig-subscriptions = Подписки на новости
fig-gifts = Пожертвования
fig-money = Получено средств
fig-money-in = Получено в { $currency }
fig-unvalued = Пожертвования без оценки
method-attendance = Подсчёт площадки, сканеры билетов или оценки по каждому событию; для каждой остановки указан источник.
method-impressions = Собственные данные платформ, импортированные из их выгрузок. Это не люди: один человек может увидеть публикацию много раз.
method-social-reach = Число охваченных аккаунтов по данным платформы (или показы, если охват не указан), сложенное по публикациям: без исключения повторов.
method-visits = Посещения людьми через ссылки, QR-коды и страницу кампании; боты и предпросмотры ссылок не учитываются.
method-unique-visitors = Оценка HyperLogLog (стандартная ошибка ±{ $error } %) различных посетителей за день, сложенная по дням: пришедший в два дня считается дважды. Ни cookie, ни IP-адреса не хранятся.
method-scans = Посещения через напечатанный QR-код.
method-links = Посещения через короткую ссылку.
method-pledges = Подписи, не помеченные как спам и не просроченные, подтверждённые по почте или ещё нет.
method-pledges-confirmed = Подписи, чей автор подтвердил адрес почты.
method-subscriptions = Подписки на новости, не спам и не просроченные.
method-gifts = Пожертвования, полученные онлайн и офлайн, деньги которых остались: пожертвование, возвращённое полностью или проигранное в споре, не считается; частичные возвраты и проигранные споры вычтены из сумм.
method-money = Каждое пожертвование оценено в { $currency } по курсу своего дня, за вычетом возвратов и проигранных споров.
method-money-in = Пожертвования в этой валюте за вычетом возвратов и проигранных споров, до пересчёта.
method-unvalued = Пожертвования, для дня которых ещё нет курса: учтены в своей валюте, но не в итоге.
report-funnel = От охвата к пожертвованиям
report-step = Этап
report-conversion = Доля
step-visited = Зашли на страницу (уникальные посетители)
step-acted = Действовали (подписи и подписки)
step-donated = Пожертвовали (деньги остались)
report-stops = По остановкам
report-stop = Остановка
report-date = Дата
report-city = Город
report-source = Источник
report-not-at-stop = Вне остановок
report-channels = По каналам
report-channel = Канал
report-days = По дням
report-day = День
report-actions = Действия
# Счётчик в реальном времени на экране площадки
live-totals = Итоги
live-raised = собрано
live-progress = Продвижение к цели
live-goal = Цель:
live-scan = Отсканируйте, чтобы добавить своё имя
live-latest = Последние участники
live-anonymous = Участник
live-gift = Новое пожертвование
live-reconnecting = Переподключение…
report-all-campaigns = Все кампании
report-synthetic = Эти цифры взяты из синтетических данных демонстрации: придуманы для примера, это не реальные люди и деньги.
transparency-title = Как идёт эта кампания и как мы считаем
transparency-intro = Каждая цифра ниже посчитана по записям самой кампании и импортированным данным платформ — те же цифры организация показывает своему совету. Имена участников здесь не называются.
fig-promised-in = Обязательства и сборы, ещё не оплаченные, в { $currency }
method-promised-in = Суммы, объявленные партнёрами, и сборы с каждого проданного на остановке билета: показаны отдельно и не входят в полученные средства, пока не оплачены и не стали пожертвованиями.

# Funnel of figures of one kind; confirmed sign-ups.
fig-subscriptions-confirmed = Подтверждённые подписки
method-subscriptions-confirmed = Подписки на новости, чей автор подтвердил адрес почты.
report-number = Число
report-rate-of = Доля от
step-attended = Присутствовали (лично, на концертах)
step-social-reach = Охвачены в соцсетях (аккаунты)
step-scanned = Сканировали QR-код
funnel-basis-attendance = от зрителей
funnel-basis-unique-visitors = от уникальных посетителей
method-funnel-attended = Число зрителей по данным концертов
method-funnel-social-reach = Данные самих платформ, импортированные
method-funnel-scanned = Визиты через печатный QR-код
method-funnel-visited = Оценка (±{ $error } %), онлайн, из всех каналов
method-funnel-acted = Ожидающие или подтверждённые
method-funnel-donated = Онлайн и офлайн
thanks-standing = { $form ->
    [one] Свою подпись уже подтвердил { $number } человек.
    [few] Свою подпись уже подтвердили { $number } человека.
   *[many] Свою подпись уже подтвердили { $number } человек.
}
confirmed-first = Ваша подпись — первая подтверждённая.
supporter-number = Вы — сторонник № { $number }.
confirmed-standing = { $form ->
    [one] Теперь вы среди { $number } подтверждённой подписи.
   *[other] Теперь вы среди { $number } подтверждённых подписей.
}
test-checkout-title = Тестовый платёж
test-checkout-note-heading = Тестовые платежи — деньги не списываются.
test-checkout-note = Эта страница заменяет страницу платёжного провайдера в демо и при разработке. Она отправляет в Chorus подписанные события провайдера.
test-checkout-pay = Оплатить тестовой картой, которая проходит
test-checkout-decline = Попробовать тестовую карту, которую отклоняют
test-checkout-cancel = Отменить и вернуться
test-checkout-declined = Тестовая карта отклонена. Ничего не списано; можно попробовать ещё раз.
share-heading = Позовите друга
share-text = Я только что присоединился к «{ $campaign }». А вы?
share-button = Поделиться
share-email = Почта
share-link = Ссылка на кампанию
share-copy = Скопировать ссылку
share-copied = Скопировано

# Channels: where a code or link was put (reports name them so)
channel-venue_qr = QR-код на площадке
channel-stage_screen = Экран на сцене
channel-instagram_post = Пост в Instagram
channel-youtube_description = Описание на YouTube
channel-tiktok_post = Пост в TikTok
channel-vk_post = Пост ВКонтакте
channel-telegram_post = Пост в Telegram
channel-weibo_post = Пост в Weibo
channel-whatsapp_channel = Канал в WhatsApp
channel-newsletter = Рассылка
channel-merchandise = Мерч
channel-other = Другое
channel-direct = Напрямую (без кода)
