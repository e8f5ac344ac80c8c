/** Messages for people, by stable code, in the product's three languages (Azerbaijani first). */
export type Language = 'az' | 'en' | 'ru';
export const LANGUAGES: readonly Language[] = ['az', 'en', 'ru'];

/** `{name}` placeholders are filled from a finding's details. */
export type LocalizedMessage = Readonly<Record<Language, string>>;
export type MessageCatalog = Readonly<Record<string, LocalizedMessage>>;
