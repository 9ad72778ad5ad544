import { z } from 'zod';

/** A home school the Key works with: pupils stay on its roll and it refers them. */
export interface School {
  id: string;
  name: string;
  sencoName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

/** Optional text: blank becomes null, so the database never holds an empty string for "not given". */
export const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} can be at most ${max} characters.`)
    .transform((text) => (text === '' ? null : text))
    .nullable()
    .optional();

export const optionalEmail = (label: string) =>
  optionalText(label, 120).refine((text) => text == null || z.email().safeParse(text).success, {
    message: `${label} does not look like an email address.`,
  });

export const optionalPhone = (label: string) =>
  optionalText(label, 40).refine((text) => text == null || /^[0-9+() -]{6,}$/.test(text), {
    message: `${label} can hold digits, spaces, brackets, + and - only.`,
  });

export const schoolFieldsSchema = z.object({
  name: z
    .string({ error: 'Enter the school name.' })
    .trim()
    .min(1, 'Enter the school name.')
    .max(100, 'A school name can be at most 100 characters.'),
  sencoName: optionalText("The SENCo's name", 80),
  phone: optionalPhone('The phone number'),
  email: optionalEmail('The email'),
  address: optionalText('The address', 300),
});

/** Words a school's name may carry or leave out: "Elmfield Primary" is Elmfield Primary School. */
const GENERIC_WORDS = new Set(['school', 'primary', 'the']);
const SAME_WORDS: Record<string, string> = { st: 'saint' };

/**
 * A school's name reduced to what tells it apart: case, accents, punctuation, "&" or "and", "St" or
 * "Saint", a possessive 's, and the words "School", "Primary" and "The" do not count. Two names with the same key are
 * most likely the same school (Infant, Junior, Academy and church words do count).
 */
export function schoolMatchKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('en-GB')
    .replace(/&/g, ' and ')
    // St John's and St John are one school; other apostrophes join the word (O'Neill).
    .replace(/['’]s\b/g, '')
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((word) => SAME_WORDS[word] ?? word);
  const telling = words.filter((word) => !GENERIC_WORDS.has(word));
  // A name that is nothing but generic words ("The Primary School") is kept whole.
  return (telling.length > 0 ? telling : words).join(' ');
}
