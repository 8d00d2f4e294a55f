"""The checks on one translation: one failing and one passing example per check in each
target language, exact messages, numbers, and what silences a check."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.lang import SUPPORTED_LANGUAGES
from translate.qa.checks import CHECKS, CODES, WORD, Finding, check_translation
from translate.text.tokens import strip_tokens

S_YEAR = "Nagorno-Karabakh has been under the control of ethnic Armenian forces since 1994."
S_DRONES = "The army received 1,500 drones, 60 percent of them from Israel."
S_URL = "The full statement is published at https://www.mfa.am/en/press-release/2020/10/01."
S_EMAIL = "Questions can be sent to press@mfa.am."
S_HANDLE = "Armenian foreign ministry spokeswoman @naghdalyan wrote on Twitter."
S_HASHTAG = "The ministry posted the videos with the hashtag #Artsakh."
S_BRACKETS = "Barak Ravid (@BarakRavid) reported the news on Thursday."
S_QUOTES = 'The spokeswoman called the sale "unacceptable" on Thursday.'
S_NAME = "Hikmet Hajiyev praised the effectiveness of the Israeli weapons."
S_GLOSSARY = "Nagorno-Karabakh lies within Azerbaijan."
S_RECALL = "Armenia recalled its ambassador from Israel."
S_PROTEST = (
    "Armenia recalled its ambassador from Israel to protest the sale of weapons to Azerbaijan.")
S_CLASH = (
    "The clash between Armenian and Azerbaijani forces continued for a fifth straight day "
    "on Thursday.")
S_MINISTRY = 'The ministry called the sale "unacceptable".'
S_IDF = "The Israel Defense Forces did not comment."
S_READY = 'Our army is ready," the minister said.'  # a quotation's second sentence

# (lang, source, correct translation): each has no finding at all.

S_LINK_MD = "The ambassador was [recalled][1] on Tuesday."
S_LINK_HTML = 'The ambassador was <a href="1">recalled</a> on Tuesday.'

PASSING = [
    ("ru", S_LINK_MD, "Посол был [отозван][1] во вторник."),
    # spaces the source has too (a source's doubled space the translator dropped is no defect)
    ("ru", " " + S_RECALL + "  ", " Армения отозвала посла из Израиля.  "),
    ("he", "Armenia recalled  its ambassador  from Israel.", "ארמניה החזירה את שגרירה מישראל."),
    ("hy", "Armenia  recalled its ambassador from Israel.",
     "Հայաստանը  հետ է կանչել Իսրայելում իր դեսպանին։"),
    ("he", S_LINK_HTML, 'השגריר <a href="1">הוחזר</a> ביום שלישי.'),
    # Russian
    ("ru", S_YEAR,
     "С 1994 года Нагорный Карабах находится под контролем этнических армянских сил."),
    ("ru", S_DRONES, "Армия получила 1\u00a0500 беспилотников, 60 % из них — из Израиля."),
    ("ru", S_URL,
     "Полный текст заявления опубликован на https://www.mfa.am/en/press-release/2020/10/01."),
    ("ru", S_EMAIL, "Вопросы можно направлять по адресу press@mfa.am."),
    ("ru", S_HANDLE, "Пресс-секретарь МИД Армении @naghdalyan написала в Twitter."),
    ("ru", S_HASHTAG, "Министерство опубликовало видео с хештегом #Artsakh."),
    ("ru", S_BRACKETS, "Барак Равид (@BarakRavid) сообщил об этом в четверг."),
    ("ru", S_QUOTES, "В четверг пресс-секретарь назвала продажу «неприемлемой»."),
    ("ru", S_NAME, "Хикмет Гаджиев высоко оценил эффективность израильского оружия."),
    ("ru", S_GLOSSARY, "Нагорный Карабах находится в пределах Азербайджана."),
    ("ru", S_RECALL, "Армения отозвала посла из Израиля."),
    ("ru", S_PROTEST,
     "Армения отозвала посла из Израиля в знак протеста против продажи оружия Азербайджану."),
    ("ru", S_CLASH,
     "Столкновения между армянскими и азербайджанскими силами продолжались в четверг пятый "
     "день подряд."),
    ("ru", S_MINISTRY, "Министерство назвало продажу «неприемлемой»."),
    ("ru", S_READY, "Наша армия готова», — заявил министр."),
    # Armenian
    ("hy", S_YEAR,
     "1994 թվականից Լեռնային Ղարաբաղը գտնվում է էթնիկ հայկական ուժերի վերահսկողության ներքո։"),
    ("hy", S_DRONES, "Բանակը ստացել է 1\u00a0500 անօդաչու թռչող սարք, որոնց 60 տոկոսը՝ Իսրայելից։"),
    ("hy", S_URL,
     "Հայտարարության ամբողջական տեքստը հրապարակված է "
     "https://www.mfa.am/en/press-release/2020/10/01 կայքում։"),
    ("hy", S_EMAIL, "Հարցերը կարելի է ուղարկել press@mfa.am հասցեով։"),
    ("hy", S_HANDLE, "ՀՀ ԱԳՆ խոսնակ @naghdalyan-ը գրել է Twitter-ում։"),
    ("hy", S_HASHTAG, "Նախարարությունը տեսանյութերը հրապարակել է #Artsakh հեշթեգով։"),
    ("hy", S_BRACKETS, "Բարակ Ռավիդը (@BarakRavid) այս մասին հայտնել է հինգշաբթի։"),
    ("hy", S_QUOTES, "Հինգշաբթի օրը խոսնակը վաճառքն անվանել է «անընդունելի»։"),
    ("hy", S_NAME,
     "Հիքմեթ Հաջիևը բարձր է գնահատել իսրայելական զենքի արդյունավետությունը։"),
    ("hy", S_GLOSSARY, "Լեռնային Ղարաբաղը գտնվում է Ադրբեջանի սահմաններում։"),
    ("hy", S_RECALL, "Հայաստանը հետ է կանչել Իսրայելում իր դեսպանին։"),
    ("hy", S_CLASH,
     "Հինգշաբթի հայկական և ադրբեջանական ուժերի միջև բախումները շարունակվեցին հինգերորդ օրը "
     "անընդմեջ։"),
    ("hy", S_MINISTRY, "Նախարարությունը վաճառքն անվանել է «անընդունելի»։"),
    ("hy", S_READY, "Մեր բանակը պատրաստ է»,— ասել է նախարարը։"),
    # Azerbaijani
    ("az", S_YEAR, "Dağlıq Qarabağ 1994-cü ildən etnik erməni qüvvələrinin nəzarəti altındadır."),
    ("az", S_DRONES, "Ordu 1.500 pilotsuz uçan aparat alıb, onların 60 faizi İsraildəndir."),
    ("az", S_URL,
     "Bəyanatın tam mətni https://www.mfa.am/en/press-release/2020/10/01 saytında dərc olunub."),
    ("az", S_EMAIL, "Suallar press@mfa.am ünvanına göndərilə bilər."),
    ("az", S_HANDLE, "Ermənistan XİN-in mətbuat katibi @naghdalyan Twitter-də yazıb."),
    ("az", S_HASHTAG, "Nazirlik videoları #Artsakh heşteqi ilə yayımlayıb."),
    ("az", S_BRACKETS, "Barak Ravid (@BarakRavid) bu barədə cümə axşamı məlumat verib."),
    ("az", S_QUOTES, "Mətbuat katibi cümə axşamı satışı «qəbuledilməz» adlandırıb."),
    ("az", S_NAME, "Hikmət Hacıyev İsrail silahlarının effektivliyini yüksək qiymətləndirib."),
    ("az", S_GLOSSARY, "Dağlıq Qarabağ Azərbaycanın ərazisində yerləşir."),
    ("az", S_RECALL, "Ermənistan İsraildəki səfirini geri çağırıb."),
    ("az", S_PROTEST,
     "Ermənistan Azərbaycana silah satışına etiraz olaraq İsraildəki səfirini geri çağırıb."),
    ("az", S_CLASH,
     "Erməni və Azərbaycan qüvvələri arasında toqquşmalar cümə axşamı ardıcıl beşinci gün "
     "davam edib."),
    ("az", S_MINISTRY, "Nazirlik satışı «qəbuledilməz» adlandırıb."),
    ("az", S_READY, "Ordumuz hazırdır», — nazir bildirib."),
    # Hebrew
    ("he", S_YEAR, "מאז 1994 נגורנו-קרבאך נמצאת בשליטת כוחות ארמניים אתניים."),
    ("he", S_DRONES, "הצבא קיבל 1,500 כטב״מים, 60 אחוז מהם מישראל."),
    ("he", S_URL, "הנוסח המלא של ההודעה פורסם בכתובת https://www.mfa.am/en/press-release/2020/10/01."),
    ("he", S_EMAIL, "ניתן לשלוח שאלות לכתובת press@mfa.am."),
    ("he", S_HANDLE, "דוברת משרד החוץ הארמני @naghdalyan כתבה בטוויטר."),
    ("he", S_HASHTAG, "המשרד פרסם את הסרטונים עם ההאשטאג #Artsakh."),
    ("he", S_BRACKETS, "ברק רביד (@BarakRavid) דיווח על כך ביום חמישי."),
    ("he", S_QUOTES, 'הדוברת כינתה ביום חמישי את המכירה "בלתי מתקבלת על הדעת".'),
    ("he", S_NAME, "חיכמת חג׳ייב שיבח את יעילות הנשק הישראלי."),
    ("he", S_GLOSSARY, "נגורנו-קרבאך שוכנת בתוך שטחה של אזרבייג׳ן."),
    ("he", S_RECALL, "ארמניה החזירה את שגרירה מישראל."),
    ("he", S_CLASH,
     "העימותים בין הכוחות הארמניים והאזריים נמשכו ביום חמישי זה היום החמישי ברציפות."),
    ("he", S_IDF, "צה״ל לא הגיב."),
    # Persian: its digits, ٬ and ٫, the zero-width non-joiner inside words, «», ، and ؟
    ("fa", S_YEAR, "قره‌باغ کوهستانی از سال ۱۹۹۴ تحت کنترل نیروهای قومی ارمنی است."),
    ("fa", S_DRONES, "ارتش ۱٬۵۰۰ پهپاد دریافت کرد که ۶۰ درصد آنها از اسرائیل است."),
    ("fa", S_URL,
     "متن کامل بیانیه در https://www.mfa.am/en/press-release/2020/10/01 منتشر شده است."),
    ("fa", S_EMAIL, "پرسش‌ها را می‌توان به نشانی press@mfa.am فرستاد."),
    ("fa", S_HANDLE, "سخنگوی وزارت امور خارجه ارمنستان، @naghdalyan، در توییتر نوشت."),
    ("fa", S_HASHTAG, "وزارتخانه ویدیوها را با هشتگ #Artsakh منتشر کرد."),
    ("fa", S_BRACKETS, "باراک راوید (@BarakRavid) روز پنجشنبه این خبر را گزارش داد."),
    ("fa", S_QUOTES, "سخنگو روز پنجشنبه این فروش را «غیرقابل قبول» خواند."),
    ("fa", S_NAME, "حکمت حاجی‌یف کارآمدی سلاح‌های اسرائیلی را ستود."),
    ("fa", S_GLOSSARY, "قره‌باغ کوهستانی در داخل جمهوری آذربایجان قرار دارد."),
    ("fa", S_RECALL, "ارمنستان سفیر خود را از اسرائیل فراخواند."),
    ("fa", S_CLASH,
     "درگیری میان نیروهای ارمنی و آذربایجانی روز پنجشنبه برای پنجمین روز پیاپی ادامه یافت."),
    ("fa", S_MINISTRY, "وزارتخانه این فروش را «غیرقابل قبول» خواند."),
    ("fa", S_READY, "ارتش ما آماده است»، وزیر گفت."),
    ("fa", S_LINK_HTML, 'سفیر روز سه‌شنبه <a href="1">فراخوانده</a> شد.'),
    ("fa", "Is Armenia ready?", "آیا ارمنستان آماده است؟"),
    ("fa", "It cost 12,500.5 dollars.", "هزینه آن ۱۲٬۵۰۰٫۵ دلار بود."),
    ("fa", "Losses of 2.5 million.", "خسارت ۲/۵ میلیون."),
    ("fa", "It cost 12,500 dollars.", "هزینه آن ١٢٬٥٠٠ دلار بود."),  # Arabic-Indic digits
    # Turkish: the apostrophe before a name's suffixes, “” (and ASCII) quotes, 1.500
    ("tr", S_YEAR, "Dağlık Karabağ, 1994'ten beri etnik Ermeni güçlerinin kontrolü altında."),
    ("tr", S_DRONES, "Ordu 1.500 insansız hava aracı aldı, bunların yüzde 60'ı İsrail'den."),
    ("tr", S_URL,
     "Açıklamanın tam metni https://www.mfa.am/en/press-release/2020/10/01 adresinde "
     "yayımlandı."),
    ("tr", S_EMAIL, "Sorular press@mfa.am adresine gönderilebilir."),
    ("tr", S_HANDLE, "Ermenistan Dışişleri Bakanlığı sözcüsü @naghdalyan Twitter'da yazdı."),
    ("tr", S_HASHTAG, "Bakanlık videoları #Artsakh etiketiyle paylaştı."),
    ("tr", S_BRACKETS, "Barak Ravid (@BarakRavid) haberi perşembe günü verdi."),
    ("tr", S_QUOTES, "Sözcü perşembe günü satışı “kabul edilemez” olarak nitelendirdi."),
    ("tr", S_NAME, "Hikmet Hacıyev İsrail silahlarının etkinliğini övdü."),
    ("tr", S_GLOSSARY, "Dağlık Karabağ, Azerbaycan sınırları içinde yer alıyor."),
    ("tr", S_RECALL, "Ermenistan, İsrail'deki büyükelçisini geri çağırdı."),
    ("tr", S_PROTEST,
     "Ermenistan, Azerbaycan'a silah satışını protesto etmek için İsrail'deki büyükelçisini "
     "geri çağırdı."),
    ("tr", S_CLASH,
     "Ermeni ve Azerbaycan güçleri arasındaki çatışmalar perşembe günü üst üste beşinci gün "
     "de sürdü."),
    ("tr", S_MINISTRY, "Bakanlık satışı «kabul edilemez» olarak nitelendirdi."),
    ("tr", S_READY, "Ordumuz hazır” dedi bakan."),
    ("tr", S_LINK_MD, "Büyükelçi salı günü [geri çağrıldı][1]."),
]

# (lang, code, source, defective translation): the findings are exactly of that code.
FAILING = [
    # Russian
    ("ru", "untranslated", S_YEAR, ""),
    ("ru", "identical", S_YEAR, S_YEAR),
    ("ru", "numbers", S_YEAR,
     "С 1995 года Нагорный Карабах находится под контролем этнических армянских сил."),
    ("ru", "urls", S_URL,
     "Полный текст заявления опубликован на https://www.mfa.am/ru/press-release/2020/10/01."),
    ("ru", "emails", S_EMAIL, "Вопросы можно направлять по адресу пресс@mfa.am."),
    ("ru", "handles", S_HANDLE, "Пресс-секретарь МИД Армении @нагдалян написала в Twitter."),
    ("ru", "hashtags", S_HASHTAG, "Министерство опубликовало видео с хештегом #Арцах."),
    ("ru", "brackets", S_BRACKETS, "Барак Равид (@BarakRavid сообщил об этом в четверг."),
    ("ru", "quotes", S_QUOTES, "В четверг пресс-секретарь назвала продажу «неприемлемой."),
    ("ru", "placeholders", S_NAME, "⟦T0⟧ высоко оценил эффективность израильского оружия."),
    ("ru", "glossary", S_GLOSSARY, "Нагорно-Карабах находится в пределах Азербайджана."),
    ("ru", "script", S_RECALL, "Aрмения отозвала посла из Израиля."),
    ("ru", "language", S_RECALL, "Вірменія відкликала свого посла з Ізраїлю."),
    ("ru", "length", S_CLASH, "Столкновения продолжились."),
    ("ru", "punctuation", S_MINISTRY, 'Министерство назвало продажу "неприемлемой".'),
    ("ru", "end_punctuation", S_RECALL, "Армения отозвала посла из Израиля,"),
    ("ru", "doubled_words", S_RECALL, "Армения отозвала посла посла из Израиля."),
    ("ru", "bidi", S_RECALL, "Армения отозвала \u202eалсоп\u202c из Израиля."),
    ("ru", "invisible", S_RECALL, "Армения отозвала по\u200bсла из Израиля."),
    ("ru", "controls", S_RECALL, "Армения отозвала посла\x1b из Израиля."),
    # Armenian
    ("hy", "untranslated", S_YEAR, " "),
    ("hy", "identical", S_RECALL, S_RECALL),
    ("hy", "numbers", S_DRONES,
     "Բանակը ստացել է 1\u00a0600 անօդաչու թռչող սարք, որոնց 60 տոկոսը՝ Իսրայելից։"),
    ("hy", "urls", S_URL,
     "Հայտարարության ամբողջական տեքստը հրապարակված է "
     "https://www.mfa.am/hy/press-release/2020/10/01 կայքում։"),
    ("hy", "emails", S_EMAIL, "Հարցերը կարելի է ուղարկել press @mfa.am հասցեով։"),
    ("hy", "handles", S_HANDLE, "ՀՀ ԱԳՆ խոսնակ @ naghdalyan-ը գրել է Twitter-ում։"),
    ("hy", "hashtags", S_HASHTAG, "Նախարարությունը տեսանյութերը հրապարակել է #Արցախ հեշթեգով։"),
    ("hy", "brackets", S_BRACKETS, "Բարակ Ռավիդը @BarakRavid) այս մասին հայտնել է հինգշաբթի։"),
    ("hy", "quotes", S_QUOTES, "Հինգշաբթի օրը խոսնակը վաճառքն անվանել է անընդունելի։"),
    ("hy", "placeholders", S_NAME,
     "__TERM0__ բարձր է գնահատել իսրայելական զենքի արդյունավետությունը։"),
    ("hy", "glossary", S_GLOSSARY, "Արցախը գտնվում է Ադրբեջանի սահմաններում։"),
    ("hy", "script", S_RECALL, "Հայաստանը հետ է կանչել Իսրայելում իր посла։"),
    ("hy", "language", S_RECALL, "Armenia has recalled its ambassador from Israel."),
    ("hy", "length", S_CLASH, "Բախումները շարունակվեցին։"),
    ("hy", "punctuation", S_RECALL, "Հայաստանը հետ է կանչել դեսպանին. նա Իսրայելում էր։"),
    ("hy", "end_punctuation", S_RECALL, "Հայաստանը հետ է կանչել Իսրայելում իր դեսպանին."),
    ("hy", "doubled_words", S_RECALL, "Հայաստանը հետ է կանչել Իսրայելում իր իր դեսպանին։"),
    ("hy", "bidi", S_RECALL, "Հայաստանը հետ է կանչել \u2067Իսրայելում իր դեսպանին։"),
    ("hy", "invisible", S_RECALL, "Հայաստանը հետ է կանչել Իսրայելում իր դես\u00adպանին։"),
    ("hy", "controls", S_RECALL, "Հայաստանը հետ է կանչել\x07 Իսրայելում իր դեսպանին։"),
    # Azerbaijani
    ("az", "untranslated", S_RECALL, ""),
    ("az", "identical", S_HANDLE, S_HANDLE),
    ("az", "numbers", S_DRONES,
     "Ordu 1.500 pilotsuz uçan aparat alıb, onların 80 faizi İsraildəndir."),
    ("az", "urls", S_URL, "Bəyanatın tam mətni www.mfa.am saytında dərc olunub."),
    ("az", "emails", S_EMAIL, "Suallar press@mfa.az ünvanına göndərilə bilər."),
    ("az", "handles", S_HANDLE, "Ermənistan XİN-in mətbuat katibi @Naghdalyan Twitter-də yazıb."),
    ("az", "hashtags", S_HASHTAG, "Nazirlik videoları #Artsax heşteqi ilə yayımlayıb."),
    ("az", "brackets", S_BRACKETS,
     "Barak Ravid (@BarakRavid] bu barədə cümə axşamı məlumat verib."),
    ("az", "quotes", S_QUOTES, 'Mətbuat katibi cümə axşamı satışı «qəbuledilməz" adlandırıb.'),
    ("az", "placeholders", S_NAME, "{0} İsrail silahlarının effektivliyini yüksək qiymətləndirib."),
    ("az", "glossary", S_GLOSSARY, "Yuxarı Qarabağ Azərbaycanın ərazisində yerləşir."),
    ("az", "script", S_RECALL, "Ermənistan İsraildəki сәфирини geri çağırıb."),
    ("az", "language", S_PROTEST,
     "Ermenistan, Azerbaycan'a silah satışını protesto etmek için İsrail'deki büyükelçisini "
     "geri çağırdı."),
    ("az", "length", S_CLASH, "Toqquşmalar davam edib."),
    ("az", "punctuation", S_MINISTRY, 'Nazirlik satışı "qəbuledilməz" adlandırıb.'),
    ("az", "end_punctuation", S_RECALL, "Ermənistan İsraildəki səfirini geri çağırıb"),
    ("az", "doubled_words", S_RECALL, "Ermənistan İsraildəki səfirini səfirini geri çağırıb."),
    ("az", "bidi", S_RECALL, "Ermənistan \u200fİsraildəki səfirini geri çağırıb."),
    ("az", "invisible", S_RECALL, "Ermənistan\ufeff İsraildəki səfirini geri çağırıb."),
    ("az", "controls", S_RECALL, "Ermənistan İsraildəki\r səfirini geri çağırıb."),
    # Hebrew
    ("he", "untranslated", S_NAME, ""),
    ("he", "identical", S_CLASH, S_CLASH),
    ("he", "numbers", S_YEAR, "מאז 1949 נגורנו-קרבאך נמצאת בשליטת כוחות ארמניים אתניים."),
    ("he", "urls", S_URL, "הנוסח המלא של ההודעה פורסם בכתובת https://www.mfa.am/he/press-release/2020/10/01."),
    ("he", "emails", S_EMAIL, "ניתן לשלוח שאלות לכתובת press@mfa."),
    ("he", "handles", S_HANDLE, "דוברת משרד החוץ הארמני כתבה בטוויטר."),
    ("he", "hashtags", S_HASHTAG, "המשרד פרסם את הסרטונים עם ההאשטאג # Artsakh."),
    ("he", "brackets", S_BRACKETS, "ברק רביד (@BarakRavid)) דיווח על כך ביום חמישי."),
    ("he", "quotes", S_QUOTES, 'הדוברת כינתה ביום חמישי את המכירה "בלתי מתקבלת על הדעת.'),
    ("he", "placeholders", S_NAME, "%s שיבח את יעילות הנשק הישראלי."),
    ("he", "glossary", S_GLOSSARY, "קרבאך ההררי שוכן בתוך שטחה של אזרבייג׳ן."),
    ("he", "script", S_RECALL, "ארמניה החזירה את посла שלה מישראל."),
    ("he", "language", S_RECALL, "Armenia has recalled its ambassador from Israel."),
    ("he", "length", S_CLASH, "העימותים נמשכו."),
    ("he", "punctuation", S_IDF, 'צה"ל לא הגיב.'),
    ("he", "end_punctuation", S_RECALL, "ארמניה החזירה את שגרירה מישראל!"),
    ("he", "doubled_words", S_RECALL, "ארמניה החזירה את את שגרירה מישראל."),
    ("he", "bidi", S_RECALL, "ארמניה החזירה את שגרירה \u202dמישראל\u202c."),
    ("he", "invisible", S_RECALL, "ארמניה החזירה את שגרי\u200cרה מישראל."),
    ("he", "controls", S_RECALL, "ארמניה החזירה את\x9b שגרירה מישראל."),
    # Spaces the source does not have: at the start, at the end, doubled inside (pofilter's
    # startwhitespace, endwhitespace, doublespacing; Weblate's begin_space, end_space,
    # double_space).
    ("ru", "begin_space", S_RECALL, " Армения отозвала посла из Израиля."),
    ("ru", "end_space", S_RECALL, "Армения отозвала посла из Израиля. "),
    ("ru", "double_space", S_RECALL, "Армения отозвала посла  из Израиля."),
    ("hy", "begin_space", S_RECALL, "\u00a0Հայաստանը հետ է կանչել Իսրայելում իր դեսպանին։"),
    ("hy", "end_space", S_RECALL, "Հայաստանը հետ է կանչել Իսրայելում իր դեսպանին։\t"),
    ("hy", "double_space", S_RECALL, "Հայաստանը հետ է  կանչել Իսրայելում իր դեսպանին։"),
    ("az", "begin_space", S_RECALL, "  Ermənistan İsraildəki səfirini geri çağırıb."),
    ("az", "end_space", S_RECALL, "Ermənistan İsraildəki səfirini geri çağırıb.\u00a0"),
    ("az", "double_space", S_RECALL, "Ermənistan İsraildəki\u00a0 səfirini geri çağırıb."),
    ("he", "begin_space", S_RECALL, " ארמניה החזירה את שגרירה מישראל."),
    ("he", "end_space", S_RECALL, "ארמניה החזירה את שגרירה מישראל.  "),
    ("he", "double_space", S_RECALL, "ארמניה החזירה את  שגרירה מישראל."),
    ("fa", "begin_space", S_RECALL, " ارمنستان سفیر خود را از اسرائیل فراخواند."),
    ("fa", "end_space", S_RECALL, "ارمنستان سفیر خود را از اسرائیل فراخواند.\u00a0"),
    ("fa", "double_space", S_RECALL, "ارمنستان سفیر خود را از  اسرائیل فراخواند."),
    ("tr", "begin_space", S_RECALL, "\tErmenistan, İsrail'deki büyükelçisini geri çağırdı."),
    ("tr", "end_space", S_RECALL, "Ermenistan, İsrail'deki büyükelçisini geri çağırdı. "),
    ("tr", "double_space", S_RECALL, "Ermenistan, İsrail'deki  büyükelçisini geri çağırdı."),
    # Inline markup of Markdown and HTML articles (translate/formats/inline.py): each element once.
    ("ru", "inline", S_LINK_MD, "Посол был отозван во вторник."),
    ("hy", "inline", S_LINK_HTML, "Դեսպանը <em>հետ է կանչվել</em> երեքշաբթի։"),
    ("az", "inline", S_LINK_MD, "Səfir çərşənbə axşamı [geri][1] [çağırıldı][1]."),
    ("he", "inline", S_LINK_HTML, 'השגריר <a href="2">הוחזר</a> ביום שלישי.'),
    ("fa", "inline", S_LINK_HTML, "سفیر روز سه‌شنبه فراخوانده شد."),
    ("tr", "inline", S_LINK_MD, "Büyükelçi salı günü [geri][1] [çağrıldı][1]."),
    # Persian
    ("fa", "untranslated", S_RECALL, ""),
    ("fa", "identical", S_CLASH, S_CLASH),
    ("fa", "numbers", S_YEAR, "قره‌باغ کوهستانی از سال ۱۹۹۵ تحت کنترل نیروهای قومی ارمنی است."),
    ("fa", "urls", S_URL,
     "متن کامل بیانیه در https://www.mfa.am/fa/press-release/2020/10/01 منتشر شده است."),
    ("fa", "emails", S_EMAIL, "پرسش‌ها را می‌توان به نشانی press@mfa.ir فرستاد."),
    ("fa", "handles", S_HANDLE, "سخنگوی وزارت امور خارجه ارمنستان در توییتر نوشت."),
    ("fa", "hashtags", S_HASHTAG, "وزارتخانه ویدیوها را با هشتگ #آرتساخ منتشر کرد."),
    ("fa", "brackets", S_BRACKETS, "باراک راوید (@BarakRavid روز پنجشنبه این خبر را گزارش داد."),
    ("fa", "quotes", S_QUOTES, "سخنگو روز پنجشنبه این فروش را «غیرقابل قبول خواند."),
    ("fa", "placeholders", S_NAME, "%s کارآمدی سلاح‌های اسرائیلی را ستود."),
    ("fa", "glossary", S_GLOSSARY, "آرتساخ در داخل جمهوری آذربایجان قرار دارد."),
    ("fa", "script", S_RECALL, "ارمنستان посла خود را از اسرائیل فراخواند."),
    ("fa", "language", S_PROTEST,
     "استدعت أرمينيا سفيرها لدى إسرائيل احتجاجا على بيع الأسلحة إلى أذربيجان."),
    ("fa", "length", S_CLASH, "درگیری ادامه یافت."),
    ("fa", "punctuation", S_MINISTRY, 'وزارتخانه این فروش را "غیرقابل قبول" خواند.'),
    ("fa", "end_punctuation", S_RECALL, "ارمنستان سفیر خود را از اسرائیل فراخواند،"),
    ("fa", "doubled_words", S_RECALL, "ارمنستان سفیر سفیر خود را از اسرائیل فراخواند."),
    ("fa", "bidi", S_RECALL, "ارمنستان سفیر خود را \u202eاز اسرائیل\u202c فراخواند."),
    ("fa", "invisible", S_RECALL, "ارمنستان سفیر خود را از اسرا\u200bئیل فراخواند."),
    ("fa", "controls", S_RECALL, "ارمنستان سفیر خود را\x07 از اسرائیل فراخواند."),
    # Turkish
    ("tr", "untranslated", S_RECALL, ""),
    ("tr", "identical", S_HANDLE, S_HANDLE),
    ("tr", "numbers", S_DRONES,
     "Ordu 1.500 insansız hava aracı aldı, bunların yüzde 80'i İsrail'den."),
    ("tr", "urls", S_URL, "Açıklamanın tam metni www.mfa.am adresinde yayımlandı."),
    ("tr", "emails", S_EMAIL, "Sorular press@mfa.com.tr adresine gönderilebilir."),
    ("tr", "handles", S_HANDLE, "Ermenistan Dışişleri Bakanlığı sözcüsü @Naghdalyan Twitter'da "
     "yazdı."),
    ("tr", "hashtags", S_HASHTAG, "Bakanlık videoları #Arsah etiketiyle paylaştı."),
    ("tr", "brackets", S_BRACKETS, "Barak Ravid (@BarakRavid haberi perşembe günü verdi."),
    ("tr", "quotes", S_QUOTES, "Sözcü perşembe günü satışı “kabul edilemez olarak nitelendirdi."),
    ("tr", "placeholders", S_NAME, "{0} İsrail silahlarının etkinliğini övdü."),
    ("tr", "glossary", S_GLOSSARY, "Artsakh, Azerbaycan sınırları içinde yer alıyor."),
    ("tr", "script", S_RECALL, "Ermenistan, İsrail'deki посла geri çağırdı."),
    ("tr", "language", S_PROTEST,
     "Ermənistan Azərbaycana silah satışına etiraz olaraq İsraildəki səfirini geri çağırıb."),
    ("tr", "length", S_CLASH, "Çatışmalar sürdü."),
    ("tr", "punctuation", S_MINISTRY, 'Bakanlık satışı "kabul edilemez" olarak nitelendirdi.'),
    ("tr", "end_punctuation", S_RECALL, "Ermenistan, İsrail'deki büyükelçisini geri çağırdı"),
    ("tr", "doubled_words", S_RECALL,
     "Ermenistan, İsrail'deki büyükelçisini büyükelçisini geri çağırdı."),
    ("tr", "bidi", S_RECALL, "Ermenistan, \u200fİsrail'deki büyükelçisini geri çağırdı."),
    ("tr", "invisible", S_RECALL, "Ermenistan,\u2060 İsrail'deki büyükelçisini geri çağırdı."),
    ("tr", "controls", S_RECALL, "Ermenistan, İsrail'deki\x1b büyükelçisini geri çağırdı."),
]


def case_id(case: tuple[str, ...]) -> str:
    return f"{case[0]}-{case[1] if len(case) == 4 else case[1][:24]}"


@pytest.mark.parametrize(("lang", "source", "target"), PASSING, ids=map(case_id, PASSING))
def test_correct_translation_has_no_finding(lang, source, target, qa_glossary):
    assert check_translation(source, target, lang, glossary=qa_glossary) == []


@pytest.mark.parametrize(("lang", "code", "source", "target"), FAILING, ids=map(case_id, FAILING))
def test_defect_is_found_by_its_check_only(lang, code, source, target, qa_glossary):
    findings = check_translation(source, target, lang, glossary=qa_glossary)
    assert findings, f"{code} not found"
    # A target left in English also misses the glossary forms of the places it names.
    also = {"glossary"} if code == "identical" else set()
    assert {f.code for f in findings} - also == {code}, findings


@pytest.mark.parametrize(("lang", "code", "source", "target"), FAILING, ids=map(case_id, FAILING))
def test_ignoring_the_code_silences_the_defect(lang, code, source, target, qa_glossary):
    ignore = {code, "glossary"} if code == "identical" else {code}
    assert check_translation(source, target, lang, glossary=qa_glossary, ignore=ignore) == []
    assert check_translation(source, target, lang, glossary=qa_glossary, ignore={"all"}) == []


def test_every_check_has_a_failing_and_passing_case_in_every_language():
    failing = {(lang, code) for lang, code, _, _ in FAILING}
    assert failing == {(lang, code) for lang in SUPPORTED_LANGUAGES for code in CODES}
    assert {lang for lang, _, _ in PASSING} == set(SUPPORTED_LANGUAGES)


def test_codes_are_unique_and_named_after_their_checks():
    assert len(set(CODES)) == len(CHECKS)
    assert CODES[:3] == ("untranslated", "identical", "numbers")


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (S_YEAR, "С 1995 года Нагорный Карабах под контролем армянских сил.", [
            Finding("numbers", "the number 1994 of the source is missing"),
            Finding("numbers", "the number 1995 is not in the source", "warning"),
        ]),
        (S_HANDLE, "Пресс-секретарь МИД Армении написала в Twitter.", [
            Finding("handles", "the handle @naghdalyan is missing or changed"),
        ]),
        (S_NAME, "⟦T0⟧ высоко оценил эффективность израильского оружия.", [
            Finding("placeholders", "leftover placeholder or marker ⟦T0⟧"),
        ]),
        (S_RECALL, "Aрмения отозвала посла из Израиля.", [
            Finding("script", "the word Aрмения mixes scripts"),
        ]),
        (S_RECALL, "Вірменія відкликала свого посла з Ізраїлю.", [
            Finding("language", "not Russian: reads as Ukrainian, not Russian"),
        ]),
        (S_RECALL, " Армения отозвала  посла из Израиля.\u00a0", [
            Finding("begin_space", "the translation begins with a space", "warning"),
            Finding("end_space", "the translation ends with a no-break space", "warning"),
            Finding("double_space", "2 spaces in a row after 'отозвала'", "warning"),
        ]),
        (" " + S_RECALL, "Армения отозвала посла из Израиля.", [
            Finding("begin_space", "the source begins with a space, the translation does not",
                    "warning"),
        ]),
        (S_RECALL + "\t", "Армения отозвала посла из Израиля.  ", [
            Finding("end_space", "the translation ends with 2 spaces (the source with a tab)",
                    "warning"),
        ]),
    ],
)
def test_messages_are_exact(source, target, expected):
    assert check_translation(source, target, "ru") == expected


@given(st.from_regex(r"[1-9]\d{0,2}(,\d{3}){0,2}(\.\d{1,2})?", fullmatch=True))
def test_number_only_target_identical_to_source_has_no_numbers_finding(number):
    for lang in ("ru", "hy", "az", "he"):
        codes = {f.code for f in check_translation(number, number, lang)}
        assert "numbers" not in codes


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["ru", "hy", "az", "he"]))
def test_number_written_in_target_convention_has_no_numbers_finding(value, lang):
    from babel.numbers import format_decimal

    source = f"The ministry counted {value:,} cases."
    target = f"{format_decimal(value, locale=lang)} ..."
    findings = check_translation(source, target, lang, ignore={"script", "language", "length"})
    assert [f for f in findings if f.code == "numbers"] == []


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_changed_number_is_always_found(value, delta):
    source = f"The ministry counted {value} cases."
    target = f"Министерство насчитало {value + delta} случаев."
    codes = [f.code for f in check_translation(source, target, "ru")]
    assert codes.count("numbers") == 2


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60))
def test_english_left_as_it_is_is_reported_as_identical_only(text):
    for lang in ("ru", "hy", "he"):
        codes = {f.code for f in check_translation(text, text, lang)}
        assert codes <= {"identical"}
        if WORD.search(strip_tokens(text)):  # words beyond handles, hashtags and URLs
            assert codes == {"identical"}


@given(st.text(max_size=40))
def test_checks_never_crash(text):
    for lang in ("ru", "hy", "az", "he"):
        assert all(f.severity in ("error", "warning") for f in check_translation(text, "x", lang))


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_pseudo_translation_is_one_placeholders_finding(lang):
    from translate.models.engine import PseudoTranslator

    target = PseudoTranslator(lang).translate([S_QUOTES])[0]
    assert target.startswith(f"⟦{lang}⟧")
    assert check_translation(S_QUOTES, target, lang) == [
        Finding("placeholders", "a pseudo-translation (⟦…⟧ markers), not a translation")]


def test_unknown_language_code_is_a_language_error():
    from translate.errors import LanguageError

    with pytest.raises(LanguageError, match="unknown language code 'xx-nope'"):
        check_translation("In 1994.", "В 1994 году.", "xx-nope")


# --- URLs before the sentence's end, per language -------------------------------------------

S_URL_END = "The statement is published at https://x.am/a."


@pytest.mark.parametrize(
    ("lang", "target"),
    [
        ("hy", "Հայտարարությունը հրապարակված է https://x.am/a։"),
        ("hy", "Հայտարարությունը՝ https://x.am/a՝ հրապարակված է։"),
        ("ru", "Заявление опубликовано на https://x.am/a."),
        ("ru", "Заявление опубликовано на https://x.am/a…"),
        ("az", "Bəyanat https://x.am/a ünvanında dərc olunub."),
        ("he", "ההודעה פורסמה בכתובת https://x.am/a."),
    ],
)
def test_the_sentence_end_after_a_url_is_not_the_urls(lang, target):
    assert [f for f in check_translation(S_URL_END, target, lang) if f.code == "urls"] == []


@pytest.mark.parametrize("lang", ["hy", "ru", "az", "he"])
def test_a_changed_url_before_the_sentence_end_is_found(lang):
    stop = "։" if lang == "hy" else "."
    target = {"hy": "Հայտարարությունը՝", "ru": "Заявление:", "az": "Bəyanat:",
              "he": "ההודעה:"}[lang] + f" https://x.am/b{stop}"
    assert [f for f in check_translation(S_URL_END, target, lang) if f.code == "urls"] == [
        Finding("urls", "the URL https://x.am/a is missing or changed")]


# --- End punctuation ------------------------------------------------------------------------

S_HEADLINE = "Armenia recalls ambassador from Israel"
S_WHY = 'He asked: "Why did Israel sell the drones?"'
S_QUOTE_STOP = 'The ministry called the sale "unacceptable."'
S_SAYS = "The ministry says:"
S_DATE = "— Barak Ravid (@BarakRavid) October 1, 2020"
S_WAIT = "The talks will go on..."

ENDINGS_ACCEPTED = [
    ("ru", S_RECALL, "Армения отозвала посла из Израиля."),
    ("ru", S_QUOTE_STOP, "Министерство назвало продажу «неприемлемой»."),
    ("ru", S_WHY, "Он спросил: «Почему Израиль продал беспилотники?»"),
    ("ru", S_HEADLINE, "Армения отзывает посла из Израиля"),
    ("ru", S_DATE, "— Барак Равид (@BarakRavid) 1 октября 2020 г."),
    ("ru", S_WAIT, "Переговоры продолжатся…"),
    ("ru", S_SAYS, "В министерстве заявляют:"),
    ("hy", S_RECALL, "Հայաստանը հետ է կանչել Իսրայելում իր դեսպանին։"),
    ("hy", S_RECALL, "Հայաստանը հետ է կանչել Իսրայելում իր դեսպանին:"),
    ("hy", S_QUOTE_STOP, "Նախարարությունը վաճառքն անվանել է «անընդունելի»։"),
    ("hy", S_WHY, "Նա հարցրեց. «Ինչո՞ւ է Իսրայելը վաճառել անօդաչուները»։"),
    ("hy", S_WHY, "Նա հարցրեց. «Ինչո՞ւ է Իսրայելը վաճառել անօդաչուները»"),
    ("hy", S_SAYS, "Նախարարությունը հայտնում է."),
    ("hy", S_DATE, "— Բարակ Ռավիդ (@BarakRavid) 2020 թ. հոկտեմբերի 1"),
    ("hy", S_HEADLINE, "Հայաստանը հետ է կանչում Իսրայելում իր դեսպանին"),
    ("az", S_RECALL, "Ermənistan İsraildəki səfirini geri çağırıb."),
    ("az", S_WHY, "O soruşdu: «İsrail dronları niyə satıb?»"),
    ("az", S_HEADLINE, "Ermənistan İsraildəki səfirini geri çağırır"),
    ("az", S_WAIT, "Danışıqlar davam edəcək..."),
    ("he", S_RECALL, "ארמניה החזירה את שגרירה מישראל."),
    ("he", S_WHY, 'הוא שאל: "מדוע ישראל מכרה את הכטב״מים?"'),
    ("he", S_HEADLINE, "ארמניה מחזירה את שגרירה מישראל\u200f"),
    ("he", S_SAYS, "במשרד אומרים:"),
    ("fa", S_RECALL, "ارمنستان سفیر خود را از اسرائیل فراخواند."),
    ("fa", S_WHY, "او پرسید: «چرا اسرائیل پهپادها را فروخت؟»"),
    ("fa", S_QUOTE_STOP, "وزارتخانه این فروش را «غیرقابل قبول» خواند."),
    ("fa", S_HEADLINE, "ارمنستان سفیر خود را از اسرائیل فرا می‌خواند"),
    ("tr", S_RECALL, "Ermenistan, İsrail'deki büyükelçisini geri çağırdı."),
    ("tr", S_WHY, "Şunu sordu: “İsrail insansız hava araçlarını neden sattı?”"),
    ("tr", S_WAIT, "Görüşmeler sürecek..."),
]

ENDINGS_REPORTED = [
    ("ru", S_RECALL, "Армения отозвала посла из Израиля,",
     "the translation ends with ',' where the source ends with '.'"),
    ("ru", S_QUOTE_STOP, "Министерство назвало продажу «неприемлемой.»",
     "the full stop goes after the closing quotation mark: «…»."),
    ("ru", S_QUOTE_STOP, "Министерство назвало продажу «неприемлемой»",
     "the translation ends with no punctuation where the source ends with '.'"),
    ("ru", S_HEADLINE, "Армения отзывает посла из Израиля.",
     "the translation ends with '.' where the source ends with no punctuation"),
    ("hy", S_RECALL, "Հայաստանը հետ է կանչել Իսրայելում իր դեսպանին.",
     "Armenian ends a sentence with the full stop ։, not '.'"),
    ("hy", S_QUOTE_STOP, "Նախարարությունը վաճառքն անվանել է «անընդունելի։»",
     "the full stop goes after the closing quotation mark: «…»։"),
    ("hy", S_WHY, "Նա հարցրեց. «Ինչու է Իսրայելը վաճառել անօդաչուները»։",
     "the translation ends with '։' where the source ends with '?'"),
    ("az", S_RECALL, "Ermənistan İsraildəki səfirini geri çağırıb",
     "the translation ends with no punctuation where the source ends with '.'"),
    ("az", S_WAIT, "Danışıqlar davam edəcək.",
     "the translation ends with '.' where the source ends with '...'"),
    ("he", S_RECALL, "ארמניה החזירה את שגרירה מישראל,",
     "the translation ends with ',' where the source ends with '.'"),
    ("he", S_WHY, 'הוא שאל: "מדוע ישראל מכרה את הכטב״מים".',
     "the translation ends with '.' where the source ends with '?'"),
    ("fa", S_WHY, "او پرسید: «چرا اسرائیل پهپادها را فروخت?»",
     "Persian ends a sentence with the question mark ؟, not '?'"),
    ("fa", S_RECALL, "ارمنستان سفیر خود را از اسرائیل فراخواند؟",
     "the translation ends with '؟' where the source ends with '.'"),
    ("tr", S_HEADLINE, "Ermenistan, İsrail'deki büyükelçisini geri çağırıyor.",
     "the translation ends with '.' where the source ends with no punctuation"),
]


def end_findings(source, target, lang):
    return [f for f in check_translation(source, target, lang) if f.code == "end_punctuation"]


@pytest.mark.parametrize(("lang", "source", "target"), ENDINGS_ACCEPTED,
                         ids=[f"{c[0]}-{c[2][-12:]}" for c in ENDINGS_ACCEPTED])
def test_end_punctuation_accepts_each_languages_conventions(lang, source, target):
    assert end_findings(source, target, lang) == []


@pytest.mark.parametrize(("lang", "source", "target", "message"), ENDINGS_REPORTED,
                         ids=[f"{c[0]}-{c[2][-12:]}" for c in ENDINGS_REPORTED])
def test_end_punctuation_reports_a_changed_ending(lang, source, target, message):
    assert end_findings(source, target, lang) == [Finding("end_punctuation", message, "warning")]


# --- Doubled words --------------------------------------------------------------------------

S_SLOWLY = "The army is slowly moving toward the border."
S_BORA = "The minister spent the weekend in Bora Bora."


@pytest.mark.parametrize(
    ("lang", "source", "target", "word"),
    [
        ("ru", S_RECALL, "Армения отозвала посла посла из Израиля.", "посла"),
        ("ru", S_RECALL, "Армения Армения отозвала посла из Израиля.", "Армения"),
        ("hy", S_RECALL, "Հայաստանը հետ է կանչել Իսրայելում Իր իր դեսպանին։", "Իր"),
        ("az", S_RECALL, "Ermənistan İsraildəki səfirini səfirini geri çağırıb.", "səfirini"),
        ("he", S_RECALL, "ארמניה החזירה את את שגרירה מישראל.", "את"),
        ("he", S_RECALL, "ארמניה ארמניה החזירה את שגרירה מישראל.", "ארמניה"),
        ("fa", S_RECALL, "ارمنستان سفیر سفیر خود را از اسرائیل فراخواند.", "سفیر"),
        ("tr", S_RECALL, "Ermenistan, İsrail'deki büyükelçisini geri geri çağırdı.", "geri"),
    ],
)
def test_a_doubled_word_is_found(lang, source, target, word):
    assert [f for f in check_translation(source, target, lang) if f.code == "doubled_words"] == [
        Finding("doubled_words", f"the word '{word}' is doubled")]


@pytest.mark.parametrize(
    ("lang", "source", "target"),
    [
        ("he", S_SLOWLY, "הצבא מתקדם לאט לאט לעבר הגבול."),
        ("ru", S_SLOWLY, "Армия потихоньку, шаг за шагом, продвигается к границе."),
        ("ru", S_SLOWLY, "Армия чуть-чуть продвинулась к границе, медленно-медленно."),
        ("az", S_SLOWLY, "Ordu yavaş-yavaş sərhədə doğru irəliləyir."),
        ("hy", S_SLOWLY, "Բանակը կամաց-կամաց առաջ է շարժվում դեպի սահման։"),
        ("ru", S_BORA, "Министр провёл выходные на Бора Бора."),
        ("az", S_BORA, "Nazir həftəsonunu Bora Bora adasında keçirib."),
        ("ru", S_RECALL, "Армения отозвала посла, посла из Израиля."),
        ("ru", S_RECALL, "Армения отозвала посла 10 10 раз из Израиля."),
        ("fa", S_SLOWLY, "ارتش آرام آرام به سوی مرز پیش می‌رود."),
        ("tr", S_SLOWLY, "Ordu yavaş yavaş sınıra doğru ilerliyor."),
    ],
)
def test_a_doubled_word_on_purpose_is_not_reported(lang, source, target):
    findings = check_translation(source, target, lang)
    assert [f for f in findings if f.code == "doubled_words"] == []


# --- Quotation marks across the sentences of a paragraph ------------------------------------

PARAGRAPH = ('"We will respond.', 'This is unacceptable," the spokeswoman said.')


def quote_findings(targets, position):
    pairs = tuple(zip(PARAGRAPH, targets, strict=True))
    return [
        f for f in check_translation(
            PARAGRAPH[position], targets[position], "ru", paragraph=pairs, position=position)
        if f.code == "quotes"
    ]


def test_a_quotation_across_two_sentences_is_balanced_in_its_paragraph():
    targets = ("«Мы ответим.", "Это неприемлемо», — заявила пресс-секретарь.")
    assert quote_findings(targets, 0) == [] and quote_findings(targets, 1) == []


def test_a_closing_mark_dropped_in_the_next_sentence_is_reported_there():
    targets = ("«Мы ответим.", "Это неприемлемо, — заявила пресс-секретарь.")
    assert quote_findings(targets, 0) == []
    assert quote_findings(targets, 1) == [
        Finding("quotes", "unbalanced quotation marks in the paragraph: «")]


def test_a_quotation_closed_early_is_reported_where_it_closes():
    targets = ("«Мы ответим».", "Это неприемлемо», — заявила пресс-секретарь.")
    assert quote_findings(targets, 0) == [
        Finding("quotes", "unbalanced quotation marks in the paragraph: «»»")]
    assert quote_findings(targets, 1) == []


def test_a_sentence_judged_alone_defers_to_its_source():
    # Alone, a sentence whose source opens a quotation it does not close may do the same.
    assert check_translation(PARAGRAPH[0], "«Мы ответим.", "ru") == []
