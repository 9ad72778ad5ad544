import { StyleSheet, View } from '@react-pdf/renderer';
import { Text } from './text';
import type { ChartTable } from '../../../../shared/domain/attendance-charts';
import type { LabelledText } from '../reintegration-data';
import { MUTED } from './page-frame';

const BORDER = '#666666';

const s = StyleSheet.create({
  heading: { fontSize: 13, fontWeight: 'bold', marginTop: 14, marginBottom: 5, paddingBottom: 2, borderBottomWidth: 1, borderBottomColor: '#000000' },
  subheading: { fontSize: 10.5, fontWeight: 'bold', marginTop: 8, marginBottom: 3 },
  plain: { fontSize: 10, lineHeight: 1.35 },
  none: { fontSize: 10, fontStyle: 'italic', color: MUTED, marginTop: 2 },
  caption: { fontSize: 8.5, color: MUTED, marginBottom: 2 },
  table: { borderWidth: 0.75, borderColor: BORDER, borderBottomWidth: 0 },
  row: { flexDirection: 'row', borderBottomWidth: 0.75, borderBottomColor: BORDER },
  head: { backgroundColor: '#eeeeee' },
  cell: { paddingVertical: 3, paddingHorizontal: 4, fontSize: 8.5, borderRightWidth: 0.75, borderRightColor: BORDER },
  cellLast: { paddingVertical: 3, paddingHorizontal: 4, fontSize: 8.5 },
  bold: { fontWeight: 'bold' },
  labelCell: { width: 150, paddingVertical: 3.5, paddingHorizontal: 5, fontSize: 9, fontWeight: 'bold', backgroundColor: '#f3f3f3', borderRightWidth: 0.75, borderRightColor: BORDER },
  textCell: { flex: 1, paddingVertical: 3.5, paddingHorizontal: 5, fontSize: 9.5, lineHeight: 1.3 },
});

/** A section's heading: kept with at least a few lines of what follows it. */
export function Heading({ children, pageBreak }: { children: string; pageBreak?: boolean }) {
  return (
    <Text style={s.heading} minPresenceAhead={60} break={pageBreak ?? false}>
      {children}
    </Text>
  );
}

/** A subheading, kept with a few lines of what follows (a chart takes its title inside it instead). */
export function Subheading({ children, inChart = false }: { children: string; inChart?: boolean }) {
  return (
    <Text style={s.subheading} minPresenceAhead={inChart ? 0 : 40}>
      {children}
    </Text>
  );
}

/** What a section says when nothing is recorded for it. */
export function NoneYet({ children }: { children: string }) {
  return <Text style={s.none}>{children}</Text>;
}

export function Plain({ children }: { children: string }) {
  return <Text style={s.plain}>{children}</Text>;
}

/** Labels down the left, words on the right, with borders. */
export function LabelledTable({ rows }: { rows: readonly LabelledText[] }) {
  return (
    <View style={s.table}>
      {rows.map((r, i) => (
        <View key={i} style={s.row} wrap={false}>
          <Text style={s.labelCell}>{r.label}</Text>
          <Text style={s.textCell}>{r.text}</Text>
        </View>
      ))}
    </View>
  );
}

/** A chart's numbers as a bordered table, header row shaded; `widths` are flex weights per column. */
export function DataTable({ table, widths, caption = true }: { table: ChartTable; widths?: readonly number[]; caption?: boolean }) {
  const flexOf = (i: number) => widths?.[i] ?? 1;
  const cells = (values: readonly string[], head: boolean) =>
    values.map((v, i) => (
      <Text key={i} style={[i === values.length - 1 ? s.cellLast : s.cell, { flex: flexOf(i) }, ...(head ? [s.bold] : [])]}>
        {v}
      </Text>
    ));
  return (
    <View>
      {caption && <Text style={s.caption}>{table.caption}</Text>}
      <View style={s.table}>
        <View style={[s.row, s.head]} wrap={false} fixed={false}>
          {cells(table.columns, true)}
        </View>
        {table.rows.map((row, i) => (
          <View key={i} style={s.row} wrap={false}>
            {cells(row, false)}
          </View>
        ))}
      </View>
    </View>
  );
}

