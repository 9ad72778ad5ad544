import { describe, expect, it } from 'vitest';
import { schoolMatchKey } from '../../../shared/domain/schools';

describe('schoolMatchKey', () => {
  it('gives one school written the ways staff write it the same key', () => {
    const same = (a: string, b: string) => expect(schoolMatchKey(a), `${a} / ${b}`).toBe(schoolMatchKey(b));
    same('Elmfield Primary', 'Elmfield Primary School');
    same('Elmfield', 'ELMFIELD PRIMARY SCHOOL.');
    same('St Mary & St John RC Primary', "Saint Mary and St. John's RC Primary School");
    same('The Westwood School', 'Westwood');
    same('Ernesford Grange Community', 'Ernesford  Grange  Community  Primary');
    same('Sainte-Thérèse', 'Sainte Therese');
  });

  it('keeps apart schools that differ in more than those words', () => {
    const different = (a: string, b: string) => expect(schoolMatchKey(a), `${a} / ${b}`).not.toBe(schoolMatchKey(b));
    different('Elmfield Infant School', 'Elmfield Junior School');
    different('Elmfield Infant School', 'Elmfield Primary School');
    different('Whitley Abbey Primary', 'Whitley Academy');
    different('Stoke Heath Primary', 'Stoke Primary');
  });

  it('keeps a name made only of those words', () => {
    expect(schoolMatchKey('The Primary School')).toBe('the primary school');
  });
});
