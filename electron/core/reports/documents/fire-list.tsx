import { StyleSheet, View } from '@react-pdf/renderer';
import { Text } from './text';
import type { FireListData, FireListPupil, FireListStaff } from '../kinds';
import { FramedDocument, MUTED, RULE } from './page-frame';

const s = StyleSheet.create({
  title: { fontSize: 20, fontWeight: 'bold' },
  subtitle: { fontSize: 11, marginTop: 2 },
  when: { fontSize: 10, color: MUTED, marginTop: 2 },
  counts: { flexDirection: 'row', borderWidth: 1.5, borderColor: '#000000', marginTop: 10, marginBottom: 6 },
  count: { flex: 1, padding: 6, borderRightWidth: 0.75, borderRightColor: RULE },
  countLast: { flex: 1, padding: 6 },
  countNumber: { fontSize: 18, fontWeight: 'bold' },
  countWords: { fontSize: 8 },
  heading: { fontSize: 12, fontWeight: 'bold', marginTop: 10, marginBottom: 3 },
  note: { fontSize: 8.5, color: MUTED, marginBottom: 3 },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: RULE, paddingVertical: 2.5, alignItems: 'center' },
  headRow: { flexDirection: 'row', borderBottomWidth: 1, borderBottomColor: '#000000', paddingVertical: 2, fontSize: 8, fontWeight: 'bold' },
  tick: { width: 11, height: 11, borderWidth: 1, borderColor: '#000000', marginRight: 8 },
  tickHead: { width: 19 },
  name: { flex: 3 },
  year: { flex: 1.2 },
  mark: { flex: 1.6 },
  school: { flex: 3, color: MUTED },
  plain: { fontSize: 10, marginTop: 2 },
});

function Count({ value, words, last }: { value: number; words: string; last?: boolean }) {
  return (
    <View style={last ? s.countLast : s.count}>
      <Text style={s.countNumber}>{value}</Text>
      <Text style={s.countWords}>{words}</Text>
    </View>
  );
}

function PupilTable({ pupils, empty }: { pupils: FireListPupil[]; empty: string }) {
  if (pupils.length === 0) return <Text style={s.plain}>{empty}</Text>;
  return (
    <View>
      <View style={s.headRow}>
        <Text style={s.tickHead}>✓</Text>
        <Text style={s.name}>Name</Text>
        <Text style={s.year}>Year</Text>
        <Text style={s.mark}>Register</Text>
        <Text style={s.school}>Home school</Text>
      </View>
      {pupils.map((p, i) => (
        <View style={s.row} key={i} wrap={false}>
          <View style={s.tick} />
          <Text style={s.name}>{p.name}</Text>
          <Text style={s.year}>{p.yearGroup}</Text>
          <Text style={s.mark}>{p.mark || 'Not marked'}</Text>
          <Text style={s.school}>{p.homeSchoolName ?? ''}</Text>
        </View>
      ))}
    </View>
  );
}

function StaffList({ staff, empty }: { staff: FireListStaff[]; empty: string }) {
  if (staff.length === 0) return <Text style={s.plain}>{empty}</Text>;
  return (
    <View>
      {staff.map((m, i) => (
        <View style={s.row} key={i} wrap={false}>
          <View style={s.tick} />
          <Text style={s.name}>{m.name}</Text>
          <Text style={s.school}>{m.roles}</Text>
        </View>
      ))}
    </View>
  );
}

/** Who is on site at a base now, for the evacuation roll call: one page, ticked off at the assembly point. */
export function FireListDocument({ data }: { data: FireListData }) {
  const pupils = data.onSite.length + data.notYetMarked.length;
  return (
    <FramedDocument title="Fire list" subject={data.baseName} producedAt={data.producedAt}>
      <Text style={s.title}>Fire list: {data.baseName}</Text>
      <Text style={s.subtitle}>{data.session ?? `No register today (${data.noSchool ?? 'not a school day'}): no pupils are expected.`}</Text>
      <Text style={s.when}>Produced {data.producedAt}. Tick each person at the assembly point.</Text>
      <View style={s.counts}>
        <Count value={data.onSite.length} words="Pupils marked present" />
        <Count value={data.notYetMarked.length} words="Pupils expected, not yet marked" />
        <Count value={pupils} words="Pupils to account for" />
        <Count value={data.signedIn.length + data.baseStaff.length} words="Staff listed" last />
      </View>
      <Text style={s.heading}>Pupils on site (marked present or late)</Text>
      <PupilTable pupils={data.onSite} empty="No pupil is marked present in this session's register." />
      <Text style={s.heading}>Not yet marked: expected this session, check whether they are in</Text>
      <PupilTable pupils={data.notYetMarked} empty="None: every expected pupil has a mark." />
      {data.notOnSite > 0 && (
        <Text style={s.note}>
          {data.notOnSite === 1 ? '1 pupil is' : `${data.notOnSite} pupils are`} marked absent or off site in this register and not listed.
        </Text>
      )}
      <Text style={s.heading}>Staff</Text>
      <Text style={s.note}>Signed in to Key Desk on this PC:</Text>
      <StaffList staff={data.signedIn} empty="Nobody." />
      <Text style={[s.note, { marginTop: 6 }]}>Others who work at this base (Key Desk does not record who is in the building; check):</Text>
      <StaffList staff={data.baseStaff} empty="No other staff are listed at this base." />
    </FramedDocument>
  );
}
