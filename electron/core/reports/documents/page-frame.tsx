import { Document, Page, StyleSheet, View } from '@react-pdf/renderer';
import { Text } from './text';
import type { ReactNode } from 'react';
import { REPORT_FONTS } from '../fonts';

export const INK = '#1a1a1a';
export const MUTED = '#555555';
export const RULE = '#999999';

const styles = StyleSheet.create({
  page: { fontFamily: REPORT_FONTS, fontSize: 10, color: INK, paddingTop: 56, paddingBottom: 52, paddingHorizontal: 40 },
  header: {
    position: 'absolute',
    top: 22,
    left: 40,
    right: 40,
    flexDirection: 'row',
    justifyContent: 'space-between',
    borderBottomWidth: 0.75,
    borderBottomColor: RULE,
    paddingBottom: 4,
    fontSize: 9,
  },
  marking: { fontWeight: 'bold', letterSpacing: 0.5 },
  footer: {
    position: 'absolute',
    bottom: 22,
    left: 40,
    right: 40,
    flexDirection: 'row',
    justifyContent: 'space-between',
    borderTopWidth: 0.75,
    borderTopColor: RULE,
    paddingTop: 4,
    fontSize: 8,
    color: MUTED,
  },
});

export interface FrameProps {
  /** The document's title in the PDF's properties. */
  title: string;
  /** Whose report it is, on every page's header: the pupil's or the base's name. */
  subject: string;
  /** dd/mm/yyyy HH:MM, in every page's footer. */
  producedAt: string;
  children: ReactNode;
}

/**
 * A4 pages with the protective marking and the subject in the header, and "Page x of y" with the date
 * produced in the footer, on every page.
 */
export function FramedDocument({ title, subject, producedAt, children }: FrameProps) {
  return (
    <Document title={`${title} - ${subject}`} author="Key Desk" creator="Key Desk" producer="Key Desk" language="en-GB">
      <Page size="A4" style={styles.page} wrap>
        <View style={styles.header} fixed>
          <Text style={styles.marking}>OFFICIAL-SENSITIVE</Text>
          <Text>{subject}</Text>
        </View>
        {children}
        <View style={styles.footer} fixed>
          <Text>Produced by Key Desk on {producedAt}</Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}
