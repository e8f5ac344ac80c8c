/** Messages for the codes of document-level validation (format recognition, changes, statuses). */
import type { MessageCatalog } from './message-types.js';

export const VALIDATION_MESSAGES: MessageCatalog = {
  FILE_EMPTY: {
    az: 'Fayl boşdur.',
    en: 'The file is empty.',
    ru: 'Файл пуст.',
  },
  FILE_UNREADABLE: {
    az: 'Fayl oxuna bilmir: {detail}',
    en: 'The file cannot be read: {detail}',
    ru: 'Файл не читается: {detail}',
  },
  FORMAT_UNKNOWN: {
    az: 'Fayl imzala-nın tanıdığı imzalı format deyil (PDF, CMS .p7s, ASiC).',
    en: 'The file is not a signed format imzala knows (PDF, CMS .p7s, ASiC).',
    ru: 'Файл не относится к известным imzala подписанным форматам (PDF, CMS .p7s, ASiC).',
  },
  CMS_CONTENT_MISSING: {
    az: 'Ayrılmış (detached) imza üçün imzalanmış faylı da göstərin (--content FAYL).',
    en: 'A detached signature needs the signed file too (--content FILE).',
    ru: 'Для отсоединённой подписи укажите и подписанный файл (--content ФАЙЛ).',
  },
  CMS_CONTENT_IGNORED: {
    az: 'İmzalanmış məzmun imzanın içindədir; --content ilə verilən fayl bu imza üçün istifadə olunmadı.',
    en: 'The signed content is inside the signature; the file given with --content was not used for it.',
    ru: 'Подписанное содержимое находится внутри подписи; файл из --content для неё не использовался.',
  },
  EMPTY_SIGNATURE_FIELD: {
    az: 'Sənəddə imza dəyəri boş olan imza sahəsi var; o, imza sayılmır.',
    en: 'The document has a signature field with an empty signature value; it does not count as a signature.',
    ru: 'В документе есть поле подписи с пустым значением; оно не считается подписью.',
  },
  SUBFILTER_UNSUPPORTED: {
    az: 'Bu imza növü ({subFilter}) hələ yoxlanıla bilmir.',
    en: 'This kind of signature ({subFilter}) cannot be checked yet.',
    ru: 'Этот вид подписи ({subFilter}) пока не проверяется.',
  },
  PDF_SIGNATURE_NOT_DETACHED_SINGLE_SIGNER: {
    az: 'PDF imzası tək imzalayanlı ayrılmış CMS olmalıdır.',
    en: 'A PDF signature must be a detached CMS with exactly one signer.',
    ru: 'Подпись PDF должна быть отсоединённой CMS с одним подписантом.',
  },
  DATA_AFTER_LAST_REVISION: {
    az: 'Sənədin son versiyasından sonra imzalanmamış məlumat əlavə olunub ({bytes} bayt); bəzi proqramlar onu göstərə bilər.',
    en: 'Unsigned data was appended after the last revision of the document ({bytes} bytes); some viewers may show it.',
    ru: 'После последней ревизии документа добавлены неподписанные данные ({bytes} байт); некоторые программы могут их показать.',
  },
  REVOCATION_UNAVAILABLE: {
    az: 'İmzalayanın sertifikatının ləğv statusu alına bilmədi: {urls}',
    en: "The revocation status of the signer's certificate could not be obtained: {urls}",
    ru: 'Не удалось получить статус отзыва сертификата подписанта: {urls}',
  },
  INTERNAL_ERROR: {
    az: 'Gözlənilməz daxili xəta baş verdi.',
    en: 'An unexpected internal error occurred.',
    ru: 'Произошла непредвиденная внутренняя ошибка.',
  },
};
