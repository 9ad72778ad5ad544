import { describeEveryCallBy } from './every-call';

describeEveryCallBy('not signed in');
