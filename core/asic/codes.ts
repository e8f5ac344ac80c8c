/** Messages for the ASiC container codes (recognising, reading, creating and co-signing containers). */
import type { MessageCatalog } from '../report/message-types.js';

export const ASIC_MESSAGES: MessageCatalog = {
  ASIC_NOT_A_CONTAINER: {
    az: 'ZIP arxivi imza konteyneri deyil: "mimetype" faylı və imza yoxdur.',
    en: 'The ZIP archive is not a signature container: it has no "mimetype" entry and no signature.',
    ru: 'ZIP-архив не является контейнером подписи: в нём нет записи «mimetype» и подписи.',
  },
  ASIC_UNRECOGNISED_VARIANT: {
    az: 'Tanınmayan ADoc (konteyner) növü: "{mimetype}". Bu cür konteyner yoxlanıla bilmir.',
    en: 'Unrecognised ADoc (container) variant: "{mimetype}". A container of this kind cannot be checked.',
    ru: 'Нераспознанный вариант ADoc (контейнера): «{mimetype}». Такой контейнер проверить нельзя.',
  },
  ASIC_MIMETYPE_MISSING: {
    az: 'Konteynerdə "mimetype" faylı yoxdur; növü onun quruluşuna görə müəyyən edildi.',
    en: 'The container has no "mimetype" entry; its kind was determined from its layout.',
    ru: 'В контейнере нет записи «mimetype»; его вид определён по структуре.',
  },
  ASIC_MIMETYPE_MISPLACED: {
    az: '"mimetype" faylı konteynerdə birinci və sıxılmamış olmalıdır (ETSI EN 319 162-1).',
    en: 'The "mimetype" entry must be the first in the container and not compressed (ETSI EN 319 162-1).',
    ru: 'Запись «mimetype» должна быть первой в контейнере и без сжатия (ETSI EN 319 162-1).',
  },
  ASIC_MANIFEST_MALFORMED: {
    az: 'İmza manifesti ({manifest}) oxuna bilmir: {reason}',
    en: 'The signature manifest ({manifest}) cannot be read: {reason}',
    ru: 'Манифест подписи ({manifest}) не читается: {reason}',
  },
  ASIC_MANIFEST_MISSING: {
    az: '"{signature}" imzasının manifesti yoxdur: imzanın hansı faylları əhatə etdiyi bilinmir.',
    en: 'The signature "{signature}" has no manifest: it is not known which files it covers.',
    ru: 'У подписи «{signature}» нет манифеста: неизвестно, какие файлы она охватывает.',
  },
  ASIC_MANIFEST_AMBIGUOUS: {
    az: '"{signature}" imzasına bir neçə manifest istinad edir: imzanın hansı faylları əhatə etdiyi birmənalı deyil.',
    en: 'Several manifests name the signature "{signature}": which files it covers is ambiguous.',
    ru: 'На подпись «{signature}» ссылаются несколько манифестов: какие файлы она охватывает, неоднозначно.',
  },
  ASIC_SIGNATURE_MISSING: {
    az: '{manifest} manifesti mövcud olmayan imzaya ({signature}) istinad edir.',
    en: 'The manifest {manifest} names a signature that is not in the container ({signature}).',
    ru: 'Манифест {manifest} ссылается на подпись, которой нет в контейнере ({signature}).',
  },
  ASIC_DUPLICATE_REFERENCE: {
    az: 'Manifest "{file}" faylını iki dəfə göstərir.',
    en: 'The manifest lists the file "{file}" twice.',
    ru: 'Манифест дважды указывает файл «{file}».',
  },
  ASIC_REFERENCED_FILE_MISSING: {
    az: 'İmzalanmış "{file}" faylı konteynerdə yoxdur: o, imzadan sonra silinib.',
    en: 'The signed file "{file}" is missing from the container: it was removed after signing.',
    ru: 'Подписанный файл «{file}» отсутствует в контейнере: он удалён после подписания.',
  },
  ASIC_DATA_FILE_DIGEST_MISMATCH: {
    az: '"{file}" faylı imzalandıqdan sonra dəyişdirilib: heş dəyəri manifestdəki ilə uyğun gəlmir.',
    en: 'The file "{file}" was changed after signing: its hash does not match the manifest.',
    ru: 'Файл «{file}» изменён после подписания: его хеш не совпадает с манифестом.',
  },
  ASIC_DATA_FILE_NOT_SIGNED: {
    az: '"{file}" faylı bu imza ilə imzalanmayıb: o, imzadan sonra əlavə olunub.',
    en: 'The file "{file}" is not covered by this signature: it was added after signing.',
    ru: 'Файл «{file}» не охвачен этой подписью: он добавлен после подписания.',
  },
  ASIC_DIGEST_ALGORITHM_UNSUPPORTED: {
    az: 'Manifestdə "{file}" faylı üçün naməlum heş alqoritmi göstərilib ({algorithm}).',
    en: 'The manifest uses an unknown hash algorithm for "{file}" ({algorithm}).',
    ru: 'Манифест использует неизвестный алгоритм хеширования для «{file}» ({algorithm}).',
  },
  ASIC_WEAK_DIGEST_ALGORITHM: {
    az: 'Manifest "{file}" faylını zəif heş alqoritmi ({algorithm}) ilə göstərir: hansı faylın imzalandığını sübut etmir.',
    en: 'The manifest names "{file}" with a weak hash algorithm ({algorithm}): it does not prove which file was signed.',
    ru: 'Манифест указывает «{file}» слабым алгоритмом хеширования ({algorithm}): это не доказывает, какой файл подписан.',
  },
  ASIC_S_DATA_FILE_COUNT: {
    az: 'ASiC-S konteynerində düz bir fayl olmalıdır, burada isə {count} fayl var: hansının imzalandığı bilinmir.',
    en: 'An ASiC-S container must hold exactly one file, but this one holds {count}: which one was signed is unknown.',
    ru: 'Контейнер ASiC-S должен содержать ровно один файл, а в этом {count}: неизвестно, какой из них подписан.',
  },
  ASIC_UNEXPECTED_ENTRY: {
    az: 'Konteynerdə gözlənilməyən imza faylı var: {entry}.',
    en: 'The container holds an unexpected signature entry: {entry}.',
    ru: 'В контейнере неожиданная запись подписи: {entry}.',
  },
  ASIC_XADES_UNSUPPORTED: {
    az: 'Konteynerdə XAdES imzası var ({entry}); XAdES imzaları hələ yoxlanılmır.',
    en: 'The container holds a XAdES signature ({entry}); XAdES signatures are not checked yet.',
    ru: 'В контейнере есть подпись XAdES ({entry}); подписи XAdES пока не проверяются.',
  },
  ASIC_TIMESTAMP_UNSUPPORTED: {
    az: 'Konteynerdə vaxt möhürü və ya arxiv manifesti var ({entry}); onlar hələ yoxlanılmır.',
    en: 'The container holds a timestamp or archive manifest ({entry}); these are not checked yet.',
    ru: 'В контейнере есть метка времени или архивный манифест ({entry}); они пока не проверяются.',
  },
  ASIC_NO_SIGNATURE: {
    az: 'Konteynerdə yoxlanıla bilən CAdES imzası yoxdur.',
    en: 'The container holds no CAdES signature that can be checked.',
    ru: 'В контейнере нет подписи CAdES, которую можно проверить.',
  },
  ASIC_NO_DATA_FILES: {
    az: 'Konteyner üçün ən azı bir fayl lazımdır.',
    en: 'A container needs at least one file.',
    ru: 'Для контейнера нужен хотя бы один файл.',
  },
  ASIC_DATA_FILE_NAME_INVALID: {
    az: '"{file}" adı konteynerdə istifadə oluna bilməz ({reason}).',
    en: 'The name "{file}" cannot be used in a container ({reason}).',
    ru: 'Имя «{file}» нельзя использовать в контейнере ({reason}).',
  },
  ASIC_SIGNATURE_NOT_DETACHED: {
    az: 'İmza vasitəsi ayrılmış (detached) CAdES imzası qaytarmadı.',
    en: 'The signing tool did not return a detached CAdES signature.',
    ru: 'Средство подписи не вернуло отсоединённую подпись CAdES.',
  },
  ASIC_NOT_ASIC_E: {
    az: 'Yalnız ASiC-E konteynerinə yeni imza əlavə etmək olar (bu fayl: {kind}).',
    en: 'Only an ASiC-E container can take another signature (this file: {kind}).',
    ru: 'Добавить подпись можно только в контейнер ASiC-E (этот файл: {kind}).',
  },
  ASIC_CONTAINER_NOT_INTACT: {
    az: 'Konteyner əvvəlki imzalardan sonra dəyişdirilib və ya yoxlanıla bilməyən hissələri var ({problems}); ona yeni imza əlavə olunmadı.',
    en: 'The container was changed after the earlier signatures or holds parts that cannot be checked ({problems}); no signature was added.',
    ru: 'Контейнер изменён после прежних подписей или содержит непроверяемые части ({problems}); новая подпись не добавлена.',
  },
  ASIC_TOO_MANY_SIGNATURES: {
    az: 'Konteynerdə həddən çox imza var ({count}; ən çox {max}).',
    en: 'The container holds too many signatures ({count}; at most {max}).',
    ru: 'В контейнере слишком много подписей ({count}; не более {max}).',
  },
};
