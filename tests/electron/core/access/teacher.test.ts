import { describeEveryCallBy } from './every-call';

describeEveryCallBy('teacher');
