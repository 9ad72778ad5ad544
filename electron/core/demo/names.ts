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
