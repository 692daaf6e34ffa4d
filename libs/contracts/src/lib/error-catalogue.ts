// The one list of the error codes the platform answers with (REST problem `code`, gRPC
// `x-error-code` and the public API's ErrorInfo). docs/errors.md is generated from it
// (`npm run generate`); a unit test fails on a code thrown anywhere that is not here.
// Self-contained (no imports): scripts/generate-error-docs.mjs loads it on its own, and the web
// app bundles it alone (`@pengaduan/contracts/error-catalogue`) to show each code's message.

/**
 * What went wrong, in terms every adapter can map: REST turns it into an HTTP status and an
 * RFC 9457 problem, gRPC into a status code with the details in metadata.
 */
export const ERROR_KINDS = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not-found',
  'conflict',
  'precondition-failed',
  'idempotency-mismatch',
  'rate-limited',
  'unavailable',
] as const;

/** See {@link ERROR_KINDS}. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** The HTTP status of each kind. */
export const HTTP_STATUS_OF_KIND: { readonly [K in ErrorKind]: number } = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409, // an illegal transition; the current state in the details
  'precondition-failed': 412, // the complaint moved past the version the client named
  'idempotency-mismatch': 422, // the key was used for another request
  'rate-limited': 429, // `retryAfterSeconds` in the details
  unavailable: 503,
};

/** The gRPC status names of the codes this catalogue uses, with their numbers (grpc/doc/statuscodes.md). */
export const GRPC_STATUS_NUMBERS = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/** A gRPC status name, e.g. `INVALID_ARGUMENT`. */
export type GrpcStatusName = keyof typeof GRPC_STATUS_NUMBERS;

/** The gRPC status of each kind. */
export const GRPC_STATUS_OF_KIND: { readonly [K in ErrorKind]: GrpcStatusName } = {
  invalid: 'INVALID_ARGUMENT',
  unauthenticated: 'UNAUTHENTICATED',
  forbidden: 'PERMISSION_DENIED',
  'not-found': 'NOT_FOUND',
  conflict: 'FAILED_PRECONDITION',
  'precondition-failed': 'ABORTED',
  'idempotency-mismatch': 'ALREADY_EXISTS',
  'rate-limited': 'RESOURCE_EXHAUSTED',
  unavailable: 'UNAVAILABLE',
};

/** One error code the platform answers with. */
export interface ErrorCatalogueEntry {
  /** The kind a `ServiceError` with this code has; `null` for a code only the HTTP edge answers (no `ServiceError`). */
  readonly kind: ErrorKind | null;
  /** The HTTP status it is answered with. */
  readonly httpStatus: number;
  /** The gRPC status it is answered with, or `null` when it never crosses gRPC. */
  readonly grpcStatus: GrpcStatusName | null;
  /** What it means, in English, for developers and the API's clients. */
  readonly meaning: string;
  /** What an officer or a reporter reads, in Bahasa Indonesia (the web app shows it for the code). */
  readonly messageId: string;
  /** The same for a reader of the web app in English: what went wrong and what to do, not how. */
  readonly messageEn: string;
}

/** A code a `ServiceError` carries: HTTP and gRPC status follow from the kind. */
function service<K extends ErrorKind>(kind: K, meaning: string, messageId: string, messageEn: string): ErrorCatalogueEntry & { readonly kind: K } {
  return { kind, httpStatus: HTTP_STATUS_OF_KIND[kind], grpcStatus: GRPC_STATUS_OF_KIND[kind], meaning, messageId, messageEn };
}

/** A code only the HTTP edge answers (the HTTP layer, the public webhooks). */
function http(httpStatus: number, meaning: string, messageId: string, messageEn: string): ErrorCatalogueEntry & { readonly kind: null } {
  return { kind: null, httpStatus, grpcStatus: null, meaning, messageId, messageEn };
}

/**
 * Every error code, by area. One spelling per meaning: a request whose fields break their
 * rules is `REQUEST.INVALID` wherever it is checked (the gateway's DTOs, a service's handler,
 * the public gRPC API); the code says what went wrong, the field violations say where.
 */
export const ERROR_CATALOGUE = {
  // The request as sent
  'REQUEST.INVALID': service(
    'invalid',
    "The request's fields break their rules (libs/sop FIELD_RULES and each command's own checks); `errors` (REST) or `BadRequest` (gRPC) names each field.",
    'Permintaan tidak dapat diproses; periksa isian yang ditandai.',
    'The request cannot be processed; check the marked fields.',
  ),
  'REQUEST.UNDECODABLE': service('invalid', 'The bytes sent are not a valid protobuf message of the method (public gRPC API).', 'Isi permintaan tidak dapat dibaca.', 'The content of the request cannot be read.'),
  'IDEMPOTENCY.KEY_REUSED': service(
    'idempotency-mismatch',
    'The Idempotency-Key (request id) was already used for a different request.',
    'Kunci idempotensi ini sudah dipakai untuk permintaan lain; kirim dengan kunci baru.',
    'This request clashes with an earlier one; send it again.',
  ),

  // The complaint and the SOP (libs/sop)
  'COMPLAINT.NOT_FOUND': service('not-found', 'There is no such complaint in the caller’s office (another office’s complaint is not revealed to exist).', 'Aduan tidak ditemukan di kantor Anda.', 'The complaint was not found in your office.'),
  'COMPLAINT.ILLEGAL_TRANSITION': service(
    'conflict',
    'The SOP does not allow this step in the complaint’s current status; `state` and `availableActions` say where it stands.',
    'Langkah ini tidak dapat dilakukan pada tahap aduan saat ini.',
    "This step cannot be taken at the complaint's current stage.",
  ),
  'COMPLAINT.LAPOR_NUMBER_TAKEN': service(
    'conflict',
    'A complaint with this SP4N-LAPOR! report number is already registered in the office (docs/adr/0055); `trackingNumber` names it.',
    'Nomor laporan LAPOR! ini sudah terdaftar di kantor Anda.',
    'This LAPOR! report number is already registered in your office.',
  ),
  'COMPLAINT.FORBIDDEN_ROLE': service('forbidden', 'The SOP never lets this role take this step.', 'Peran Anda tidak berwenang melakukan langkah ini.', 'Your role is not allowed to take this step.'),
  'COMPLAINT.INVALID_COMMAND': service(
    'invalid',
    'The command is well-formed but its data breaks a rule of the SOP (libs/sop `decide`), e.g. a section that is not on the disposition sheet or a team without one chair.',
    'Isian tidak sesuai dengan ketentuan SOP.',
    "What you entered does not follow the SOP's rules.",
  ),
  'COMPLAINT.NOT_CAUGHT_UP': service(
    'conflict',
    'The service has not yet applied the version of the complaint the client saw; retry with the same Idempotency-Key (docs/adr/0033).',
    'Data aduan sedang diperbarui; coba lagi sebentar lagi.',
    'The complaint is being updated; try again in a moment.',
  ),
  'COMPLAINT.VERSION_CONFLICT': service(
    'precondition-failed',
    'The complaint moved past the version named in If-Match; `version` is the current one.',
    'Aduan sudah diubah oleh orang lain; muat ulang halaman lalu coba lagi.',
    'Someone else has changed the complaint; reload the page and try again.',
  ),
  'COMPLAINT.PERSONAL_DATA': service(
    'invalid',
    "An officer's text gives away the reporter (name, phone, handle or e-mail); the fields are named.",
    'Teks memuat data pribadi pelapor; hapus data tersebut.',
    "The text contains the reporter's personal data; remove it.",
  ),
  'COMPLAINT.UNKNOWN_ORIGINAL': service('invalid', 'The complaint a duplicate is said to repeat is not one of the office.', 'Aduan asal yang disebut tidak ditemukan di kantor ini.', 'The original complaint you named was not found in this office.'),
  'DISPOSITION.UNKNOWN_SECTION': service('invalid', "A section of the disposition is not on the office's list of active sections.", 'Seksi yang dipilih tidak terdaftar di kantor ini.', 'The section you chose is not registered at this office.'),
  'DOCUMENT.NOT_FOUND': service('not-found', 'The complaint has no document of that kind (yet).', 'Dokumen belum tersedia untuk aduan ini.', 'This document is not available for the complaint yet.'),

  // The complainant's contact (libs/sop contact-access)
  'CONTACT.PURPOSE_NOT_ALLOWED': service(
    'forbidden',
    "This role may not read the complainant's contact for that purpose.",
    'Peran Anda tidak berwenang membuka kontak pelapor untuk keperluan ini.',
    "Your role is not allowed to open the reporter's contact for this purpose.",
  ),
  'CONTACT.ANONYMOUS': service(
    'forbidden',
    'The complainant asked to stay anonymous: only Admin Tikkim reads the contact.',
    'Pelapor meminta identitasnya dirahasiakan; hanya Admin Tikkim yang dapat membuka kontaknya.',
    'The reporter asked to stay anonymous; only Admin Tikkim can open their contact.',
  ),
  'CONTACT.REASON_REQUIRED': service('invalid', 'A break-glass read of the contact states its reason.', 'Tuliskan alasan membuka kontak pelapor.', "Write down why you are opening the reporter's contact."),
  'CONTACT.RESTRICTED': service(
    'forbidden',
    "The processing of the complainant's contact is restricted at their request (UU 27/2022): it is neither shown nor used.",
    'Pemrosesan kontak pelapor dibatasi atas permintaannya; kontak tidak ditampilkan dan tidak digunakan.',
    "The processing of the reporter's contact is restricted at their request; it is neither shown nor used.",
  ),
  'CONTACT.RESTRICTION_UNCHANGED': service('conflict', 'The contact is already restricted (or, for a lift, not restricted).', 'Status pembatasan kontak sudah seperti itu.', 'The contact restriction is already in that state.'),
  'CONTACT.CORRECTION_UNCHANGED': service('conflict', 'The correction changes no field of the contact.', 'Pembetulan tidak mengubah data kontak apa pun.', 'The correction changes nothing in the contact.'),

  // The data subject's requests (UU 27/2022, docs/adr/0056)
  'PERSONAL_DATA.ERASED': service(
    'conflict',
    'The complainant’s personal data was erased by destroying their data key (docs/adr/0057): their contact, messages and attachments can no longer be read or written; the complaint itself and its record stay.',
    'Data pribadi pelapor sudah dihapus dan tidak dapat dibaca lagi.',
    "The complainant's personal data was erased and can no longer be read.",
  ),
  'DESTRUCTION_RECORD.NOT_FOUND': service('not-found', 'No destruction record of the officer’s office has that id (docs/adr/0057).', 'Berita acara pemusnahan tidak ditemukan.', 'The destruction record was not found.'),
  'DATA_REQUEST.NOT_FOUND': service('not-found', 'No personal-data request of the office has that id.', 'Permintaan data pribadi tidak ditemukan.', 'The personal-data request was not found.'),
  'DATA_REQUEST.NOT_VERIFIED': service(
    'forbidden',
    "What the person read back from their channel does not match the complaint's contact.",
    'Verifikasi gagal: kode atau data yang disebutkan tidak cocok dengan kontak pada aduan.',
    "Verification failed: what the person gave does not match the complaint's contact.",
  ),
  'DATA_REQUEST.ANSWERED': service('conflict', 'The export of this request was handed over already.', 'Hasil permintaan ini sudah diserahkan.', 'The export of this request was already handed over.'),

  // Officers' logins and sessions
  'AUTH.MISSING_TOKEN': service('unauthenticated', 'The request carries no access token (REST `Authorization: Bearer`, gRPC `authorization` metadata).', 'Silakan masuk terlebih dahulu.', 'Please log in first.'),
  'AUTH.INVALID_TOKEN': service('unauthenticated', 'The access token is not valid (or its account is no longer active).', 'Sesi Anda tidak sah; silakan masuk kembali.', 'Your session is not valid; please log in again.'),
  'AUTH.TOKEN_EXPIRED': service('unauthenticated', 'The access token has expired.', 'Sesi Anda sudah berakhir; silakan masuk kembali.', 'Your session has expired; please log in again.'),
  'AUTH.TOKEN_REVOKED': service('unauthenticated', 'The access token was revoked (logout, password change or reset).', 'Sesi Anda sudah diakhiri; silakan masuk kembali.', 'Your session was ended; please log in again.'),
  'AUTH.INVALID_CREDENTIALS': service('unauthenticated', 'The username or the password is wrong.', 'Nama pengguna atau kata sandi salah.', 'The username or password is wrong.'),
  'AUTH.CHALLENGE_INVALID': service(
    'unauthenticated',
    'The login challenge of the second step is not valid or has expired.',
    'Waktu memasukkan kode sudah habis; silakan masuk kembali dengan kata sandi.',
    'The time to enter the code has run out; log in again with your password.',
  ),
  'AUTH.INVALID_SECOND_FACTOR': service('unauthenticated', 'The second-factor code of a login is wrong, expired or already used.', 'Kode salah, kedaluwarsa, atau sudah dipakai.', 'The code is wrong, expired or already used.'),
  'AUTH.NO_ACTOR': service('unauthenticated', 'An internal call names no valid acting officer.', 'Permintaan tidak menyebut petugas yang bertindak.', 'The request does not name the acting officer.'),
  'AUTH.OUT_OF_OFFICE_SCOPE': service('forbidden', "The caller acts for one office and the request is for another office's complaints.", 'Anda hanya dapat menangani aduan kantor Anda sendiri.', "You can only handle your own office's complaints."),
  'AUTH.RATE_LIMITED': service('rate-limited', 'Too many failed logins; `retryAfterSeconds` says when to try again.', 'Terlalu banyak percobaan masuk; coba lagi nanti.', 'Too many login attempts; try again later.'),
  'AUTH.PASSWORD_POLICY': service('invalid', 'The new password does not meet the password policy.', 'Kata sandi baru tidak memenuhi ketentuan.', 'The new password does not meet the requirements.'),
  'AUTH.WRONG_PASSWORD': service('invalid', 'The current password given to confirm a change is wrong.', 'Kata sandi saat ini salah.', 'The current password is wrong.'),
  'AUTH.WRONG_CODE': service('invalid', 'The second-factor code given to confirm a change (enrol, turn off) is wrong, expired or already used.', 'Kode salah, kedaluwarsa, atau sudah dipakai.', 'The code is wrong, expired or already used.'),
  'AUTH.NO_PENDING_ENROLMENT': service('conflict', 'A second-factor enrolment is confirmed that was never started.', 'Belum ada pendaftaran verifikasi dua langkah yang dimulai.', 'No two-step verification setup has been started.'),
  'AUTH.SECOND_FACTOR_ALREADY_ENABLED': service('conflict', 'A second factor is already active.', 'Verifikasi dua langkah sudah aktif.', 'Two-step verification is already on.'),
  'AUTH.SECOND_FACTOR_NOT_ENABLED': service('conflict', 'No second factor is active to turn off.', 'Verifikasi dua langkah belum aktif.', 'Two-step verification is not on.'),
  'AUTH.SECOND_FACTOR_UNREADABLE': service(
    'conflict',
    'The stored second factor cannot be read (its key is gone); use a recovery code.',
    'Verifikasi dua langkah tidak dapat dibaca; gunakan kode pemulihan.',
    'Your two-step verification cannot be read; use a recovery code.',
  ),
  'AUTH.SECOND_FACTOR_ENROLMENT_REQUIRED': service(
    'forbidden',
    "The office's policy requires a second factor for the role: enrol one first.",
    'Kebijakan kantor mewajibkan verifikasi dua langkah; aktifkan terlebih dahulu.',
    "Your office's policy requires two-step verification; turn it on first.",
  ),
  'AUTH.NOT_FOR_OPERATORS': service(
    'forbidden',
    "A platform operator's account reaches only the dead-lettered events and its own account: it sees no complaint and no contact data (docs/adr/0043).",
    'Akun Operator Platform tidak dapat membuka aduan.',
    "A platform operator's account cannot open complaints.",
  ),
  'AUTH.SECOND_FACTOR_REQUIRED_BY_POLICY': service(
    'forbidden',
    "The office's policy requires a second factor for the role: it cannot be turned off.",
    'Kebijakan kantor mewajibkan verifikasi dua langkah; tidak dapat dimatikan.',
    "Your office's policy requires two-step verification; it cannot be turned off.",
  ),

  // Officers' accounts and the processing record
  'ACCOUNT.FORBIDDEN_ROLE': service('forbidden', "Only the office's account administrator (or, for security logs, the head of office) may do this.", 'Peran Anda tidak berwenang mengelola akun ini.', 'Your role is not allowed to manage this account.'),
  'ACCOUNT.NOT_FOUND': service('not-found', 'There is no such account in the office.', 'Akun tidak ditemukan di kantor Anda.', 'The account was not found in your office.'),
  'ACCOUNT.USERNAME_TAKEN': service('conflict', 'The username is taken (the gateway CLI that creates accounts).', 'Nama pengguna sudah dipakai.', 'This username is already taken.'),
  'ACCOUNT.CANNOT_DEACTIVATE_SELF': service('conflict', 'An administrator cannot deactivate their own account.', 'Anda tidak dapat menonaktifkan akun Anda sendiri.', 'You cannot deactivate your own account.'),
  'ACCOUNT.LAST_HEAD_OF_OFFICE': service(
    'conflict',
    "The office's last active head of office cannot be given another role: the office would have no administrator (docs/adr/0042).",
    'Kepala Kantor terakhir yang aktif tidak dapat diberi peran lain; tetapkan Kepala Kantor lain terlebih dahulu.',
    "The office's last active head of office cannot be given another role; appoint another head of office first.",
  ),
  'SECTION.NOT_FOUND': service('not-found', 'The office has no section with this code (docs/adr/0042).', 'Seksi tidak ditemukan di kantor Anda.', 'The section was not found in your office.'),
  'SECTION.CODE_TAKEN': service(
    'conflict',
    'The office already has a section with this code, under another name or retired (docs/adr/0042).',
    'Kode seksi sudah dipakai di kantor ini.',
    'This section code is already used at this office.',
  ),
  'SECTION.RETIRED': service(
    'conflict',
    'The section is retired: it keeps its name on old sheets but is no longer renamed or offered (docs/adr/0042).',
    'Seksi sudah tidak aktif dan tidak dapat diubah.',
    'The section is retired and cannot be changed.',
  ),
  // The office's SLA policy and working calendar (docs/adr/0049).
  'SLA_POLICY.FORBIDDEN_ROLE': service('forbidden', "Only the head of office sets the office's SLA policy and working calendar (docs/adr/0049).", 'Hanya Kepala Kantor yang mengubah kebijakan SLA dan kalender kerja kantor.', "Only the head of office changes the office's SLA policy and working calendar."),
  'SLA_POLICY.VERSION_CONFLICT': service(
    'conflict',
    "The office's SLA policy was changed since the version named in If-Match; `version` is the current one (docs/adr/0049).",
    'Kebijakan SLA sudah diubah orang lain sejak Anda membukanya; muat ulang halaman, periksa, lalu simpan lagi.',
    'Someone else changed the SLA policy since you opened it; reload the page, check it and save again.',
  ),
  'SLA_POLICY.STEP_HOURS_OVER_SOP': service(
    'invalid',
    "A step's hours are longer than the SOP's (12 h per step, 72 h in all, 60 days): an office may shorten a step, never lengthen it; `errors` names each step (docs/adr/0049).",
    'Waktu langkah melebihi standar SOP. Kantor boleh mempersingkat waktu langkah, tetapi tidak boleh memperpanjangnya.',
    "A step's time is longer than the SOP allows. The office may shorten a step's time, never lengthen it.",
  ),
  'OFFICE_PROFILE.FORBIDDEN_ROLE': service(
    'forbidden',
    "Only the head of office changes the office's profile (its documents' letterhead and contact, docs/adr/0048); every officer of the office reads it.",
    'Hanya Kepala Kantor yang dapat mengubah profil kantor.',
    "Only the head of office can change the office's profile.",
  ),
  'OFFICE_PROFILE.VERSION_CONFLICT': service(
    'conflict',
    "The office's profile was changed since the version named in If-Match (docs/adr/0048); `version` in the details is the current one.",
    'Profil kantor sudah diubah oleh orang lain; muat ulang halaman, periksa isinya, lalu simpan lagi.',
    "Someone else has changed the office's profile; reload the page, check it, then save again.",
  ),
  'MESSAGE_TEMPLATE.TEXT_REFUSED': service(
    'invalid',
    "An office's text of a message to reporters is well-formed but breaks a rule of such texts (libs/sop `checkMessageTemplate`: a placeholder missing or unknown, too long for the channel, a control character, a phone number or e-mail address); `errors` names `body` with the rule (docs/adr/0050).",
    'Teks pesan belum dapat dipakai; periksa keterangan pada teksnya.',
    'The message text cannot be used yet; see the note on the text.',
  ),
  'MESSAGE_TEMPLATE.VERSION_CONFLICT': service(
    'conflict',
    'The text was changed since the version the request names (If-Match): read it again (docs/adr/0050).',
    'Teks pesan ini baru saja diubah orang lain; muat ulang dan periksa sebelum menyimpan.',
    'Someone else has just changed this message text; reload it and check before saving.',
  ),
  'MESSAGE_TEMPLATE.FORBIDDEN_ROLE': service(
    'forbidden',
    "Only the head of office words the office's messages to reporters; Admin Tikkim may read them (docs/adr/0050).",
    'Hanya Kepala Kantor yang dapat mengubah teks pesan kantor.',
    "Only the head of office can change the office's message texts.",
  ),
  'STATUS_MESSAGES.VERSION_CONFLICT': service(
    'conflict',
    "The office's status-message settings were changed since the version the request names (If-Match): read them again (docs/adr/0054).",
    'Pengaturan pesan status baru saja diubah orang lain; muat ulang dan periksa sebelum menyimpan.',
    'Someone else has just changed the status-message settings; reload them and check before saving.',
  ),
  'STATUS_MESSAGES.FORBIDDEN_ROLE': service(
    'forbidden',
    'Only the head of office turns status messages to reporters on or off; Admin Tikkim may read the settings (docs/adr/0054).',
    'Hanya Kepala Kantor yang dapat mengubah pengaturan pesan status.',
    'Only the head of office can change the status-message settings.',
  ),
  'APPEAL_WINDOW.VERSION_CONFLICT': service(
    'conflict',
    "The office's appeal window was changed since the version the request names (If-Match): read it again (docs/adr/0053).",
    'Masa banding baru saja diubah orang lain; muat ulang dan periksa sebelum menyimpan.',
    'Someone else has just changed the appeal window; reload it and check before saving.',
  ),
  'APPEAL_WINDOW.FORBIDDEN_ROLE': service(
    'forbidden',
    "Only the head of office sets the office's appeal window; Admin Tikkim may read it (docs/adr/0053).",
    'Hanya Kepala Kantor yang dapat mengubah masa banding.',
    'Only the head of office can change the appeal window.',
  ),
  'RETENTION_POLICY.VERSION_CONFLICT': service(
    'conflict',
    "The office's retention periods were changed since the version the request names (If-Match): read them again (docs/adr/0057).",
    'Masa retensi data baru saja diubah orang lain; muat ulang dan periksa sebelum menyimpan.',
    'Someone else has just changed the retention periods; reload them and check before saving.',
  ),
  'RETENTION_POLICY.FORBIDDEN_ROLE': service(
    'forbidden',
    "Only the head of office sets the office's retention periods; the auditor may read them (docs/adr/0057).",
    'Hanya Kepala Kantor yang dapat mengubah masa retensi data.',
    'Only the head of office can change the retention periods.',
  ),
  'PROCESSING_RECORD.FORBIDDEN_ROLE': service(
    'forbidden',
    'Only the head of office and the auditor read the processing record.',
    'Hanya kepala kantor dan auditor yang dapat membaca catatan pemrosesan.',
    'Only the head of office and the auditor can read the processing record.',
  ),
  'SEARCH.EXPORT_TOO_LARGE': service(
    'invalid',
    'More complaints match the filters than one export holds (docs/adr/0045); `rows` and `maxRows` in the details. Narrow the filters, e.g. a shorter period.',
    'Terlalu banyak aduan untuk diunduh sekaligus; persempit penyaringan, misalnya periode yang lebih pendek.',
    'Too many complaints to download at once; narrow the filters, for example a shorter period.',
  ),
  'OFFICE_OFFICERS.FORBIDDEN_ROLE': service(
    'forbidden',
    "Only the head of office, who issues the team decree (SOP step 6), lists the office's officers to name in it.",
    'Hanya Kepala Kantor yang dapat melihat daftar petugas kantor untuk SK Tim.',
    "Only the head of office can see the list of the office's officers for the team decree.",
  ),
  'ASSIGNMENT.NOT_WAITING_ON_YOU': service(
    'conflict',
    'An officer claims a complaint that does not wait on their role (or, for a section officer, their section) at its current step (docs/adr/0046).',
    'Aduan ini tidak sedang menunggu peran Anda, jadi tidak dapat Anda ambil.',
    'This complaint is not waiting on your role, so you cannot take it.',
  ),
  'ASSIGNMENT.TAKEN': service(
    'conflict',
    'Another officer is already on the complaint at this step; the head of office may reassign it, or its assignee release it.',
    'Aduan ini sudah diambil petugas lain.',
    'Another officer has already taken this complaint.',
  ),
  'ASSIGNMENT.FORBIDDEN_ROLE': service(
    'forbidden',
    'Only the head of office assigns a complaint to an officer (docs/adr/0046).',
    'Hanya Kepala Kantor yang dapat menugaskan aduan kepada petugas.',
    'Only the head of office can assign a complaint to an officer.',
  ),
  'ASSIGNMENT.NOT_YOURS': service(
    'conflict',
    'A colleague is on the complaint: only they or the head of office release it.',
    'Aduan ini sedang ditangani rekan Anda; hanya dia atau Kepala Kantor yang dapat melepasnya.',
    'A colleague is on this complaint; only they or the head of office can release it.',
  ),
  'ASSIGNMENT.OFFICER_NOT_ELIGIBLE': service(
    'invalid',
    'The officer named is not an active officer of the office whose role the complaint waits on now; the field is named.',
    'Petugas yang dipilih bukan petugas aktif kantor Anda yang perannya sedang ditunggu aduan ini.',
    'The officer chosen is not an active officer of your office whose role this complaint is waiting on.',
  ),
  'NOTE.FORBIDDEN_ROLE': service(
    'forbidden',
    "The auditor reads the office's internal notes but writes none.",
    'Peran Anda hanya dapat membaca catatan internal.',
    'Your role may only read internal notes.',
  ),
  'CALL_TASK.FORBIDDEN_ROLE': service(
    'forbidden',
    'Only Admin Tikkim works the call tasks (answers no channel could deliver).',
    'Hanya Admin Tikkim yang menangani daftar panggilan.',
    'Only Admin Tikkim works the list of calls.',
  ),
  'PROBLEM_MESSAGE.FORBIDDEN_ROLE': service(
    'forbidden',
    'Only Admin Tikkim works the problem messages (quarantined webhooks, channel messages set aside); the head of office reads them.',
    'Hanya Admin Tikkim yang menangani pesan bermasalah; Kepala Kantor dapat melihatnya.',
    'Only Admin Tikkim works the problem messages; the head of office can view them.',
  ),
  'PROBLEM_MESSAGE.NOT_FOUND': service('not-found', "No problem message of the officer's office has this id.", 'Pesan bermasalah tidak ditemukan.', 'The problem message was not found.'),
  'PROBLEM_MESSAGE.SETTLED': service(
    'conflict',
    'The problem message was already re-processed or discarded; the current status is in the details.',
    'Pesan ini sudah diproses ulang atau dibuang.',
    'This message was already re-processed or discarded.',
  ),
  'DEAD_LETTER.FORBIDDEN_ROLE': service(
    'forbidden',
    "Only a platform operator reads and re-drives the consumer groups' dead-lettered events (docs/adr/0043).",
    'Hanya Operator Platform yang menangani peristiwa gagal.',
    'Only a platform operator handles failed events.',
  ),
  'DEAD_LETTER.NOT_FOUND': service('not-found', 'No dead-lettered event has this id.', 'Peristiwa gagal tidak ditemukan.', 'The failed event was not found.'),
  'DEAD_LETTER.ALREADY_REDRIVEN': service(
    'conflict',
    'The dead-lettered event was re-driven already (when, by whom and which re-drive in the detail); if it failed again it is listed anew.',
    'Peristiwa ini sudah dikirim ulang.',
    'This event was already sent again.',
  ),
  'DEAD_LETTER.NOT_REDRIVABLE': service(
    'conflict',
    'The event was refused before its group tried it (malformed, or a signature that does not verify): sending it again cannot help.',
    'Peristiwa ini ditolak sebelum diproses (rusak atau tanda tangannya tidak sah); mengirim ulang tidak akan membantu.',
    'This event was refused before it was processed (broken, or its signature is not valid); sending it again will not help.',
  ),
  'DEAD_LETTER.UNKNOWN_GROUP': service(
    'invalid',
    'The consumer group is none of those whose dead letters the gateway reads; the field is named.',
    'Kelompok konsumen tidak dikenal.',
    'The consumer group is not known.',
  ),

  // The public pages
  'TRACKING.NOT_FOUND': service('not-found', 'No complaint matches this tracking number and verifier.', 'Aduan dengan nomor dan data pelapor tersebut tidak ditemukan.', "No complaint matches that number and the reporter's details."),
  'TRACKING.RATE_LIMITED': service('rate-limited', 'Too many tracking attempts; `retryAfterSeconds` says when to try again.', 'Terlalu banyak percobaan; coba lagi nanti.', 'Too many attempts; try again later.'),
  'WEB_FORM.RATE_LIMITED': service(
    'rate-limited',
    'Too many web-form submissions from this address; `retryAfterSeconds` says when to try again.',
    'Terlalu banyak aduan terkirim dari alamat ini; coba lagi nanti.',
    'Too many complaints have been sent from this address; try again later.',
  ),
  'WEB_FORM.NOT_FOUND': http(404, 'There is no such web-form submission.', 'Kiriman formulir tidak ditemukan.', 'The form submission was not found.'),

  // Between services
  'GRPC.CALLER_NOT_ALLOWED': service('forbidden', 'The calling service may not call this method (mutual TLS identity, docs/adr/0028).', 'Layanan pemanggil tidak berwenang.', 'The calling service is not allowed.'),
  'SERVICE.UNAVAILABLE': service(
    'unavailable',
    'The service cannot reach its database right now; try again shortly with the same Idempotency-Key.',
    'Layanan sedang tidak tersedia; coba lagi beberapa saat lagi.',
    'The service is unavailable right now; try again in a moment.',
  ),
  'SERVICE.NOT_READY': service(
    'unavailable',
    'The service is starting: its database is not reachable or migrated yet; try again shortly.',
    'Layanan sedang dimulai; coba lagi beberapa saat lagi.',
    'The service is starting; try again in a moment.',
  ),
  'UPSTREAM.UNAVAILABLE': service(
    'unavailable',
    'A service this one needs is not reachable right now; try again shortly with the same Idempotency-Key.',
    'Layanan sedang tidak tersedia; coba lagi beberapa saat lagi.',
    'The service is unavailable right now; try again in a moment.',
  ),
  INTERNAL: {
    kind: null as null,
    httpStatus: 500,
    grpcStatus: 'INTERNAL' as GrpcStatusName,
    meaning: 'An unexpected error; quote the X-Correlation-Id of the answer when reporting it.',
    messageId: 'Terjadi kesalahan yang tidak terduga; coba lagi atau hubungi admin.',
    messageEn: 'Something unexpected went wrong; try again or contact the administrator.',
  },

  // The HTTP layer (errors that have only a status)
  'HTTP.BAD_REQUEST': http(400, 'The body cannot be read (e.g. malformed JSON).', 'Permintaan tidak dapat dibaca.', 'The request cannot be read.'),
  'HTTP.NOT_FOUND': http(404, 'No such route.', 'Alamat tidak ditemukan.', 'The address was not found.'),
  'HTTP.PAYLOAD_TOO_LARGE': http(413, 'The body is larger than the API takes.', 'Isi permintaan terlalu besar.', 'The content of the request is too large.'),
  'HTTP.UNSUPPORTED_MEDIA_TYPE': http(415, 'The body is in a type, charset or encoding the API does not take.', 'Jenis isi permintaan tidak didukung.', 'This type of content is not supported.'),
  'HTTP.CLIENT_ERROR': http(400, 'Any other refusal that has only an HTTP status (the status says which).', 'Permintaan ditolak.', 'The request was refused.'),
  'HTTP.NOT_ORIGIN_FORM': http(400, 'The request target is not a path (absolute or authority form).', 'Alamat permintaan tidak valid.', 'The request address is not valid.'),

  // The public webhooks (providers' callbacks, forwarded to intake)
  'WEBHOOK.PATH_NOT_CANONICAL': http(400, 'Not a webhook path: /webhooks/<provider>[/<subpath>], in lower case, with nothing encoded.', 'Alamat webhook tidak valid.', 'The webhook address is not valid.'),
  'WEBHOOK.UNKNOWN_ROUTE': http(404, 'No such webhook.', 'Webhook tidak ditemukan.', 'The webhook was not found.'),
  'WEBHOOK.UNKNOWN_PROVIDER': http(404, 'No such channel provider.', 'Penyedia kanal tidak dikenal.', 'The channel provider is not known.'),
  'WEBHOOK.PROVIDER_OFF': http(404, 'The channel is not configured on this platform.', 'Kanal ini tidak diaktifkan.', 'This channel is not turned on.'),
  'WEBHOOK.METHOD_NOT_ALLOWED': http(405, 'The webhook does not take this method; `Allow` lists those it takes.', 'Metode permintaan tidak diterima.', 'The request method is not accepted.'),
  'WEBHOOK.MISSING_SIGNATURE': http(401, "The request carries no provider's signature.", 'Permintaan tidak bertanda tangan.', 'The request is not signed.'),
  'WEBHOOK.BAD_SIGNATURE': http(403, "The provider's signature does not match.", 'Tanda tangan permintaan tidak cocok.', "The request's signature does not match."),
  'WEBHOOK.MISSING_CREDENTIALS': http(401, "The request carries no provider's credentials.", 'Permintaan tidak menyertakan kredensial.', 'The request carries no credentials.'),
  'WEBHOOK.BAD_CREDENTIALS': http(403, "The provider's credentials do not match.", 'Kredensial permintaan tidak cocok.', "The request's credentials do not match."),
  'WEBHOOK.UNKNOWN_ACCOUNT': http(403, 'The webhook names an account no office is configured with.', 'Akun kanal ini tidak terdaftar.', 'This channel account is not registered.'),
  'WEBHOOK.MALFORMED': http(400, 'The webhook cannot be read; it is quarantined for inspection.', 'Isi webhook tidak dapat dibaca.', 'The webhook content cannot be read.'),
  'WEBHOOK.TOO_LARGE': http(413, 'The request is larger than this webhook takes.', 'Isi webhook terlalu besar.', 'The webhook content is too large.'),
  'WEBHOOK.UPSTREAM_UNAVAILABLE': http(502, 'The gateway could not hand the webhook on to intake; the provider retries.', 'Webhook belum dapat diteruskan; akan dicoba lagi.', 'The webhook could not be passed on yet; it will be tried again.'),
} as const satisfies Record<string, ErrorCatalogueEntry>;

/** A code of {@link ERROR_CATALOGUE}: what `ServiceError` and every answer carry. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The codes a `ServiceError` may carry: those with a kind. */
export type ServiceErrorCode = { [C in ErrorCode]: (typeof ERROR_CATALOGUE)[C]['kind'] extends ErrorKind ? C : never }[ErrorCode];

/** Every code, in the catalogue's order. */
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** Whether `value` is a code of the catalogue. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, value);
}
