/**
 * Codes of the change analysis (what later revisions did to a signed PDF), with messages for people in
 * Azerbaijani, English and Russian. Findings carry the revision, objects and pages as evidence; the messages say
 * what kind of change it was and why it matters.
 */
import type { MessageCatalog } from '../../report/message-types.js';

export const CHANGE_ANALYSIS_MESSAGES: MessageCatalog = {
  PAGE_CONTENT_CHANGED: {
    az: 'İmzadan sonra səhifənin məzmunu dəyişdirilib: görünən mətn imzalanandan fərqli ola bilər.',
    en: 'The page content was changed after signing: the visible text may differ from what was signed.',
    ru: 'Содержимое страницы изменено после подписания: видимый текст может отличаться от подписанного.',
  },
  PAGE_RESOURCES_CHANGED: {
    az: 'İmzadan sonra səhifənin resursları (şriftlər, şəkillər, XObject-lər) dəyişdirilib.',
    en: 'The page resources (fonts, images, XObjects) were changed after signing.',
    ru: 'Ресурсы страницы (шрифты, изображения, XObject) изменены после подписания.',
  },
  PAGE_TREE_CHANGED: {
    az: 'İmzadan sonra səhifələr əlavə edilib, silinib və ya yerləri dəyişdirilib.',
    en: 'Pages were added, removed or reordered after signing.',
    ru: 'После подписания страницы были добавлены, удалены или переставлены.',
  },
  PAGE_CHANGED: {
    az: 'İmzadan sonra səhifənin xüsusiyyətləri (ölçü, döndərmə və s.) dəyişdirilib.',
    en: 'Page properties (size, rotation and the like) were changed after signing.',
    ru: 'Свойства страницы (размер, поворот и т. п.) изменены после подписания.',
  },
  CATALOG_CHANGED: {
    az: 'İmzadan sonra sənədin kataloqu icazə verilməyən şəkildə dəyişdirilib.',
    en: 'The document catalog was changed after signing in a way that is not allowed.',
    ru: 'Каталог документа изменён после подписания недопустимым образом.',
  },
  FORM_CHANGED: {
    az: 'İmzadan sonra formanın quruluşu icazə verilməyən şəkildə dəyişdirilib.',
    en: 'The structure of the form was changed after signing in a way that is not allowed.',
    ru: 'Структура формы изменена после подписания недопустимым образом.',
  },
  FORM_FIELD_CHANGED: {
    az: 'İmzadan sonra forma sahəsinin dəyəri dəyişdirilib (forma doldurulub).',
    en: 'A form field value was changed after signing (the form was filled in).',
    ru: 'Значение поля формы изменено после подписания (форма заполнена).',
  },
  FORM_FIELD_ADDED: {
    az: 'İmzadan sonra yeni forma sahəsi əlavə edilib.',
    en: 'A new form field was added after signing.',
    ru: 'После подписания добавлено новое поле формы.',
  },
  FORM_FIELD_REMOVED: {
    az: 'İmzadan sonra forma sahəsi silinib.',
    en: 'A form field was removed after signing.',
    ru: 'После подписания удалено поле формы.',
  },
  FORM_FIELD_PROPERTIES_CHANGED: {
    az: 'İmzadan sonra forma sahəsinin dəyərindən başqa xüsusiyyətləri (yeri, görünməsi, növü) dəyişdirilib.',
    en: "A form field's properties other than its value (position, visibility, type) were changed after signing.",
    ru: 'После подписания изменены свойства поля формы помимо значения (положение, видимость, тип).',
  },
  LOCKED_FIELD_CHANGED: {
    az: 'İmzanın kilidlədiyi forma sahəsi imzadan sonra dəyişdirilib.',
    en: 'A form field locked by a signature was changed after signing.',
    ru: 'Поле формы, заблокированное подписью, изменено после подписания.',
  },
  SIGNED_APPEARANCE_CHANGED: {
    az: 'Artıq imzalanmış imzanın görünüşü dəyişdirilib və ya silinib.',
    en: 'The appearance of an already signed signature was changed or removed.',
    ru: 'Внешний вид уже поставленной подписи изменён или удалён.',
  },
  ANNOTATION_ADDED: {
    az: 'İmzadan sonra annotasiya (şərh, qeyd, şəkil) əlavə edilib; o, səhifənin məzmununu örtə bilər.',
    en: 'An annotation (comment, note, stamp) was added after signing; it can cover the page content.',
    ru: 'После подписания добавлена аннотация (комментарий, заметка, штамп); она может закрывать содержимое страницы.',
  },
  ANNOTATION_CHANGED: {
    az: 'İmzadan sonra annotasiya dəyişdirilib.',
    en: 'An annotation was changed after signing.',
    ru: 'После подписания изменена аннотация.',
  },
  ANNOTATION_REMOVED: {
    az: 'İmzadan sonra annotasiya silinib.',
    en: 'An annotation was removed after signing.',
    ru: 'После подписания удалена аннотация.',
  },
  METADATA_CHANGED: {
    az: 'İmzadan sonra sənədin metaməlumatları (başlıq, müəllif və s.) dəyişdirilib; məzmun dəyişməyib.',
    en: "The document's metadata (title, author and the like) was changed after signing; the content was not.",
    ru: 'После подписания изменены метаданные документа (название, автор и т. п.); содержимое не изменено.',
  },
  CERTIFIED_DOCUMENT_CHANGED: {
    az: 'Sənəd heç bir dəyişikliyə icazə verilməyən şəkildə təsdiqlənib (DocMDP P 1), amma sonradan dəyişdirilib.',
    en: 'The document was certified to allow no changes (DocMDP P 1), yet it was changed later.',
    ru: 'Документ заверен с запретом любых изменений (DocMDP P 1), но позже был изменён.',
  },
  SIGNATURE_FIELD_ADDED: {
    az: 'Təsdiqlənmiş sənədə görünən yeni imza sahəsi əlavə edilib; o, səhifənin məzmununu örtə bilər.',
    en: 'A new visible signature field was added to a certified document; it can cover the page content.',
    ru: 'В заверенный документ добавлено новое видимое поле подписи; оно может закрывать содержимое страницы.',
  },
  VISIBLE_SIGNATURE_ADDED: {
    az: 'Təsdiqlənmiş sənədə görünən yeni imza əlavə edilib (təsdiqləmə annotasiyalara icazə verir).',
    en: 'A new visible signature was added to a certified document (the certification allows annotations).',
    ru: 'В заверенный документ добавлена новая видимая подпись (заверение разрешает аннотации).',
  },
  OBJECT_CHANGED: {
    az: 'İmzadan sonra imzalanmış sənədin bir hissəsi icazə verilməyən şəkildə dəyişdirilib.',
    en: 'A part of the signed document was changed after signing in a way that is not allowed.',
    ru: 'Часть подписанного документа изменена после подписания недопустимым образом.',
  },
  OBJECT_REMOVED: {
    az: 'İmzadan sonra imzalanmış sənədin bir hissəsi silinib.',
    en: 'A part of the signed document was removed after signing.',
    ru: 'После подписания удалена часть подписанного документа.',
  },
  OBJECT_ADDED: {
    az: 'İmzadan sonra imzalanmış sənədin istinad etdiyi, amma o vaxt olmayan obyekt əlavə edilib: görünən məzmun dəyişə bilər.',
    en: 'An object the signed document referred to but did not contain was added later: what is shown can change.',
    ru: 'Позже добавлен объект, на который ссылался подписанный документ, но которого в нём не было: отображаемое может измениться.',
  },
  TOO_MANY_CHANGES: {
    az: 'İmzadan sonrakı yeniləmə həddən artıq çox obyekt dəyişir; dəyişikliklər yoxlanıla bilmədi.',
    en: 'An update after signing changes too many objects; the changes could not be checked.',
    ru: 'Обновление после подписания меняет слишком много объектов; изменения не удалось проверить.',
  },
  CHANGES_UNREADABLE: {
    az: 'İmzadan sonrakı dəyişikliklər oxuna bilmədi (fayl zədələnib); onlara etibar etmək olmaz.',
    en: 'The changes made after signing could not be read (the file is damaged); they cannot be trusted.',
    ru: 'Изменения после подписания не удалось прочитать (файл повреждён); доверять им нельзя.',
  },
};
