/**
 * Made-up home schools for the demo. None is a real Coventry school: the names, streets and the CV99
 * postcode district are invented, the phone numbers are in Ofcom's range kept for drama (024 7696 0xxx)
 * and the emails are at example.org, which can never reach anyone.
 */
export interface DemoSchool {
  name: string;
  sencoName: string;
  phone: string;
  email: string;
  address: string;
  /** The year groups on roll (Reception = 0): infant and junior schools take only part of primary. */
  years: readonly [from: number, to: number];
}

export const DEMO_SCHOOLS: readonly DemoSchool[] = [
  { name: 'Elmfield Primary School', sencoName: 'Mrs Hannah Bellamy', phone: '024 7696 0101', email: 'senco@elmfield.example.org', address: '4 Larchmere Road, Coventry CV99 1EP', years: [0, 6] },
  { name: 'Thornbury Lane Primary School', sencoName: 'Mr Daniel Eastwood', phone: '024 7696 0118', email: 'office@thornburylane.example.org', address: 'Thornbury Lane, Coventry CV99 2TL', years: [0, 6] },
  { name: 'Kestrel Brook Primary Academy', sencoName: 'Ms Farah Kinsella', phone: '024 7696 0125', email: 'senco@kestrelbrook.example.org', address: '1 Kestrel Way, Coventry CV99 3KB', years: [0, 6] },
  { name: 'Hazelmere Infant School', sencoName: 'Mrs Louise Northcott', phone: '024 7696 0132', email: 'senco@hazelmere-infant.example.org', address: '27 Hazelmere Avenue, Coventry CV99 4HI', years: [0, 2] },
  { name: 'Wrenfield Junior School', sencoName: 'Mr Owain Fairbairn', phone: '024 7696 0147', email: 'senco@wrenfield-junior.example.org', address: '29 Hazelmere Avenue, Coventry CV99 4WJ', years: [3, 6] },
  { name: "St Aldric's Catholic Primary School", sencoName: 'Miss Teresa Hartigan', phone: '024 7696 0153', email: 'senco@staldrics.example.org', address: 'Chapel Fields Road, Coventry CV99 5SA', years: [0, 6] },
  { name: 'Meadowvale Church of England Primary School', sencoName: 'Mrs Anita Loxley', phone: '024 7696 0166', email: 'office@meadowvale.example.org', address: '10 Rectory Close, Coventry CV99 6MV', years: [0, 6] },
  { name: 'Oakhurst Community Primary School', sencoName: 'Mr Samuel Iveson', phone: '024 7696 0172', email: 'senco@oakhurst.example.org', address: 'Brackenbury Drive, Coventry CV99 7OH', years: [0, 6] },
  { name: 'Brindle Green Primary School', sencoName: 'Mrs Gillian Merriweather', phone: '024 7696 0184', email: 'senco@brindlegreen.example.org', address: '55 Brindle Green, Coventry CV99 8BG', years: [0, 6] },
  { name: 'Silverbirch Academy', sencoName: 'Ms Rachel Pennington', phone: '024 7696 0199', email: 'senco@silverbirch.example.org', address: '3 Birchwood Rise, Coventry CV99 9SB', years: [0, 6] },
];
