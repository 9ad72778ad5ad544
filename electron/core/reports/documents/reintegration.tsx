import { StyleSheet, View } from '@react-pdf/renderer';
import { Text } from './text';
import { Fragment } from 'react';
import type { ReintegrationData } from '../kinds';
import { WeeklyLineChart } from '../charts/line-chart';
import { RatingsChart } from '../charts/ratings-chart';
import { SdqBars } from '../charts/sdq-bars';
import { FramedDocument, MUTED } from './page-frame';
import { DataTable, Heading, LabelledTable, NoneYet, Plain, Subheading } from './report-parts';

/** A4 less the page frame's 40 pt margins. */
const WIDTH = 515;
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

const s = StyleSheet.create({
  title: { fontSize: 22, fontWeight: 'bold' },
  subtitle: { fontSize: 11, marginTop: 3, marginBottom: 10, color: MUTED },
  figures: { flexDirection: 'row', marginTop: 4, marginBottom: 8 },
  figureBox: { flex: 1, borderWidth: 0.75, borderColor: '#666666', padding: 6, marginRight: 8 },
  figureBoxLast: { flex: 1, borderWidth: 0.75, borderColor: '#666666', padding: 6 },
  figureHead: { fontSize: 9, fontWeight: 'bold', marginBottom: 3 },
  figure: { fontSize: 9, marginBottom: 1 },
  big: { fontSize: 16, fontWeight: 'bold', marginBottom: 2 },
  signRow: { flexDirection: 'row', borderBottomWidth: 0.75, borderBottomColor: '#666666', paddingVertical: 10, alignItems: 'flex-end' },
  signRole: { width: 150, fontSize: 9, fontWeight: 'bold' },
  signField: { flex: 1, fontSize: 8, color: MUTED, marginRight: 8 },
  signDate: { width: 90, fontSize: 8, color: MUTED },
  recommendations: { fontSize: 10, lineHeight: 1.4 },
});

function Attendance({ data }: { data: ReintegrationData }) {
  const a = data.attendance;
  return (
    <View>
      <View style={s.figures} wrap={false}>
        <View style={s.figureBox}>
          <Text style={s.figureHead}>During the placement at the Key</Text>
          {a.figures ? (
            <>
              <Text style={s.big}>{a.figures.percent}</Text>
              <Text style={s.figure}>Attended {a.figures.attended} of {a.figures.possible} possible sessions</Text>
            </>
          ) : (
            <NoneYet>No attendance recorded at the Key yet.</NoneYet>
          )}
        </View>
        <View style={s.figureBoxLast}>
          <Text style={s.figureHead}>In the term before the placement</Text>
          {a.before ? (
            <>
              <Text style={s.big}>{a.before.attendance}</Text>
              <Text style={s.figure}>Suspensions: {a.before.suspensions}</Text>
            </>
          ) : (
            <NoneYet>Not recorded.</NoneYet>
          )}
        </View>
      </View>
      {a.figures && (
        <WeeklyLineChart chart={a.chart} width={WIDTH} height={150} title={<Subheading inChart>Weekly attendance at the Key</Subheading>} />
      )}
    </View>
  );
}

function Outcomes({ data }: { data: ReintegrationData }) {
  if (!data.outcomes) return <NoneYet>{data.outcomesNone ?? ''}</NoneYet>;
  const reviews = data.outcomes.reviews.length;
  return (
    <View>
      <DataTable table={data.outcomes.table} widths={[Math.max(2.4, reviews * 0.6), ...data.outcomes.reviews.map(() => 1)]} />
      <RatingsChart chart={data.outcomes} width={WIDTH} height={150} title={<Subheading inChart>Ratings across the reviews (−2 to +2)</Subheading>} />
    </View>
  );
}

function Measures({ data }: { data: ReintegrationData }) {
  return (
    <>
      {data.sdq.length === 0 && <NoneYet>{data.sdqNone ?? ''}</NoneYet>}
      {data.sdq.map((chart) => (
        <Fragment key={chart.version}>
          <SdqBars chart={chart} width={WIDTH} title={<Subheading inChart>{chart.title}</Subheading>} />
          <View style={{ marginTop: 4 }}>
            <DataTable table={chart.table} widths={chart.latest ? [1.3, 1.3, 1.3, 0.6, 2.6] : [1.3, 1.3, 2.6]} caption={false} />
          </View>
        </Fragment>
      ))}
      <Subheading>Leuven scales of wellbeing and involvement</Subheading>
      {data.leuven ? <DataTable table={data.leuven} caption={false} /> : <NoneYet>No Leuven observation recorded yet.</NoneYet>}
      <Subheading>Boxall Profile</Subheading>
      {data.boxall ? <DataTable table={data.boxall} widths={[3, 1, 1]} caption={false} /> : <NoneYet>No Boxall Profile recorded yet.</NoneYet>}
    </>
  );
}

function SignOff({ data }: { data: ReintegrationData }) {
  return (
    <View wrap={false}>
      <Heading>Sign-off</Heading>
      <Plain>We have read this report and agree the return and the follow-up visits set out above.</Plain>
      {data.signOff.map((who) => (
        <View key={who.role} style={s.signRow}>
          <Text style={s.signRole}>{who.role}</Text>
          <Text style={s.signField}>Name: {who.name}</Text>
          <Text style={s.signField}>Signature:</Text>
          <Text style={s.signDate}>Date:</Text>
        </View>
      ))}
    </View>
  );
}

/** The reintegration report for the home school and the family, drawn from `buildReintegrationData`. */
export function ReintegrationDocument({ data }: { data: ReintegrationData }) {
  return (
    <FramedDocument title="Reintegration report" subject={data.pupilName} producedAt={data.producedAt}>
      <Text style={s.title}>Reintegration report</Text>
      <Text style={s.subtitle}>{data.pupilName}: the return to the home school from the Key</Text>
      <LabelledTable rows={data.cover} />

      <Heading>Summary of needs</Heading>
      {data.noPlan && <NoneYet>{data.noPlan}</NoneYet>}
      {data.needs.length > 0 ? <LabelledTable rows={data.needs} /> : !data.noPlan && <NoneYet>No needs are written in the plan yet.</NoneYet>}

      <Heading>What has helped</Heading>
      {data.helped.length > 0 ? <LabelledTable rows={data.helped} /> : <NoneYet>{data.noPlan ?? 'Nothing is written in the plan’s “About me” yet.'}</NoneYet>}

      <Heading>Attendance</Heading>
      <Attendance data={data} />

      <Heading>My Support Plan outcomes</Heading>
      <Outcomes data={data} />

      <Heading pageBreak={data.sdq.length > 0}>SEMH measures at baseline and exit</Heading>
      <Measures data={data} />

      <Heading>Recommendations for the school</Heading>
      {data.recommendations ? <Text style={s.recommendations}>{data.recommendations}</Text> : <NoneYet>No recommendations have been written yet.</NoneYet>}

      <Heading>Phased return timetable</Heading>
      {data.timetable.length > 0 ? (
        <DataTable
          table={{ caption: 'Where the pupil is each day, week by week', columns: ['Weeks', 'Dates', ...DAYS], rows: data.timetable.map((w) => [w.weeks, w.dates, ...w.days]) }}
          widths={[1.1, 2, 1, 1, 1, 1, 1]}
        />
      ) : (
        <NoneYet>{data.timetableNone ?? ''}</NoneYet>
      )}

      <Heading>Follow-up visits agreed</Heading>
      {data.followUps ? <DataTable table={data.followUps} widths={[2, 1, 1, 1.1]} caption={false} /> : <NoneYet>{data.followUpsNone ?? ''}</NoneYet>}

      <SignOff data={data} />
    </FramedDocument>
  );
}
