skip-to-content = انتقل إلى المحتوى
org-campaigns = حملات { $org }
no-live-campaigns = لا توجد حملات جارية حاليًا. يرجى العودة قريبًا.
open-campaign = افتح الحملة
campaign-ended = انتهت هذه الحملة. شكرًا لكل من شارك فيها؛ وهذه نتائجها.
kind-awareness = حملة توعية
kind-fundraising = حملة لجمع التبرعات
kind-emergency_appeal = نداء طوارئ
progress-heading = التقدم نحو الهدف
raised-of-goal = جُمع { $raised } من أصل { $goal }
actions-of-goal = { $count } من أصل { $goal } مشاركة
dates-range = { $start } – { $end }
dates-from = ابتداءً من { $start }
with-ambassadors = بمشاركة
events-heading = الفعاليات
event-at = { $venue }، { $city }
languages-heading = اقرأ هذه الصفحة بلغة أخرى
story-heading = القصة
footer-privacy = لا تضع هذه الصفحة أي ملفات تعريف ارتباط ولا تحمّل أي شيء من مواقع أخرى.
page-not-found = الصفحة غير موجودة
page-not-found-text = لا توجد صفحة على هذا العنوان. ربما نُقلت أو انتهت.
act-pledge = وقّع التعهد
act-subscribe = تلقَّ آخر الأخبار
pledges-count = { $form ->
    [zero] توقيع مؤكد
    [one] توقيع مؤكد
    [two] توقيعان مؤكدان
    [few] توقيعات مؤكدة
    [many] توقيعًا مؤكدًا
   *[other] توقيع مؤكد
}
pledge-heading = وقّع التعهد
subscribe-heading = تلقَّ آخر أخبار { $org }
field-name = اسمك
field-email = البريد الإلكتروني
field-country = البلد
field-message = رسالة (اختيارية، حتى 280 حرفًا)
field-show-name = اعرض اسمي ورسالتي علنًا
field-also-subscribe = أرسلوا لي أيضًا أخبار هذه الحملة
consent-pledge = أوقّع هذا التعهد. تحتفظ { $org } باسمي وبريدي وبلدي لاحتساب توقيعي، وسترسل لي رسالة واحدة لتأكيده. يمكنني طلب حذف بياناتي في أي وقت.
consent-subscription = أرسلوا لي أخبار هذه الحملة بالبريد الإلكتروني. تحتفظ { $org } ببريدي لهذا الغرض فقط، وفي كل رسالة رابط لإيقافها.
button-pledge = وقّع
button-subscribe = اشترك
form-fix = يُرجى تصحيح ما يلي:
error-name = اكتب اسمك (حتى 100 حرف).
error-email = اكتب عنوان بريد صحيحًا، مثل name@example.org.
error-country = اكتب بلدك (حتى 60 حرفًا).
error-message = يمكن أن تصل الرسالة إلى 280 حرفًا، دون رموز تحكم.
error-consent = ضع علامة في المربع للموافقة.
error-too-old = انتهت صلاحية هذا النموذج. إليك نموذجًا جديدًا: أرسله مرة أخرى.
error-ended = انتهت هذه الحملة ولم تعد تقبل التوقيعات.
error-busy = يوقّع كثيرون الآن. يُرجى إرسال النموذج مرة أخرى بعد دقيقة: إجاباتك محفوظة أدناه.
thanks-heading = شكرًا لك!
thanks-text = تفقّد بريدك: أرسلنا إليك رابطًا للتأكيد. يُحتسب توقيعك بمجرد فتحه.
thanks-text-unmailed = وصلنا نموذجك. يُحتسب بمجرد تأكيده.
confirmed-heading = تم التأكيد. شكرًا لك!
confirmed-text = دعمك محتسب الآن.
confirm-invalid = رابط التأكيد هذا غير صالح أو انتهت صلاحيته.
back-to-campaign = العودة إلى الحملة
offline-saved = لا يوجد اتصال الآن. حُفظ النموذج على هذا الهاتف وسيُرسل فور عودة الاتصال.
offline-sent = أُرسل النموذج المحفوظ. شكرًا لك!
offline-sending = جارٍ الإرسال…
offline-busy = الحملة مزدحمة جدًا الآن. حُفظ النموذج على هذا الهاتف وسيُرسل بعد لحظات.
offline-refused = تعذّر إرسال النموذج المحفوظ. يُرجى ملء النموذج من جديد.
mail-confirm-subject-pledge = يُرجى تأكيد توقيعك: { $campaign }
mail-confirm-subject-subscription = يُرجى تأكيد اشتراكك في المستجدات: { $campaign }
mail-confirm-subject-both = يُرجى تأكيد توقيعك واشتراكك في المستجدات: { $campaign }
mail-confirm-body = مرحبًا{ $name }،
    شكرًا لمشاركتك في «{ $campaign }» مع { $org }.
    { $links }
    إن لم تكن أنت، فتجاهل هذه الرسالة: لن يُحتسب شيء.
mail-confirm-link-pledge = لتأكيد توقيعك، افتح هذا الرابط (صالح لمدة 7 أيام):
mail-confirm-link-subscription = لتأكيد رغبتك في تلقي المستجدات، افتح هذا الرابط (صالح لمدة 7 أيام):
error-proof-of-work = يحتاج هذا النموذج إلى JavaScript للتحقق من أنك شخص حقيقي. فعّله وأرسل النموذج مرة أخرى.
act-donate = تبرّع
donors-count = { $form ->
    [zero] متبرع (لا تُحتسب التبرعات المستردة)
    [one] متبرع (لا تُحتسب التبرعات المستردة)
    [two] متبرعان (لا تُحتسب التبرعات المستردة)
    [few] متبرعين (لا تُحتسب التبرعات المستردة)
    [many] متبرعًا (لا تُحتسب التبرعات المستردة)
   *[other] متبرع (لا تُحتسب التبرعات المستردة)
}
donate-heading = قدّم تبرعًا
field-currency = العملة
field-amount = المبلغ
field-other-amount = مبلغ آخر
field-frequency = كم مرة
frequency-once = مرة واحدة
frequency-monthly = كل شهر
field-cover-fee = أضف { $percent } ٪ ليصل تبرعي كاملًا بعد رسوم البطاقة
donate-secure = تدفع على الصفحة الآمنة لمزوّد الدفع لدينا: بيانات بطاقتك لا تصل إلينا أبدًا.
button-donate = المتابعة إلى الدفع
error-gift-currency = يُرجى اختيار إحدى العملات المدرجة.
error-gift-amount = يُرجى إدخال مبلغ مثل 25 أو 25.50.
error-gift-minimum = أصغر تبرع هو { $amount }.
error-gift-maximum = أكبر تبرع عبر الإنترنت هو { $amount }.
error-gift-unavailable = لا يمكن التبرع عبر الإنترنت هنا بعد.
error-gift-provider = لم تستجب خدمة الدفع. لم يُخصم أي مبلغ؛ يُرجى المحاولة مرة أخرى بعد قليل.
error-gift-busy = تُبدأ الآن تبرعات كثيرة. يُرجى المحاولة مرة أخرى بعد دقيقة.
gift-thanks-heading = شكرًا لتبرعك!
gift-thanks-text = يجري تأكيد دفعتك. سيصلك الإيصال بالبريد الإلكتروني من مزوّد الدفع لدينا.
# تقارير الأثر
report-title = تقرير الأثر
report-period = من { $from } إلى { $to }
report-generated = الأرقام حتى { $date }
report-reach-note = يُعرض عدد من وصلنا إليهم بأجزائه ولا يُجمع أبدًا في رقم واحد: قد يكون الشخص نفسه قد حضر وشاهد منشورًا وزار الصفحة.
report-about = نحو { $value }
report-key-figures = الأرقام الرئيسية
report-figure = المؤشر
report-this-period = هذه الفترة
report-previous-period = الفترة السابقة
report-change = التغيّر
report-method = طريقة الحساب
fig-attendance = الحضور الفعلي
fig-impressions = مرات الظهور على وسائل التواصل
fig-social-reach = الوصول على وسائل التواصل
fig-visits = الزيارات
fig-unique-visitors = الزوار الفريدون عبر الإنترنت
fig-scans = مسح رموز QR
fig-links = النقرات على الروابط
fig-pledges = التعهدات
fig-pledges-confirmed = التعهدات المؤكدة
fig-subscriptions = الاشتراكات في المستجدات
fig-gifts = التبرعات
fig-money = المبالغ المستلمة
fig-money-in = المبالغ المستلمة بعملة { $currency }
fig-unvalued = تبرعات لم تُقيَّم بعد
method-attendance = عدّ القاعات أو ماسحات التذاكر أو التقديرات لكل فعالية؛ تذكر كل محطة مصدرها.
method-impressions = أرقام المنصات نفسها، مستوردة من ملفات التصدير. ليست أشخاصًا: قد يرى الشخص المنشور مرات عديدة.
method-social-reach = عدد الحسابات التي وصل إليها كل منشور بحسب المنصة (أو مرات الظهور إن لم تذكره)، مجموعًا على المنشورات دون إزالة التكرار.
method-visits = زيارات الأشخاص عبر الروابط ورموز QR وصفحة الحملة؛ باستثناء البرامج الآلية ومعاينات الروابط.
method-unique-visitors = تقدير HyperLogLog (خطأ معياري ±{ $error } %) للزوار المختلفين في كل يوم، مجموعًا على الأيام: من يزور في يومين يُحسب مرتين. لا تُحفظ ملفات تعريف الارتباط ولا عناوين IP.
method-scans = زيارات وصلت عبر رمز QR مطبوع.
method-links = زيارات وصلت عبر رابط مختصر.
method-pledges = تعهدات غير معلّمة كرسائل مزعجة وغير منتهية، مؤكدة بالبريد أو لم تؤكد بعد.
method-pledges-confirmed = تعهدات أكّد أصحابها عناوين بريدهم.
method-subscriptions = اشتراكات في المستجدات، غير مزعجة وغير منتهية.
method-gifts = تبرعات مستلمة عبر الإنترنت وخارجه بقي مالها: لا يُحتسب تبرع مسترد بالكامل أو خاسر في نزاع؛ وتُخصم المبالغ المستردة جزئياً والنزاعات الخاسرة من المبالغ.
method-money = يُقيَّم كل تبرع بعملة { $currency } بسعر صرف يومه، بعد خصم المبالغ المستردة والنزاعات الخاسرة.
method-money-in = التبرعات بهذه العملة بعد خصم المبالغ المستردة والنزاعات الخاسرة، قبل أي تحويل.
method-unvalued = تبرعات لا يوجد لسعر صرف يومها رقم بعد: تُحسب بعملتها وليس في المجموع.
report-funnel = من الوصول إلى التبرع
report-step = المرحلة
report-conversion = النسبة
step-visited = زاروا الصفحة (الزوار الفريدون)
step-acted = شاركوا (التعهدات والاشتراكات)
step-donated = تبرعوا (تبرعات بقي مالها)
report-stops = حسب المحطة
report-stop = المحطة
report-date = التاريخ
report-city = المدينة
report-source = المصدر
report-not-at-stop = غير مرتبط بمحطة
report-channels = حسب القناة
report-channel = القناة
report-days = يومًا بيوم
report-day = اليوم
report-actions = المشاركات
# العداد المباشر على شاشة القاعة
live-totals = المجاميع
live-raised = جُمعت
live-progress = التقدم نحو الهدف
live-goal = الهدف:
live-scan = امسح الرمز لإضافة اسمك
live-latest = أحدث الداعمين
live-anonymous = أحد الداعمين
live-gift = تبرع جديد
live-reconnecting = جارٍ إعادة الاتصال…
report-all-campaigns = جميع الحملات
report-synthetic = هذه الأرقام من البيانات التجريبية المصطنعة: مختلقة للتوضيح، وليست أشخاصًا أو أموالًا حقيقية.
transparency-title = كيف تسير هذه الحملة وكيف نحسب
transparency-intro = يُحسب كل رقم أدناه من سجلات الحملة نفسها ومن أرقام المنصات المستوردة، وهي الأرقام نفسها التي تقدمها المنظمة إلى مجلسها. لا يُذكر هنا اسم أي داعم.
fig-promised-in = التزامات ورسوم لم تُدفع بعد، بعملة { $currency }
method-promised-in = مبالغ أعلن عنها الشركاء ورسوم مستحقة عن كل تذكرة بيعت في محطة: تُعرض منفصلة ولا تُضاف إلى المبالغ المستلمة حتى تُدفع فتصبح تبرعات.

# Funnel of figures of one kind; confirmed sign-ups.
fig-subscriptions-confirmed = الاشتراكات المؤكدة
method-subscriptions-confirmed = اشتراكات في المستجدات أكّد أصحابها عناوين بريدهم.
report-number = العدد
report-rate-of = نسبةً إلى
step-attended = حضروا (شخصياً، في المحطات)
step-social-reach = وصلنا إليهم على وسائل التواصل (حسابات)
step-scanned = مسحوا رمز QR
funnel-basis-attendance = من الحضور
funnel-basis-unique-visitors = من الزوار الفريدين
method-funnel-attended = الحضور كما أبلغت عنه المحطات
method-funnel-social-reach = أرقام المنصات نفسها، مستوردة
method-funnel-scanned = زيارات عبر رمز QR مطبوع
method-funnel-visited = تقدير (±{ $error } %)، عبر الإنترنت، من كل القنوات
method-funnel-acted = قيد الانتظار أو مؤكدة
method-funnel-donated = عبر الإنترنت وخارجه
thanks-standing = { $form ->
    [zero] لم يؤكد أحد توقيعه حتى الآن.
    [one] أكّد شخص واحد توقيعه حتى الآن.
    [two] أكّد شخصان توقيعهما حتى الآن.
    [few] أكّد { $number } أشخاص توقيعهم حتى الآن.
    [many] أكّد { $number } شخصًا توقيعهم حتى الآن.
   *[other] أكّد { $number } شخص توقيعهم حتى الآن.
}
confirmed-first = توقيعك هو أول توقيع مؤكد.
supporter-number = أنت الداعم رقم { $number }.
confirmed-standing = { $form ->
    [two] أنت الآن أحد توقيعين مؤكدين.
    [few] أنت الآن واحد من { $number } توقيعات مؤكدة.
    [many] أنت الآن واحد من { $number } توقيعًا مؤكدًا.
   *[other] أنت الآن واحد من { $number } توقيع مؤكد.
}
test-checkout-title = دفعة تجريبية
test-checkout-note-heading = دفعات تجريبية — لا تنتقل أي أموال.
test-checkout-note = تحل هذه الصفحة محل صفحة الدفع لدى مزوّد الدفع في العرض التجريبي وأثناء التطوير. وهي ترسل أحداث المزوّد موقّعةً إلى Chorus.
test-checkout-pay = ادفع ببطاقة تجريبية مقبولة
test-checkout-decline = جرّب بطاقة تجريبية مرفوضة
test-checkout-cancel = إلغاء والعودة
test-checkout-declined = رُفضت البطاقة التجريبية. لم يُخصم أي مبلغ؛ يمكنك المحاولة مرة أخرى.
share-heading = ادعُ صديقًا للانضمام
share-text = انضممت للتو إلى «{ $campaign }». هل تنضم أنت أيضًا؟
share-button = مشاركة
share-email = البريد الإلكتروني
share-link = رابط الحملة
share-copy = نسخ الرابط
share-copied = نُسخ

# Channels: where a code or link was put (reports name them so)
channel-venue_qr = رمز QR في المكان
channel-stage_screen = شاشة المسرح
channel-instagram_post = منشور على إنستغرام
channel-youtube_description = وصف على يوتيوب
channel-tiktok_post = منشور على تيك توك
channel-vk_post = منشور على VK
channel-telegram_post = منشور على تيليغرام
channel-weibo_post = منشور على ويبو
channel-whatsapp_channel = قناة واتساب
channel-newsletter = نشرة إخبارية
channel-merchandise = منتجات
channel-other = أخرى
channel-direct = مباشر (بلا رمز)
