// Texts of one feature; `en` must have every key of `de`.
export const de = {} as const;
export const en: Record<keyof typeof de, string> = {};
