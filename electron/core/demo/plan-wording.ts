import type { NeedArea } from '../../../shared/domain/plans';

/** Outcomes as Key teachers write them, each with its success criteria and the provision behind it. Fictional. */
export const DEMO_OUTCOMES: ReadonlyArray<{ what: string; area: NeedArea; successCriteria: string; provision: ReadonlyArray<{ what: string; who: string; howOften: string; where: string }> }> = [
  {
    what: 'To stay in the classroom through a whole lesson, using a time-out card when needed',
    area: 'semh',
    successCriteria: 'Stays in class for 4 out of 5 lessons a day for three weeks; uses the card instead of leaving.',
    provision: [
      { what: 'Time-out card and a named calm space', who: 'Class team', howOften: 'Every lesson', where: 'Classroom and calm corner' },
      { what: 'Check-in on arrival using zones of regulation', who: 'Keyworker', howOften: 'Daily', where: 'Classroom door' },
    ],
  },
  {
    what: 'To name how they are feeling and ask an adult for help',
    area: 'semh',
    successCriteria: 'Names their zone at check-in without prompting and asks for help at least once a day.',
    provision: [{ what: 'Emotion coaching and a feelings fan', who: 'Keyworker', howOften: 'Daily', where: 'Classroom' }],
  },
  {
    what: 'To play a structured game with a peer at break, taking turns',
    area: 'semh',
    successCriteria: 'Plays a turn-taking game for 10 minutes with one peer, three breaks a week, without an adult stepping in.',
    provision: [
      { what: 'Lego therapy group', who: 'Teaching assistant', howOften: 'Twice a week', where: 'Small group room' },
      { what: 'Supported play at morning break', who: 'Midday supervisor', howOften: 'Daily', where: 'Playground' },
    ],
  },
  {
    what: 'To manage the move between activities with a visual timetable',
    area: 'semh',
    successCriteria: 'Moves to the next activity within two minutes of the timer, most transitions in a week.',
    provision: [{ what: 'Visual timetable and a five-minute warning', who: 'Class teacher', howOften: 'Every transition', where: 'Classroom' }],
  },
  {
    what: 'To repair after an incident by talking it through with an adult',
    area: 'semh',
    successCriteria: 'Takes part in a restorative conversation on the same day after most incidents.',
    provision: [{ what: 'Restorative conversation using the comic-strip script', who: 'Keyworker', howOften: 'After incidents', where: 'Calm room' }],
  },
  {
    what: 'To follow a two-part instruction given to the class',
    area: 'communication-interaction',
    successCriteria: 'Follows two-part class instructions without an individual repeat in most lessons.',
    provision: [{ what: 'Instructions chunked with now-and-next board', who: 'Class team', howOften: 'Every lesson', where: 'Classroom' }],
  },
  {
    what: 'To read aloud to an adult, building confidence with phonics',
    area: 'cognition-learning',
    successCriteria: 'Reads a book at their phonics level to an adult three times a week and moves up a book band.',
    provision: [{ what: 'Daily precision teaching of phonics', who: 'Teaching assistant', howOften: 'Daily, 10 minutes', where: 'Quiet area' }],
  },
  {
    what: 'To write a few sentences independently with a word mat',
    area: 'cognition-learning',
    successCriteria: 'Writes three sentences on their own in a writing lesson, twice a week.',
    provision: [{ what: 'Word mat and sentence starters', who: 'Class teacher', howOften: 'Writing lessons', where: 'Classroom' }],
  },
  {
    what: 'To use movement breaks to stay regulated in the afternoon',
    area: 'sensory-physical',
    successCriteria: 'Asks for or accepts a movement break before becoming dysregulated, most afternoons.',
    provision: [{ what: 'Sensory circuit and movement breaks', who: 'Teaching assistant', howOften: 'Daily after lunch', where: 'Hall' }],
  },
  {
    what: 'To attend the home-school day and settle in their class',
    area: 'semh',
    successCriteria: 'Attends every home-school day for a half term; home school reports a settled morning.',
    provision: [{ what: 'Outreach visit to model strategies with the home-school class team', who: 'Keyworker', howOften: 'Fortnightly', where: 'Home school' }],
  },
];

export const ABOUT_ME_TEXT = {
  importantTo: ['My dog, Biscuit, and my nan.', 'Playing football with my brother.', 'Drawing comics and my tablet.', 'Going to the park with mum at the weekend.'],
  importantFor: ['A calm start to the day.', 'Knowing what is happening next.', 'Adults who keep their promises.', 'Time to move and get rid of energy.'],
  strengths: ['Kind to younger children and good at helping.', 'Very creative; brilliant at building.', 'Funny and good at making friends laugh.', 'Knows a lot about animals.'],
  interests: ['Minecraft, dinosaurs and drawing.', 'Football and swimming.', 'Cooking and baking with nan.', 'Lego and superheroes.'],
  whatHelps: ['A quiet word, not in front of others.', 'A job to do when I feel wobbly.', 'Being told what is next and a timer.', 'A movement break and a drink of water.'],
  whatDoesNotHelp: ['Shouting or lots of talking at once.', 'Surprises and changes without warning.', 'Being told off in front of the class.', 'Waiting a long time with nothing to do.'],
  signsStruggling: ['Goes quiet and pulls my hood up.', 'Gets fidgety and starts humming.', 'Says work is boring and pushes it away.', 'Walks around the room and touches things.'],
  howToHelp: ['Give me space and then offer the calm corner.', 'Offer a choice of two things.', 'Use my name calmly and show me the card.', 'Let me go for a walk with an adult.'],
  whoITrust: ['My keyworker and my nan.', 'Mum and Mr Dale the caretaker.', 'My class TA and my big sister.', 'My keyworker.'],
} as const;

export const VIEW_TEXT = {
  pupil: ['I like it here because it is calm. I want to get better at not getting cross.', 'I want to go back to my school and have friends.', 'I like the breakfast club and the Lego.'],
  parents: ['Mum says mornings are hard and she wants help with getting ready for school.', 'Dad would like weekly updates by phone.', 'Nan says things are better at home since the placement started.'],
  homeSchool: ['The class teacher would like strategies they can use with the whole class.', 'The SENCo wants a phased return planned together.', 'School reports a difficult autumn with several suspensions.'],
} as const;

export const EVIDENCE = [
  'Seen in class observations and the daily log.',
  'Keyworker notes and the behaviour tracker show fewer incidents.',
  'Home school reports the same on the home-school day.',
  'Some good weeks, some harder after the holiday.',
  'Needs prompting still; managed it independently twice.',
];

export const NEXT_STEPS = [
  'Keep the same provision and review in six weeks.',
  'Reduce adult prompts; share the strategy with home school.',
  'Add a visual reminder to the desk.',
  'Try the strategy at the home school on Fridays.',
];

export const ATTENDEES = ['Parent, class teacher, keyworker', 'Mum, home school SENCo, keyworker', 'Nan, keyworker, class teacher, pupil for part', 'Dad, keyworker'];
