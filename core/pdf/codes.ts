/**
 * Codes that core/pdf throws (ImzalaError) or reports (warnings, ByteRange verdicts), with messages for people in
 * Azerbaijani, English and Russian. The report module merges this catalog with the others.
 */
import type { MessageCatalog } from '../report/message-types.js';

export const PDF_MESSAGES: MessageCatalog = {
  PDF_NOT_A_PDF: {
    az: 'Fayl PDF deyil.',
    en: 'The file is not a PDF.',
    ru: 'Файл не является PDF.',
  },
  PDF_NO_CATALOG: {
    az: 'PDF sənədinin kataloqu tapılmadı; fayl zədələnib.',
    en: "The PDF's document catalog could not be found; the file is damaged.",
    ru: 'Каталог документа PDF не найден; файл повреждён.',
  },
  PDF_SYNTAX: {
    az: 'PDF faylında sintaksis xətası var.',
    en: 'The PDF file contains a syntax error.',
    ru: 'В PDF-файле синтаксическая ошибка.',
  },
  PDF_TRUNCATED: {
    az: 'PDF faylı yarımçıqdır: sonu kəsilib.',
    en: 'The PDF file is truncated.',
    ru: 'PDF-файл обрезан.',
  },
  PDF_OBJECT_NOT_FOUND: {
    az: 'PDF obyekti faylda göstərilən yerdə tapılmadı.',
    en: 'A PDF object was not found where the file says it is.',
    ru: 'Объект PDF не найден там, где он указан в файле.',
  },
  PDF_XREF_CORRUPT: {
    az: 'PDF faylının çarpaz istinad cədvəli zədələnib.',
    en: "The PDF's cross-reference data is damaged.",
    ru: 'Таблица перекрёстных ссылок PDF повреждена.',
  },
  PDF_XREF_LOOP: {
    az: 'PDF faylının yeniləmə zənciri (/Prev) özünə qayıdır.',
    en: 'The chain of PDF updates (/Prev) loops back on itself.',
    ru: 'Цепочка обновлений PDF (/Prev) зациклена.',
  },
  PDF_XREF_CHAIN_TOO_LONG: {
    az: 'PDF faylında həddən artıq çox yeniləmə bölməsi var.',
    en: 'The PDF has too many update sections.',
    ru: 'В PDF слишком много разделов обновлений.',
  },
  PDF_XREF_TOO_LARGE: {
    az: 'PDF faylında obyekt nömrələri icazə verilən həddi aşır.',
    en: 'Object numbers in the PDF exceed the allowed limit.',
    ru: 'Номера объектов в PDF превышают допустимый предел.',
  },
  PDF_TOO_DAMAGED_TO_REPAIR: {
    az: 'PDF faylının quruluşu zədələnib və fayl bərpa etmək üçün çox böyükdür ({size} bayt).',
    en: "The PDF's structure is damaged and the file is too large to repair ({size} bytes).",
    ru: 'Структура PDF повреждена, а файл слишком велик для восстановления ({size} байт).',
  },
  PDF_XREF_DAMAGED: {
    az: 'PDF faylının quruluşu zədələndiyi üçün ona imza əlavə etmək olmur.',
    en: "The PDF's structure is damaged, so a signature cannot be added to it.",
    ru: 'Структура PDF повреждена, поэтому добавить подпись нельзя.',
  },
  PDF_XREF_RECONSTRUCTED: {
    az: 'PDF faylının quruluşu zədələnib; obyektlər fayl axtarılaraq tapıldı.',
    en: "The PDF's structure is damaged; objects were found by scanning the file.",
    ru: 'Структура PDF повреждена; объекты найдены сканированием файла.',
  },
  PDF_EOF_MISSING: {
    az: 'PDF redaksiyalarından birinin sonunda %%EOF işarəsi yoxdur.',
    en: 'A revision of the PDF has no %%EOF marker at its end.',
    ru: 'В конце одной из редакций PDF нет маркера %%EOF.',
  },
  PDF_HEADER_VERSION_MISSING: {
    az: 'PDF başlığında versiya göstərilməyib.',
    en: 'The PDF header does not state a version.',
    ru: 'В заголовке PDF не указана версия.',
  },
  PDF_NESTING_TOO_DEEP: {
    az: 'PDF faylında iç-içə quruluşlar həddən artıq dərindir.',
    en: 'Structures in the PDF are nested too deeply.',
    ru: 'Структуры в PDF вложены слишком глубоко.',
  },
  PDF_OBJECT_TOO_COMPLEX: {
    az: 'PDF obyekti həddən artıq mürəkkəbdir.',
    en: 'A PDF object is too complex.',
    ru: 'Объект PDF слишком сложный.',
  },
  PDF_OBJECT_TOO_LARGE: {
    az: 'PDF obyekti icazə verilən ölçüdən böyükdür.',
    en: 'A PDF object is larger than allowed.',
    ru: 'Объект PDF больше допустимого размера.',
  },
  PDF_TOO_MANY_OBJECTS: {
    az: 'PDF faylını oxumaq üçün həddən artıq çox obyekt lazım oldu.',
    en: 'Reading the PDF required too many objects.',
    ru: 'Для чтения PDF потребовалось слишком много объектов.',
  },
  PDF_WORK_LIMIT_EXCEEDED: {
    az: 'PDF faylını oxumaq icazə veriləndən çox iş tələb edir (həddən artıq çox sıxılmış məlumat və ya imza).',
    en: 'Reading the PDF needs more work than allowed (too much compressed data or too many signature bytes).',
    ru: 'Чтение PDF требует больше работы, чем допустимо (слишком много сжатых данных или байтов подписей).',
  },
  PDF_REFERENCE_LOOP: {
    az: 'PDF obyektləri arasındakı istinadlar dövrə yaradır.',
    en: 'References between PDF objects form a loop.',
    ru: 'Ссылки между объектами PDF образуют цикл.',
  },
  PDF_STREAM_TOO_LARGE: {
    az: 'PDF axını icazə veriləndən böyükdür (açıldıqdan sonra da).',
    en: 'A PDF stream is larger than allowed (also once decompressed).',
    ru: 'Поток PDF больше допустимого (в том числе после распаковки).',
  },
  PDF_STREAM_CORRUPT: {
    az: 'PDF axınının məlumatları zədələnib.',
    en: "A PDF stream's data is damaged.",
    ru: 'Данные потока PDF повреждены.',
  },
  PDF_STREAM_TRUNCATED: {
    az: 'Sıxılmış PDF axını yarımçıq bitir; oxunan hissə istifadə olundu.',
    en: 'A compressed PDF stream ends early; the part that could be read was used.',
    ru: 'Сжатый поток PDF обрывается; использована прочитанная часть.',
  },
  PDF_UNSUPPORTED_FILTER: {
    az: 'PDF axınının sıxılma üsulu dəstəklənmir.',
    en: "The PDF stream's compression filter is not supported.",
    ru: 'Фильтр сжатия потока PDF не поддерживается.',
  },
  PDF_UNSUPPORTED_STRUCTURE: {
    az: 'PDF faylının bu quruluşu dəstəklənmir.',
    en: 'This PDF structure is not supported.',
    ru: 'Такая структура PDF не поддерживается.',
  },
  PDF_OBJECT_STREAM_UNREADABLE: {
    az: 'PDF obyekt axınlarından biri oxunmadı.',
    en: "One of the PDF's object streams could not be read.",
    ru: 'Один из потоков объектов PDF не удалось прочитать.',
  },
  PDF_ENCRYPTED: {
    az: 'PDF faylı şifrələnib: onu imzalamaq və ya tam oxumaq olmur.',
    en: 'The PDF is encrypted: it cannot be signed or fully read.',
    ru: 'PDF зашифрован: его нельзя подписать или полностью прочитать.',
  },
  PDF_ENCRYPTED_STRINGS_UNREAD: {
    az: 'PDF şifrələndiyi üçün sahə adları, imza səbəbi və yeri kimi mətnlər oxunmadı.',
    en: 'The PDF is encrypted, so texts such as field names, reasons and locations were not read.',
    ru: 'PDF зашифрован, поэтому тексты (имена полей, причины, места подписания) не прочитаны.',
  },
  PDF_CERTIFIED_NO_CHANGES: {
    az: 'Sənəd sertifikatlaşdırılıb və heç bir dəyişikliyə, o cümlədən yeni imzaya icazə vermir.',
    en: 'The document is certified and allows no changes, not even a new signature.',
    ru: 'Документ заверен и не допускает никаких изменений, даже новой подписи.',
  },
  PDF_NO_PAGES: {
    az: 'PDF sənədində səhifə yoxdur.',
    en: 'The PDF document has no pages.',
    ru: 'В документе PDF нет страниц.',
  },
  PDF_FIELD_NAME_TAKEN: {
    az: 'Sənəddə bu adda sahə artıq var.',
    en: 'A field with this name already exists in the document.',
    ru: 'Поле с таким именем в документе уже есть.',
  },
  PDF_FIELD_LOOP: {
    az: 'PDF forma sahələri dövrə yaradır; təkrarlanan sahə ötürüldü.',
    en: 'The PDF form fields form a loop; the repeated field was skipped.',
    ru: 'Поля формы PDF образуют цикл; повторное поле пропущено.',
  },
  PDF_FIELD_UNREADABLE: {
    az: 'PDF forma sahələrindən biri oxunmadı.',
    en: "One of the PDF's form fields could not be read.",
    ru: 'Одно из полей формы PDF не удалось прочитать.',
  },
  PDF_TOO_MANY_FIELDS: {
    az: 'PDF formasında həddən artıq çox sahə var.',
    en: 'The PDF form has too many fields.',
    ru: 'В форме PDF слишком много полей.',
  },
  PDF_SIGNATURE_DICTIONARY_INVALID: {
    az: 'İmza sahəsinin dəyəri imza lüğəti deyil.',
    en: "A signature field's value is not a signature dictionary.",
    ru: 'Значение поля подписи не является словарём подписи.',
  },
  PDF_SIGNATURE_NOT_IN_FORM: {
    az: 'İmza sahəsi səhifədə var, lakin sənədin forma sahələri siyahısında (/AcroForm /Fields) yoxdur.',
    en: "A signature field is on a page but missing from the document's list of form fields (/AcroForm /Fields).",
    ru: 'Поле подписи есть на странице, но отсутствует в списке полей формы документа (/AcroForm /Fields).',
  },
  PDF_PAGES_UNREADABLE: {
    az: 'Sənədin səhifələrindən bəziləri oxunmadı; onlardakı imza sahələri yoxlanmadı.',
    en: "Some of the document's pages could not be read; signature fields on them were not checked.",
    ru: 'Некоторые страницы документа не удалось прочитать; поля подписей на них не проверены.',
  },
  PDF_SIGNATURE_UNREADABLE: {
    az: 'İmzalardan biri oxunmadı.',
    en: 'One of the signatures could not be read.',
    ru: 'Одну из подписей не удалось прочитать.',
  },
  PDF_SIGNATURE_REQUEST_INVALID: {
    az: 'İmza sorğusunun parametrləri yanlışdır.',
    en: "The signature request's parameters are invalid.",
    ru: 'Параметры запроса подписи неверны.',
  },
  PDF_SOURCE_CHANGED: {
    az: 'İmza hazırlandıqdan sonra sənəd dəyişib.',
    en: 'The document changed after the signature was prepared.',
    ru: 'Документ изменился после подготовки подписи.',
  },
  SIGNATURE_TOO_LARGE: {
    az: 'İmza onun üçün ayrılmış yerə sığmır.',
    en: 'The signature does not fit in the space reserved for it.',
    ru: 'Подпись не помещается в отведённое для неё место.',
  },
  SIGNATURE_CONTENTS_MISSING: {
    az: 'İmza lüğətində imza dəyəri (/Contents) yoxdur.',
    en: 'The signature dictionary has no signature value (/Contents).',
    ru: 'В словаре подписи нет значения подписи (/Contents).',
  },
  SIGNATURE_DICTIONARY_AMBIGUOUS: {
    az: 'İmza lüğətində /ByteRange və ya /Contents iki dəfə verilib; hansının keçərli olduğu bilinmir.',
    en: 'The signature dictionary gives /ByteRange or /Contents twice; which one counts is unclear.',
    ru: 'В словаре подписи /ByteRange или /Contents указаны дважды; неясно, какое значение действует.',
  },
  BYTE_RANGE_INVALID: {
    az: 'İmzalanmış diapazon (/ByteRange) dörd mənfi olmayan tam ədəddən ibarət deyil.',
    en: 'The signed range (/ByteRange) is not four non-negative integers.',
    ru: 'Подписанный диапазон (/ByteRange) не состоит из четырёх неотрицательных целых чисел.',
  },
  BYTE_RANGE_NOT_AT_START: {
    az: 'İmzalanmış diapazon faylın əvvəlindən başlamır.',
    en: 'The signed range does not start at the beginning of the file.',
    ru: 'Подписанный диапазон не начинается с начала файла.',
  },
  BYTE_RANGE_GAP_NOT_CONTENTS: {
    az: 'İmzalanmış diapazondakı boşluq məhz bu imzanın dəyəri deyil.',
    en: "The gap in the signed range is not exactly this signature's value.",
    ru: 'Пропуск в подписанном диапазоне не совпадает в точности со значением этой подписи.',
  },
  BYTE_RANGE_OUTSIDE_FILE: {
    az: 'İmzalanmış diapazon faylın sonundan kənara çıxır.',
    en: 'The signed range runs past the end of the file.',
    ru: 'Подписанный диапазон выходит за конец файла.',
  },
  BYTE_RANGE_NOT_REVISION_END: {
    az: 'İmzalanmış diapazon sənədin heç bir redaksiyasının sonunda bitmir.',
    en: 'The signed range does not end where a revision of the document ends.',
    ru: 'Подписанный диапазон не заканчивается там, где заканчивается какая-либо редакция документа.',
  },
  PDF_CERTIFICATION_NOT_FIRST: {
    az: 'Sənədi yalnız ilk imza təsdiqləyə (sertifikatlaşdıra) bilər; bu sənəddə artıq imza var.',
    en: 'Only the first signature of a document can certify it; this document is already signed.',
    ru: 'Удостоверить (сертифицировать) документ может только первая подпись; документ уже подписан.',
  },
  PDF_DSS_MALFORMED: {
    az: 'Sənədin yoxlama məlumatları anbarı (/DSS) qüsurludur: sertifikatlar, CRL və OCSP cavabları oxuna bilmir.',
    en: "The document's validation data store (/DSS) is malformed: its certificates, CRLs and OCSP responses cannot be read.",
    ru: 'Хранилище данных проверки документа (/DSS) повреждено: его сертификаты, CRL и ответы OCSP не читаются.',
  },
  PDF_DSS_TOO_LARGE: {
    az: 'Sənədin yoxlama məlumatları anbarında (/DSS) icazə veriləndən çox element var.',
    en: "The document's validation data store (/DSS) holds more items than allowed.",
    ru: 'В хранилище данных проверки документа (/DSS) больше элементов, чем допустимо.',
  },
};
