/** Made-up names for demo pupils. Any likeness to a real child is chance. */
export const FIRST_NAMES = [
  'Alfie', 'Amara', 'Archie', 'Ava', 'Bobby', 'Callum', 'Chloe', 'Darcy', 'Eden', 'Ellis', 'Ezra', 'Faith',
  'Finley', 'Freya', 'Georgie', 'Harley', 'Hattie', 'Isaac', 'Ivy', 'Jayden', 'Kacey', 'Kai', 'Lacey', 'Leo',
  'Lola', 'Maisie', 'Mason', 'Mia', 'Nico', 'Nova', 'Ollie', 'Orla', 'Priya', 'Reggie', 'Remi', 'Rhys',
  'Rosie', 'Sami', 'Skye', 'Theo', 'Tilly', 'Tommy', 'Willow', 'Zac', 'Zara', 'Kofi', 'Aisha', 'Tomasz',
];

export const LAST_NAMES = [
  'Ashdown', 'Bramwell', 'Carrow', 'Danford', 'Elmsley', 'Fenwick', 'Garside', 'Holloway', 'Ingram', 'Jessop',
  'Kettering', 'Lowther', 'Marlow', 'Newbold', 'Okafor', 'Pembry', 'Quarry', 'Radley', 'Stanwick', 'Thornby',
  'Upton', 'Varley', 'Whitlock', 'Yardley', 'Bhatt-Lowe', 'Nowacki', 'Mensah-Hale', 'Crossley', 'Dunmore', 'Everleigh',
];

/** How the demo records gender for each first name; names given to either are recorded either way. */
const GIRLS = new Set(['Amara', 'Ava', 'Chloe', 'Darcy', 'Faith', 'Freya', 'Georgie', 'Hattie', 'Ivy', 'Kacey', 'Lacey', 'Lola', 'Maisie', 'Mia', 'Nova', 'Orla', 'Priya', 'Rosie', 'Skye', 'Tilly', 'Willow', 'Zara', 'Aisha']);
const EITHER = new Set(['Eden', 'Harley', 'Remi', 'Sami']);

export function genderFor(firstName: string, coin: boolean): 'Female' | 'Male' {
  if (EITHER.has(firstName)) return coin ? 'Female' : 'Male';
  return GIRLS.has(firstName) ? 'Female' : 'Male';
}

/** Names some children go by instead of their legal first name. */
export const PREFERRED_NAMES: Readonly<Record<string, string>> = {
  Alfie: 'Alf',
  Amara: 'Mara',
  Callum: 'Cal',
  Finley: 'Fin',
  Jayden: 'Jay',
  Reggie: 'Reg',
  Tomasz: 'Tomek',
};

/** Made-up adults: parents and carers, SENCos and Virtual School staff. */
export const ADULT_WOMEN = ['Jade', 'Kirsty', 'Leanne', 'Gemma', 'Nadia', 'Sasha', 'Joanne', 'Precious', 'Agnieszka', 'Shabana', 'Claire', 'Donna', 'Hayley', 'Rebecca'];
export const ADULT_MEN = ['Dean', 'Lee', 'Craig', 'Marcus', 'Tariq', 'Pawel', 'Emeka', 'Gareth', 'Wayne', 'Stuart', 'Kwame', 'Jamie'];
export const STAFF_LAST_NAMES = ['Abernethy', 'Bellamy', 'Cartwright', 'Delacourt', 'Eastwood', 'Fairbairn', 'Greenhalgh', 'Hartigan', 'Iveson', 'Kinsella', 'Loxley', 'Merriweather', 'Northcott', 'Pennington'];
