import { describeEveryCallBy } from './every-call';

describeEveryCallBy('manager');
