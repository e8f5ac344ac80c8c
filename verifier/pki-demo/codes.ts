/** Codes of `imzala pki demo` and their messages in Azerbaijani, English and Russian. */
import type { MessageCatalog } from '../../core/report/message-types.js';

export const PKI_DEMO_DIR_NOT_EMPTY = 'PKI_DEMO_DIR_NOT_EMPTY';

export const PKI_DEMO_MESSAGES: MessageCatalog = {
  [PKI_DEMO_DIR_NOT_EMPTY]: {
    az:
      'Qovluq boş deyil və əvvəlki TEST sertifikatları qovluğu da deyil: {dir}. ' +
      'TEST sertifikatları üçün boş və ya yeni qovluq seçin.',
    en: 'The directory is not empty and is not an earlier TEST certificate directory: {dir}. Choose an empty or new directory.',
    ru: 'Каталог не пуст и не является прежним каталогом TEST-сертификатов: {dir}. Выберите пустой или новый каталог.',
  },
};
