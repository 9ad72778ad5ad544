export { formatUkDate } from '../../shared/domain/dates';
export { count } from '../../shared/domain/words';
