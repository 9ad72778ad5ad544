import { StyleSheet, View } from '@react-pdf/renderer';
import { Text } from './text';
import { BarChart } from '../charts/bar-chart';
import type { ImpactData, ImpactSection, ReportTable } from '../kinds';
import { FramedDocument, MUTED, RULE } from './page-frame';

const s = StyleSheet.create({
  title: { fontSize: 20, fontWeight: 'bold' },
  subtitle: { fontSize: 11, marginTop: 2 },
  period: { fontSize: 9.5, color: MUTED, marginTop: 2, marginBottom: 6 },
  section: { marginTop: 10 },
  heading: { fontSize: 13, fontWeight: 'bold', borderBottomWidth: 1, borderBottomColor: '#000000', paddingBottom: 2, marginBottom: 4 },
  intro: { fontSize: 9, color: MUTED, marginBottom: 5 },
  figures: { flexDirection: 'row', flexWrap: 'wrap', borderWidth: 1, borderColor: '#000000', marginBottom: 6 },
  figure: { width: '25%', padding: 5, borderRightWidth: 0.5, borderRightColor: RULE },
  figureValue: { fontSize: 12, fontWeight: 'bold' },
  figureLabel: { fontSize: 7.5 },
  empty: { fontSize: 10, padding: 6, borderWidth: 0.75, borderColor: RULE },
  note: { fontSize: 8, color: MUTED, marginTop: 3 },
  headRow: { flexDirection: 'row', borderBottomWidth: 1, borderBottomColor: '#000000', paddingVertical: 2, fontSize: 7.5, fontWeight: 'bold' },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: RULE, paddingVertical: 2, fontSize: 8 },
  // Room on both sides of every cell, and more before words, so a figure never runs into the next column's words.
  first: { flex: 2.2, paddingRight: 6 },
  number: { flex: 1, paddingHorizontal: 6, textAlign: 'right' },
  words: { flex: 1.4, paddingLeft: 12, paddingRight: 6 },
  chart: { marginTop: 2, marginBottom: 6 },
});

/** Room for the header row and the first data row below it, in points: less than that left, the table starts on the next page. */
const HEADER_WITH_A_ROW = 30;

/**
 * A table whose header row is drawn again at the top of each page the table runs on to (a `fixed`
 * child repeats on every page its parent spans). react-pdf never moves a fixed row on to the next
 * page, so the empty view before it asks for room for the header and one row, or starts a new page.
 */
function Table({ table }: { table: ReportTable }) {
  const style = (c: number) => (c === 0 ? s.first : table.textColumns?.includes(c) ? s.words : s.number);
  return (
    <>
      <View minPresenceAhead={HEADER_WITH_A_ROW} />
      <View>
        <View style={s.headRow} fixed wrap={false}>
          {table.columns.map((col, c) => (
            <Text key={c} style={style(c)}>
              {col}
            </Text>
          ))}
        </View>
        {table.rows.map((row, r) => (
          <View key={r} style={s.row} wrap={false}>
            {row.map((cell, c) => (
              <Text key={c} style={style(c)}>
                {cell}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </>
  );
}

function Section({ section }: { section: ImpactSection }) {
  return (
    <View style={s.section}>
      <View wrap={false}>
        <Text style={s.heading}>{section.heading}</Text>
        <Text style={s.intro}>{section.intro}</Text>
        {section.empty !== null ? (
          <Text style={s.empty}>{section.empty}</Text>
        ) : (
          section.figures.length > 0 && (
            <View style={s.figures}>
              {section.figures.map((f) => (
                <View key={f.label} style={s.figure}>
                  <Text style={s.figureValue}>{f.value}</Text>
                  <Text style={s.figureLabel}>{f.label}</Text>
                </View>
              ))}
            </View>
          )
        )}
      </View>
      {section.empty === null && section.chart && (
        <View style={s.chart} wrap={false}>
          <BarChart chart={section.chart} />
        </View>
      )}
      {section.empty === null && section.table && <Table table={section.table} />}
      {section.notes.map((note) => (
        <Text key={note} style={s.note}>
          {note}
        </Text>
      ))}
    </View>
  );
}

/** What the Key's placements achieved in an academic year, at one base or all: what the local authority asks the Key to evidence. */
export function ImpactDocument({ data }: { data: ImpactData }) {
  const subject = `Impact report ${data.yearLabel}: ${data.scopeName}`;
  return (
    <FramedDocument title="Impact report" subject={subject} producedAt={data.producedAt}>
      <Text style={s.title}>Impact report {data.yearLabel}</Text>
      <Text style={s.subtitle}>{data.scopeName}</Text>
      <Text style={s.period}>Placements running from {data.period}. Every figure is worked out from what Key Desk holds.</Text>
      {data.sections.map((section) => (
        <Section key={section.heading} section={section} />
      ))}
    </FramedDocument>
  );
}
