/**
 * `@pengaduan/documents`: the SOP's outputs as PDFs in an immigration office's official layout
 * (letterhead, numbered title, field table, signature block), rendered with pdfkit in the
 * embedded DejaVu fonts, deterministic byte for byte. This file is the only public surface.
 *
 * @packageDocumentation
 */
export { DOCUMENT_KINDS, DOCUMENT_TITLES, isDocumentKind } from './lib/document-types';
export type { DocumentKind, DocumentCommon, DocumentInput, RenderedDocument, Signatory, OfficeProfile } from './lib/document-types';
export { OfficeDirectory } from './lib/offices/office-directory';
export { OfficeProfileClient, officeProfileFromWire, officeProfileToWire } from './lib/offices/office-profile-wire';
export { renderDocument } from './lib/render/render-document';
export { derivedDocumentNumber } from './lib/document-number';
export { formatIndonesianDate, formatIndonesianDateOnly, formatIndonesianDateTime } from './lib/indonesian-date';
export { PdfWriter } from './lib/pdf/pdf-writer';
export type { Column as PdfColumn, LabelledLine as PdfLabelledLine } from './lib/pdf/pdf-writer';
export { DocumentError } from './lib/errors';
export type { DocumentErrorCode } from './lib/errors';

// The producing services' side (src/lib/store/, written alongside by the services' work): the
// `complaint_document` table, storing a rendered document in the command's transaction, serving
// it over gRPC, which event records which document, and the services' office-profiles setting.
export { COMPLAINT_DOCUMENT_MIGRATIONS, ComplaintDocumentMigration1795801000000, renderAndStoreDocument, storeDocument, findDocument, complaintDocumentsGrpcService } from './lib/store/complaint-documents';
export type { StoredDocument } from './lib/store/complaint-documents';
export { DOCUMENT_RECORDED_BY, DOCUMENT_PRODUCER, documentKindRecordedBy, documentKindsProducedBy } from './lib/store/document-events';
export { signatoryFor, OFFICE_PROFILES_SETTING } from './lib/store/service-documents';
