import { TidewatchError } from '../../../core/errors.js';
import { cikNumber, edgarDate, optionalNumber } from './fields.js';
import type { AmendmentType, CoverPage, OtherManager } from './types.js';
import { child, childText, find, findAll, type XmlElement } from './xml-scan.js';

export function coverFromElement(root: XmlElement, where: string): CoverPage {
  if (root.name !== 'edgarSubmission') {
    throw new TidewatchError(
      'bad-input',
      `${where}: expected an <edgarSubmission> cover page, found <${root.name}>`,
    );
  }
  const header = child(root, 'headerData');
  const form = child(root, 'formData');
  const cover = form ? child(form, 'coverPage') : undefined;
  if (!header || !form || !cover) {
    throw new TidewatchError('bad-input', `${where}: cover page lacks headerData/formData/coverPage`);
  }
  const submissionType = childText(header, 'submissionType');
  if (!submissionType) throw new TidewatchError('bad-input', `${where}: cover page has no <submissionType>`);
  const periodRaw = childText(cover, 'reportCalendarOrQuarter') ?? find(header, 'periodOfReport')?.text;
  if (!periodRaw)
    throw new TidewatchError('bad-input', `${where}: cover page has no <reportCalendarOrQuarter>`);
  const credentials = find(header, 'credentials');
  const amendmentTypeRaw = find(cover, 'amendmentType')?.text?.toUpperCase();
  let amendmentType: AmendmentType | null = null;
  if (amendmentTypeRaw === 'RESTATEMENT' || amendmentTypeRaw === 'NEW HOLDINGS')
    amendmentType = amendmentTypeRaw;
  else if (amendmentTypeRaw) {
    throw new TidewatchError(
      'bad-input',
      `${where}: amendmentType must be RESTATEMENT or NEW HOLDINGS, got '${amendmentTypeRaw}'`,
    );
  }
  const isAmendmentText = childText(cover, 'isAmendment');
  const summary = child(form, 'summaryPage');
  const signature = child(form, 'signatureBlock');
  const sigDate = signature ? childText(signature, 'signatureDate') : undefined;
  const managers: OtherManager[] = [];
  for (const m2 of summary ? findAll(summary, 'otherManager2') : []) {
    const m = child(m2, 'otherManager');
    managers.push(
      manager(m ?? m2, optionalNumber(childText(m2, 'sequenceNumber'), `${where} sequenceNumber`)),
    );
  }
  const info = child(cover, 'otherManagersInfo');
  for (const m of info ? findAll(info, 'otherManager') : []) managers.push(manager(m, null));
  return {
    submissionType: submissionType.toUpperCase(),
    cik: cikNumber(credentials ? childText(credentials, 'cik') : undefined),
    periodOfReport: edgarDate(periodRaw, `${where} reportCalendarOrQuarter`),
    filingManager: find(cover, 'filingManager')
      ? (childText(find(cover, 'filingManager')!, 'name') ?? '')
      : '',
    reportType: (childText(cover, 'reportType') ?? '').toUpperCase(),
    // Absent element: an amendment is still recognisable from the form type.
    isAmendment: isAmendmentText ? /^(true|y|1)$/i.test(isAmendmentText) : /\/A$/i.test(submissionType),
    amendmentNo: optionalNumber(childText(cover, 'amendmentNo'), `${where} amendmentNo`),
    amendmentType,
    fileNumber: childText(cover, 'form13FFileNumber') ?? null,
    signatureDate: sigDate ? edgarDate(sigDate, `${where} signatureDate`) : null,
    tableEntryTotal: summary
      ? optionalNumber(childText(summary, 'tableEntryTotal'), `${where} tableEntryTotal`)
      : null,
    tableValueTotal: summary
      ? optionalNumber(childText(summary, 'tableValueTotal'), `${where} tableValueTotal`)
      : null,
    otherManagers: managers,
    additionalInformation: childText(cover, 'additionalInformation') ?? null,
  };
}

function manager(el: XmlElement, sequence: number | null): OtherManager {
  return {
    sequence,
    cik: cikNumber(childText(el, 'cik')),
    fileNumber: childText(el, 'form13FFileNumber') ?? null,
    name: childText(el, 'name') ?? '',
  };
}
