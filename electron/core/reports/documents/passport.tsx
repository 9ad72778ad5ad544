import { StyleSheet, View } from '@react-pdf/renderer';
import { Text } from './text';
import type { PassportData } from '../kinds';
import { FramedDocument, MUTED, RULE } from './page-frame';

const s = StyleSheet.create({
  title: { fontSize: 18, fontWeight: 'bold' },
  subtitle: { fontSize: 9.5, color: MUTED, marginTop: 2, marginBottom: 8 },
  box: { borderWidth: 1, borderColor: '#000000', flexDirection: 'row', flexWrap: 'wrap', paddingHorizontal: 6, paddingVertical: 4, marginBottom: 8 },
  fact: { width: '33.3%', paddingVertical: 2, paddingRight: 6 },
  factLabel: { fontSize: 7.5, color: MUTED },
  factValue: { fontSize: 9.5, fontWeight: 'bold' },
  section: { borderLeftWidth: 2.5, borderLeftColor: '#000000', paddingLeft: 7, paddingVertical: 1, marginBottom: 7 },
  heading: { fontSize: 11, fontWeight: 'bold', marginBottom: 1.5 },
  empty: { color: MUTED },
  note: { fontSize: 8, color: MUTED, marginTop: 4, borderTopWidth: 0.5, borderTopColor: RULE, paddingTop: 3 },
});

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View style={s.fact}>
      <Text style={s.factLabel}>{label}</Text>
      <Text style={s.factValue}>{value}</Text>
    </View>
  );
}

/** One page for the home school's staff: who the pupil is and how to help them, in their plan's words. No photo. */
export function PassportDocument({ data }: { data: PassportData }) {
  const body = { fontSize: data.fontSize, lineHeight: 1.3 };
  return (
    <FramedDocument title="Pupil passport" subject={data.pupilName} producedAt={data.producedAt}>
      <Text style={s.title}>Pupil passport: {data.pupilName}</Text>
      <Text style={s.subtitle}>
        For staff at the home school: what helps {data.pupilName} and how to support them.{' '}
        {data.planSource ? `From ${data.planSource}.` : 'There is no My Support Plan for this placement yet.'}
      </Text>
      <View style={s.box}>
        <Fact label="Name" value={data.pupilName} />
        <Fact label="Year group" value={data.yearGroup} />
        <Fact label="Home school" value={data.homeSchoolName} />
        <Fact label="Base at the Key" value={data.baseName} />
        <Fact label="Keyworker" value={data.keyworkerName} />
      </View>
      {data.sections.map((section) => (
        <View key={section.heading} style={s.section} wrap={false}>
          <Text style={s.heading}>{section.heading}</Text>
          <Text style={section.empty ? [body, s.empty] : body}>{section.text}</Text>
        </View>
      ))}
      {data.shortened && (
        <Text style={s.note}>Some sections are shortened (…) to fit one page: the full words are in the pupil's My Support Plan at the Key.</Text>
      )}
    </FramedDocument>
  );
}
