import { describeEveryCallBy } from './every-call';

describeEveryCallBy('administrator');
