import { describeEveryCallBy } from './every-call';

describeEveryCallBy('locked');
