//! The demo's campaign and event texts in the five languages. Invented; any likeness is coincidence.

use crate::domain::engagement::EngagementWords;
use crate::domain::language::Language;

/// (title, summary, story in Markdown, call to action) of one campaign in one language.
pub type Text = (&'static str, &'static str, &'static str, &'static str);

pub fn safe_migration(language: Language) -> Text {
    match language {
        Language::En => (
            "Every journey safe",
            "Millions of people move in search of safety and work. Information saves lives on the way.",
            "## Why it matters\n\nPeople on the move are exposed to traffickers and false promises. \
             Knowing your rights and the **safe routes** changes that.\n\n\
             - Share the facts with your friends\n- Sign the pledge to stand with people on the move\n",
            "Sign the pledge for safe migration",
        ),
        Language::Fr => (
            "Chaque voyage en sécurité",
            "Des millions de personnes se déplacent pour trouver sécurité et travail. L’information sauve des vies en chemin.",
            "## Pourquoi c’est important\n\nLes personnes en déplacement sont exposées aux trafiquants et aux fausses promesses. \
             Connaître ses droits et les **voies sûres** change tout.\n\n\
             - Partagez les faits avec vos proches\n- Signez l’engagement aux côtés des personnes en déplacement\n",
            "Signez l’engagement pour une migration sûre",
        ),
        Language::Es => (
            "Cada viaje, seguro",
            "Millones de personas se desplazan en busca de seguridad y trabajo. La información salva vidas en el camino.",
            "## Por qué importa\n\nLas personas en movimiento están expuestas a tratantes y falsas promesas. \
             Conocer sus derechos y las **rutas seguras** lo cambia todo.\n\n\
             - Comparte los datos con tus amistades\n- Firma el compromiso junto a las personas en movimiento\n",
            "Firma el compromiso por una migración segura",
        ),
        Language::Ar => (
            "رحلة آمنة للجميع",
            "يتنقل الملايين بحثًا عن الأمان والعمل. والمعلومة الصحيحة تنقذ الأرواح على الطريق.",
            "## لماذا يهمّ ذلك\n\nيتعرض المهاجرون للمتاجرين بالبشر وللوعود الكاذبة. \
             معرفة الحقوق و**الطرق الآمنة** تغيّر ذلك.\n\n\
             - شارك الحقائق مع أصدقائك\n- وقّع التعهد تضامنًا مع المهاجرين\n",
            "وقّع التعهد من أجل هجرة آمنة",
        ),
        Language::Ru => (
            "Безопасный путь для каждого",
            "Миллионы людей переезжают в поисках безопасности и работы. Информация спасает жизни в пути.",
            "## Почему это важно\n\nЛюди в пути сталкиваются с торговцами людьми и ложными обещаниями. \
             Знание своих прав и **безопасных маршрутов** меняет это.\n\n\
             - Поделитесь фактами с друзьями\n- Подпишите обязательство в поддержку людей в пути\n",
            "Подпишите обязательство за безопасную миграцию",
        ),
    }
}

pub fn tour_fund(language: Language) -> Text {
    match language {
        Language::En => (
            "Open Roads: give on tour",
            "At every stop of the Open Roads tour, the audience funds shelter, legal aid and safe-route information.",
            "Each gift goes to the agency's humanitarian work for people on the move: **shelter**, **legal aid** \
             and **information points** along migration routes.",
            "Give tonight",
        ),
        Language::Fr => (
            "Open Roads : donnez pendant la tournée",
            "À chaque étape de la tournée Open Roads, le public finance abris, aide juridique et information sur les voies sûres.",
            "Chaque don soutient l’action humanitaire de l’agence pour les personnes en déplacement : **abris**, \
             **aide juridique** et **points d’information** le long des routes migratoires.",
            "Donnez ce soir",
        ),
        Language::Es => (
            "Open Roads: dona en la gira",
            "En cada parada de la gira Open Roads, el público financia refugio, asesoría legal e información sobre rutas seguras.",
            "Cada donación apoya la labor humanitaria de la agencia con las personas en movimiento: **refugio**, \
             **asesoría legal** y **puntos de información** en las rutas migratorias.",
            "Dona esta noche",
        ),
        Language::Ar => (
            "الطرق المفتوحة: تبرّع خلال الجولة",
            "في كل محطة من جولة الطرق المفتوحة، يموّل الجمهور المأوى والمساعدة القانونية ومعلومات الطرق الآمنة.",
            "يذهب كل تبرع إلى العمل الإنساني للوكالة من أجل المهاجرين: **المأوى** و**المساعدة القانونية** \
             و**نقاط المعلومات** على طرق الهجرة.",
            "تبرّع الليلة",
        ),
        Language::Ru => (
            "Open Roads: поддержите в туре",
            "На каждой остановке тура Open Roads зрители помогают оплатить приют, юридическую помощь и информацию о безопасных маршрутах.",
            "Каждое пожертвование идёт на гуманитарную работу агентства для людей в пути: **приют**, \
             **юридическая помощь** и **информационные пункты** на миграционных маршрутах.",
            "Поддержите сегодня",
        ),
    }
}

pub fn emergency(language: Language) -> Text {
    match language {
        Language::En => (
            "Emergency appeal: flood response",
            "Floods have displaced thousands of families. Help reach them with water, shelter and care.",
            "Our teams are on the ground. Your gift provides **clean water**, **emergency shelter** and **medical care**.",
            "Give to the emergency response",
        ),
        Language::Fr => (
            "Appel d’urgence : inondations",
            "Les inondations ont déplacé des milliers de familles. Aidez-nous à leur apporter eau, abri et soins.",
            "Nos équipes sont sur place. Votre don fournit **eau potable**, **abris d’urgence** et **soins médicaux**.",
            "Donnez pour la réponse d’urgence",
        ),
        Language::Es => (
            "Llamamiento de emergencia: inundaciones",
            "Las inundaciones han desplazado a miles de familias. Ayuda a llevarles agua, refugio y atención.",
            "Nuestros equipos están en el terreno. Tu donación aporta **agua potable**, **refugio de emergencia** y **atención médica**.",
            "Dona a la respuesta de emergencia",
        ),
        Language::Ar => (
            "نداء طوارئ: الاستجابة للفيضانات",
            "شرّدت الفيضانات آلاف الأسر. ساعدنا في إيصال المياه والمأوى والرعاية إليها.",
            "فرقنا في الميدان. يوفّر تبرعك **المياه النظيفة** و**المأوى الطارئ** و**الرعاية الطبية**.",
            "تبرّع للاستجابة الطارئة",
        ),
        Language::Ru => (
            "Экстренный призыв: помощь при наводнении",
            "Наводнение вынудило тысячи семей покинуть дома. Помогите доставить им воду, кров и помощь.",
            "Наши команды на месте. Ваше пожертвование — это **чистая вода**, **временное жильё** и **медицинская помощь**.",
            "Поддержите экстренную помощь",
        ),
    }
}

/// The ambassador's biography.
pub fn biography(language: Language) -> &'static str {
    match language {
        Language::En => "Amara Solène is a singer-songwriter whose songs about home and leaving have travelled far beyond her own country.",
        Language::Fr => "Amara Solène est une autrice-compositrice-interprète dont les chansons sur le foyer et le départ ont voyagé bien au-delà de son pays.",
        Language::Es => "Amara Solène es una cantautora cuyas canciones sobre el hogar y la partida han viajado mucho más allá de su país.",
        Language::Ar => "أمارا سولين مغنية وكاتبة أغانٍ سافرت أغانيها عن الوطن والرحيل إلى ما هو أبعد بكثير من بلدها.",
        Language::Ru => "Амара Солен — певица и автор песен, чьи песни о доме и расставании давно вышли за пределы её страны.",
    }
}

/// The Geneva events' titles, venues and city in the demo's other languages (by kind of event).
pub fn event_words(kind: &str) -> Vec<EngagementWords> {
    let words: &[(Language, &str, &str, &str)] = match kind {
        "meeting" => &[
            (
                Language::Fr,
                "Rencontre avec le Directeur général de l'agence",
                "Siège de l'agence",
                "Genève",
            ),
            (
                Language::Es,
                "Reunión con el Director General de la agencia",
                "Sede de la agencia",
                "Ginebra",
            ),
            (
                Language::Ar,
                "لقاء مع المدير العام للوكالة",
                "مقر الوكالة",
                "جنيف",
            ),
            (
                Language::Ru,
                "Встреча с генеральным директором агентства",
                "Штаб-квартира агентства",
                "Женева",
            ),
        ],
        _ => &[
            (
                Language::Fr,
                "Séance du conseil : chanson et nomination comme ambassadrice mondiale",
                "Salle du conseil",
                "Genève",
            ),
            (
                Language::Es,
                "Sesión del consejo: canción y nombramiento como embajadora mundial",
                "Sala del consejo",
                "Ginebra",
            ),
            (
                Language::Ar,
                "جلسة المجلس: أغنية وتعيين سفيرة عالمية",
                "قاعة المجلس",
                "جنيف",
            ),
            (
                Language::Ru,
                "Заседание совета: песня и назначение глобальным послом",
                "Зал совета",
                "Женева",
            ),
        ],
    };
    words
        .iter()
        .map(|&(language, title, venue, city)| EngagementWords {
            language,
            title: title.to_owned(),
            venue: venue.to_owned(),
            city: city.to_owned(),
        })
        .collect()
}
