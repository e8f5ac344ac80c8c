/** Messages for the ZIP codes (reading and writing containers). */
import type { MessageCatalog } from '../report/message-types.js';

export const ZIP_MESSAGES: MessageCatalog = {
  ZIP_TOO_LARGE: {
    az: 'Arxiv həddindən böyükdür (ən çox {max} bayt).',
    en: 'The archive is too large (at most {max} bytes).',
    ru: 'Архив слишком велик (не более {max} байт).',
  },
  ZIP_NOT_A_ZIP: {
    az: 'Fayl ZIP arxivi deyil və ya sonu kəsilib.',
    en: 'The file is not a ZIP archive, or its end is missing.',
    ru: 'Файл не является ZIP-архивом или его конец отсутствует.',
  },
  ZIP_MALFORMED: {
    az: 'ZIP arxivinin strukturu pozulub: {reason}',
    en: 'The ZIP archive structure is damaged: {reason}',
    ru: 'Структура ZIP-архива повреждена: {reason}',
  },
  ZIP_TRUNCATED: {
    az: 'ZIP arxivi kəsilib: mərkəzi kataloq və ya fayl məlumatı arxivin hüdudlarından kənardadır.',
    en: 'The ZIP archive is truncated: the central directory or an entry lies outside the file.',
    ru: 'ZIP-архив обрезан: центральный каталог или запись выходит за пределы файла.',
  },
  ZIP64_UNSUPPORTED: {
    az: 'ZIP64 arxivləri dəstəklənmir.',
    en: 'ZIP64 archives are not supported.',
    ru: 'Архивы ZIP64 не поддерживаются.',
  },
  ZIP_MULTI_DISK_UNSUPPORTED: {
    az: 'Bir neçə hissəyə bölünmüş ZIP arxivləri dəstəklənmir.',
    en: 'ZIP archives split into several parts are not supported.',
    ru: 'ZIP-архивы, разделённые на несколько частей, не поддерживаются.',
  },
  ZIP_TOO_MANY_ENTRIES: {
    az: 'Arxivdə həddindən çox fayl var ({count}; ən çox {max}).',
    en: 'The archive has too many entries ({count}; at most {max}).',
    ru: 'В архиве слишком много записей ({count}; не более {max}).',
  },
  ZIP_UNCOMPRESSED_TOO_LARGE: {
    az: 'Arxivdəki fayllar açıldıqda həddən böyük olur (ən çox {max} bayt): bu, "ZIP bombası" ola bilər.',
    en: 'The archive would expand beyond the limit ({max} bytes): it may be a "zip bomb".',
    ru: 'Архив при распаковке превысит предел ({max} байт): это может быть «zip-бомба».',
  },
  ZIP_ENTRY_NAME_TOO_LONG: {
    az: 'Arxivdəki faylın adı həddən uzundur ({length} bayt; ən çox {max}).',
    en: 'An entry name in the archive is too long ({length} bytes; at most {max}).',
    ru: 'Имя записи в архиве слишком длинное ({length} байт; не более {max}).',
  },
  ZIP_ENTRY_NAME_ENCODING: {
    az: 'Arxivdəki faylın adı nə ASCII, nə də UTF-8 kimi işarələnmiş mətndir; onu birmənalı oxumaq mümkün deyil.',
    en: 'An entry name in the archive is neither ASCII nor marked as UTF-8, so it cannot be read unambiguously.',
    ru: 'Имя записи в архиве не ASCII и не помечено как UTF-8, его нельзя прочитать однозначно.',
  },
  ZIP_ENTRY_NAME_AMBIGUOUS: {
    az: 'Arxivdəki "{entry}" faylının iki fərqli adı var ("{other}").',
    en: 'The archive entry "{entry}" carries a second, different name ("{other}").',
    ru: 'Запись архива «{entry}» содержит второе, другое имя («{other}»).',
  },
  ZIP_UNSAFE_ENTRY_NAME: {
    az: 'Arxivdəki "{entry}" faylının adı təhlükəlidir ({reason}): konteynerdən kənara işarə edə bilər.',
    en: 'The archive entry name "{entry}" is unsafe ({reason}): it could point outside the container.',
    ru: 'Имя записи архива «{entry}» небезопасно ({reason}): оно может указывать за пределы контейнера.',
  },
  ZIP_DUPLICATE_ENTRY: {
    az: 'Arxivdə eyni adlı iki fayl var: "{entry}".',
    en: 'The archive has two entries with the same name: "{entry}".',
    ru: 'В архиве две записи с одинаковым именем: «{entry}».',
  },
  ZIP_ENCRYPTED_UNSUPPORTED: {
    az: 'Arxivdəki "{entry}" faylı şifrələnib; şifrələnmiş arxivlər yoxlanıla bilmir.',
    en: 'The archive entry "{entry}" is encrypted; encrypted archives cannot be checked.',
    ru: 'Запись архива «{entry}» зашифрована; зашифрованные архивы проверить нельзя.',
  },
  ZIP_COMPRESSION_UNSUPPORTED: {
    az: 'Arxivdəki "{entry}" faylı dəstəklənməyən üsulla ({method}) sıxılıb.',
    en: 'The archive entry "{entry}" uses an unsupported compression method ({method}).',
    ru: 'Запись архива «{entry}» сжата неподдерживаемым методом ({method}).',
  },
  ZIP_LOCAL_HEADER_MISMATCH: {
    az: 'Arxivdəki "{entry}" faylının başlığı mərkəzi kataloqla uyğun gəlmir ({field}): arxiv müxtəlif proqramlara fərqli görünə bilər.',
    en: 'The header of archive entry "{entry}" disagrees with the central directory ({field}): the archive may look different to different tools.',
    ru: 'Заголовок записи архива «{entry}» не совпадает с центральным каталогом ({field}): архив может выглядеть по-разному в разных программах.',
  },
  ZIP_OVERLAPPING_ENTRIES: {
    az: 'Arxivdəki "{entry}" və "{other}" faylları eyni baytları paylaşır: bu, "ZIP bombası" əlamətidir.',
    en: 'The archive entries "{entry}" and "{other}" share bytes: a sign of a "zip bomb".',
    ru: 'Записи архива «{entry}» и «{other}» используют одни и те же байты: признак «zip-бомбы».',
  },
  ZIP_ENTRY_SIZE_MISMATCH: {
    az: 'Arxivdəki "{entry}" faylı açıldıqda elan olunmuş ölçüyə ({declared} bayt) uyğun gəlmir.',
    en: 'The archive entry "{entry}" does not expand to its declared size ({declared} bytes).',
    ru: 'Запись архива «{entry}» при распаковке не совпадает с заявленным размером ({declared} байт).',
  },
  ZIP_ENTRY_CORRUPT: {
    az: 'Arxivdəki "{entry}" faylının sıxılmış məlumatı pozulub.',
    en: 'The compressed data of archive entry "{entry}" is damaged.',
    ru: 'Сжатые данные записи архива «{entry}» повреждены.',
  },
  ZIP_CRC_MISMATCH: {
    az: 'Arxivdəki "{entry}" faylı öz CRC-32 yoxlama cəminə uyğun gəlmir: fayl zədələnib və ya dəyişdirilib.',
    en: 'The archive entry "{entry}" does not match its CRC-32 checksum: it is damaged or was altered.',
    ru: 'Запись архива «{entry}» не совпадает со своей контрольной суммой CRC-32: она повреждена или изменена.',
  },
};
